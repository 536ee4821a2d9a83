package org.ams.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.ams.it.browser.AgentRegistrationPage;
import org.ams.it.browser.AuthenticationPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.PasswordSettingsPage;
import org.ams.it.browser.RolesPage;
import org.ams.protocol.certificate.EncryptionCertificates;
import org.ams.protocol.certificate.EncryptionCredential;

/** What an administrator does in the console before agents can escrow keys, for tests that need it done. */
public final class ConsoleSetup {

    private final Browser browser;
    private final URL base;
    private final Path downloads;

    public ConsoleSetup(Browser browser, URL base, Path downloads) {
        this.browser = browser;
        this.base = base;
        this.downloads = downloads;
    }

    /** The browser this set-up drives, signed in once {@link #signInAsAdministrator()} has run. */
    public Browser browser() {
        return browser;
    }

    /**
     * Signs in and waits until the browser has left the sign-in page: the click only sends the form, and a page opened
     * before the answer arrives would abandon the sign-in.
     */
    public void signInAsAdministrator() {
        browser.open(base + "login.xhtml", LoginPage.class).signIn("admin", TestEnvironment.adminPassword());
        browser.waitUntil(driver -> !browser.currentPath().endsWith("login.xhtml"));
        browser.waitForPage();
    }

    /**
     * Everything before agents can escrow, for the benchmarks: signs in, turns agent support on, adds a registration
     * key without approval named {@code name} and makes a new certificate active; returns the key.
     */
    public String readyForAgents(String name) throws Exception {
        signInAsAdministrator();
        agentRegistration().enableAgentSupport();
        String key = new AgentRegistrationPage(browser).addKey(name, null, false);
        createActiveCertificate("AMS " + name, "Benchmark-Backup-1");
        return key;
    }

    /** A local account with the Helpdesk role, made on the Authentication and Roles pages. */
    public void addHelpdeskAccount(String user, String displayName, String password) {
        addAccount(user, displayName, password, "HELPDESK");
    }

    /** A local account with one role (HELPDESK, ADMINISTRATOR, ...), made on the Authentication and Roles pages. */
    public void addAccount(String user, String displayName, String password, String role) {
        browser.open(base + "admin/settings/authentication.xhtml", AuthenticationPage.class).on(browser)
                .addLocalAccount(user, displayName, password);
        RolesPage roles = browser.open(base + "admin/settings/roles.xhtml", RolesPage.class).on(browser);
        roles.search(user);
        roles.grant(role, user);
    }

    public AgentRegistrationPage agentRegistration() {
        browser.driver().get(base + AgentRegistrationPage.PATH);
        return new AgentRegistrationPage(browser);
    }

    public PasswordSettingsPage passwordSettings() {
        browser.driver().get(base + "admin/agent/password-settings.xhtml");
        return new PasswordSettingsPage(browser);
    }

    /** Generate new..., back up (the PKCS#12 lands in the download directory), Set active; returns the backup. */
    public EncryptionCredential createActiveCertificate(String name, String backupPassword) throws Exception {
        passwordSettings().generate(name);
        return backUpAndActivate(name, backupPassword);
    }

    /**
     * {@link #createActiveCertificate} with a 2048-bit key instead of the page's 4096-bit default, for classes that need
     * some certificate to escrow to and do not test the certificate itself: a 4096-bit key costs seconds to generate
     * on a loaded machine, and every later activation on the shared server re-wraps each secret with its private key
     * (PasswordSettingsIT covers the default).
     */
    public EncryptionCredential createActive2048BitCertificate(String name, String backupPassword) throws Exception {
        passwordSettings().generate(name, "2048 bits");
        return backUpAndActivate(name, backupPassword);
    }

    private EncryptionCredential backUpAndActivate(String name, String backupPassword) throws Exception {
        // Found by its name: the server may hold certificates other classes made.
        String thumbprint = new PasswordSettingsPage(browser).rows().stream()
                .filter(row -> row.subject().contains(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no certificate named " + name)).thumbprint();
        new PasswordSettingsPage(browser).downloadBackup(backupPassword, backupPassword);
        EncryptionCredential backup = EncryptionCertificates.fromPkcs12(Files.readAllBytes(awaitDownload(".pfx")),
                backupPassword.toCharArray());
        browser.waitUntil(d -> !new PasswordSettingsPage(browser).row(thumbprint).orElseThrow().backupRequired());
        new PasswordSettingsPage(browser).activate(thumbprint);
        return backup;
    }

    public Path awaitDownload(String suffix) {
        return browser.waitUntil(driver -> {
            try (Stream<Path> files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The HTTPS address of the test server, which serves Payara's own self-signed certificate. */
    public static String httpsServer() {
        return "https://localhost:" + TestEnvironment.httpsPort();
    }

    /** The SHA-256 fingerprint of the certificate the test server presents, read from a TLS handshake. */
    public static String servedFingerprint() throws Exception {
        return servedFingerprint(httpsServer() + "/");
    }

    /** The fingerprint of the certificate a server presents at this HTTPS base address (ending in '/'). */
    public static String servedFingerprint(String httpsBase) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) URI.create(httpsBase + "health/live").toURL()
                .openConnection();
        connection.setSSLSocketFactory(trustingAnyCertificate().getSocketFactory());
        connection.setHostnameVerifier((host, session) -> true);
        connection.connect();
        Certificate[] chain = connection.getServerCertificates();
        connection.disconnect();
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
    }

    /** Only for reading which certificate a server presents; comparing its fingerprint is the real check. */
    public static SSLContext trustingAnyCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
