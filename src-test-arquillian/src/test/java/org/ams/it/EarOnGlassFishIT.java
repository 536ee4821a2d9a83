package org.ams.it;

import java.nio.file.Path;
import java.util.List;
import org.ams.it.server.ApplicationServer;
import org.ams.it.server.GlassFishServer;

/**
 * The built EAR on Eclipse GlassFish 7, deployed as README's *Deploying on your application server* says: a new
 * domain started with {@code asadmin start-domain}, AMS's settings as the server's system properties
 * ({@code asadmin create-system-properties}), then {@code asadmin deploy}; the flow is
 * {@link EarOnApplicationServer}'s.
 */
class EarOnGlassFishIT extends EarOnApplicationServer {

    EarOnGlassFishIT() {
        super("GlassFish");
    }

    @Override
    protected ApplicationServer start(List<String> settings, Path directory) throws Exception {
        return GlassFishServer.start(Path.of(System.getProperty("ams.it.glassfish")), directory, settings);
    }

    /**
     * GlassFish 7.0 writes the session cookie without it: it applies neither the Servlet 6 attribute nor Payara's
     * {@code cookieSameSite} of glassfish-web.xml (README, GlassFish 7). Should a later version apply it, this
     * fails, and README's word on it must change.
     */
    @Override
    protected boolean appliesSessionCookieSameSite() {
        return false;
    }
}
