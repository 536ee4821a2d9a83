package org.ams.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every REST resource of AMS lives under {@code /api}. */
@ApplicationPath("/api")
public class RestApplication extends Application {
}
