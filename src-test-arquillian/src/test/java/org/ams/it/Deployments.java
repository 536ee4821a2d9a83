package org.ams.it;

import java.nio.file.Path;
import java.util.Map;
import org.ams.security.RoleNames;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real build output, deployed as it is: integration tests never assemble a WAR of their own. */
public final class Deployments {

    /**
     * The run-as principals of in-container tests' calls as each role ({@link AsAdministrator}, {@link AsHelpdesk},
     * {@link AsAuditor}, {@link AsSelfService}), as {@code in-container/glassfish-ejb-jar.xml} names them.
     */
    private static final Map<String, String> IN_CONTAINER_PRINCIPALS = Map.of(
            RoleNames.ADMINISTRATOR, "in-container-test-administrator",
            RoleNames.HELPDESK, "in-container-test-helpdesk",
            RoleNames.AUDITOR, "in-container-test-auditor",
            RoleNames.SELF_SERVICE, "in-container-test-self-service");

    private Deployments() {
    }

    /**
     * The deployment of every IT class that shares its JVM's server ({@code org.ams.it.server.SharedPayaraMicro}): the
     * real WAR with every in-container test class and helper, since whichever class runs first starts the server for
     * all. A class that runs wholly as client ({@code @RunAsClient}) is left out of the server by the adapter.
     */
    public static WebArchive shared() {
        // WebhookCall appears in lambda signatures of NotificationsIT, which the server resolves when it lists the
        // test methods.
        return amsWarWithTests(ApiTokensIT.class, TokenClock.class, OversightApiIT.class, AuditLogIT.class,
                SyslogReceiver.class, AuthorizationRulesIT.class, ApprovalsIT.class, ApprovalClock.class, Simultaneous.class, ApprovalsPageIT.class,
                DirectoryAccessIT.class, EscrowVerificationIT.class, KeyImportIT.class, KeyImportRestartIT.class, KeyImportBenchmark.class,
                BitLockerDirectory.class,
                KeyFileImportIT.class,
                HelpdeskIT.class, KeyRotationIT.class, KeyRotationOutageIT.class,
                KeyRotationPageIT.class, MetricsIT.class, NotificationsIT.class, SelfServiceRecoveryIT.class,
                RecoverPageIT.class, OidcSignInIT.class,
                SecretVaultIT.class, ServiceRolesIT.class, SessionsUnderLoadIT.class, DeviceFixture.class,
                HelpdeskTeam.class, SignedInCalls.class,
                RunnerResponse.class,
                DevicesApiIT.class, RoleGrants.class,
                NotificationListeners.WebhookCall.class,
                org.ams.it.upgrade.FixtureFacts.class)
                .addClass("org.ams.it.upgrade.UpgradeIT").addClass("org.ams.it.upgrade.ProductConstants")
                // DirectoryAccessIT's LDAP server, run inside the server process.
                .addClass(org.ams.identity.testing.TestDirectory.class)
                .addAsResource("org/ams/identity/testing/corp-directory.ldif")
                // KeyImportIT's Active Directory-shaped server: the schema of the attributes the import reads.
                .addAsResource("org/ams/it/bitlocker-schema.ldif");
    }

    public static WebArchive amsWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, war().toFile());
    }

    /**
     * The real WAR plus in-container test classes, the beans that call services as each role and as no one, and access
     * for Arquillian's test runner servlet, which the application's security constraints would otherwise send to the
     * sign-in page.
     */
    public static WebArchive amsWarWithTests(Class<?>... testClasses) {
        WebArchive war = amsWar();
        // The principals the As... beans run as (WEB-INF/glassfish-ejb-jar.xml) hold their roles.
        String roleMapping;
        try (java.io.InputStream in = war.get("/WEB-INF/glassfish-web.xml").getAsset().openStream()) {
            roleMapping = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        war.delete("/WEB-INF/glassfish-web.xml");
        for (Map.Entry<String, String> principal : IN_CONTAINER_PRINCIPALS.entrySet()) {
            String role = "<role-name>" + principal.getKey() + "</role-name>";
            roleMapping = roleMapping.replace(role, role + "\n        <principal-name>" + principal.getValue()
                    + "</principal-name>");
        }
        war.addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(roleMapping), "glassfish-web.xml");
        return war.addClasses(testClasses)
                .addClasses(AsAdministrator.class, AsHelpdesk.class, AsAuditor.class, AsSelfService.class,
                        AsNobody.class)
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
