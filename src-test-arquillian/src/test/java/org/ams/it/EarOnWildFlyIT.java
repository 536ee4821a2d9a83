package org.ams.it;

import java.nio.file.Path;
import java.util.List;
import org.ams.it.server.ApplicationServer;
import org.ams.it.server.WildFlyServer;

/**
 * The built EAR on WildFly, deployed as README's *Deploying on your application server* says: {@code standalone.sh}
 * with the Jakarta EE full profile and AMS's settings as system properties, {@code ams-ear/src/server/wildfly.cli}
 * once, then {@code deploy}; the flow is {@link EarOnApplicationServer}'s.
 */
class EarOnWildFlyIT extends EarOnApplicationServer {

    EarOnWildFlyIT() {
        super("WildFly");
    }

    @Override
    protected ApplicationServer start(List<String> settings, Path directory) throws Exception {
        WildFlyServer server = WildFlyServer.start(Path.of(System.getProperty("ams.it.wildfly")), directory, settings);
        server.cliFile(TestEnvironment.repositoryRoot().resolve("ams-ear/src/server/wildfly.cli"));
        return server;
    }

    /** From web.xml's Servlet 6 cookie attribute (Payara takes it from glassfish-web.xml instead). */
    @Override
    protected boolean appliesSessionCookieSameSite() {
        return true;
    }
}
