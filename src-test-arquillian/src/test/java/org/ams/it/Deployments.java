package org.ams.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real build output, deployed as it is: integration tests never assemble a WAR of their own. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive amsWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class,
                TestEnvironment.deployments().resolve("ams-web.war").toFile());
    }
}
