package org.ams.it;

import java.nio.file.Path;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real build output, deployed as it is: integration tests never assemble a WAR of their own. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive amsWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, war().toFile());
    }

    public static Path war() {
        return Path.of(System.getProperty("ams.it.war", "../ams-web/target/ams-web.war")).toAbsolutePath();
    }

    public static Path ear() {
        return Path.of(System.getProperty("ams.it.ear", "../ams-ear/target/ams.ear")).toAbsolutePath();
    }
}
