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

    /**
     * The real WAR plus in-container test classes, and access for Arquillian's test runner servlet, which the
     * application's security constraints would otherwise send to the sign-in page.
     */
    public static WebArchive amsWarWithTests(Class<?>... testClasses) {
        return amsWar().addClasses(testClasses)
                .addAsLibrary(ShrinkWrap.create(org.jboss.shrinkwrap.api.spec.JavaArchive.class, "ams-in-container-tests.jar")
                        .addAsManifestResource("in-container/web-fragment.xml", "web-fragment.xml"))
                .addAsWebInfResource("in-container/glassfish-ejb-jar.xml", "glassfish-ejb-jar.xml");
    }

    public static Path war() {
        return Path.of(System.getProperty("ams.it.war", "../ams-web/target/ams-web.war")).toAbsolutePath();
    }

    public static Path ear() {
        return Path.of(System.getProperty("ams.it.ear", "../ams-ear/target/ams.ear")).toAbsolutePath();
    }
}
