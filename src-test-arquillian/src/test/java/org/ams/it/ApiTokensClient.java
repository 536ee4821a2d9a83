package org.ams.it;

import static org.ams.it.ApiTokensIT.AUDITOR;
import static org.ams.it.ApiTokensIT.AUDITOR_TOKEN;
import static org.ams.it.ApiTokensIT.COMPUTER;
import static org.ams.it.ApiTokensIT.FIRST_PASSWORD;
import static org.ams.it.ApiTokensIT.FULL;
import static org.ams.it.ApiTokensIT.HELPDESK_USER;
import static org.ams.it.ApiTokensIT.METADATA_ONLY;
import static org.ams.it.ApiTokensIT.OUTSIDER;
import static org.ams.it.ApiTokensIT.OUTSIDER_TOKEN;
import static org.ams.it.ApiTokensIT.PASSWORDS_ONLY;
import static org.ams.it.ApiTokensIT.SECOND_PASSWORD;
import static org.ams.it.ApiTokensIT.TO_EXPIRE;
import static org.ams.it.ApiTokensIT.TO_REVOKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ams.it.browser.AccessibilityCheck;
import org.ams.it.browser.ApiTokensPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.ClippedContent;
import org.ams.it.browser.LoginPage;
import org.ams.it.browser.Menu;
import org.ams.it.browser.Viewport;
import org.openqa.selenium.Dimension;

/**
 * The client side of {@link ApiTokensIT}: the administrator's browser on Settings / API tokens, and a script's calls
 * to {@code /api/v1} with {@link HttpClient}. Kept apart from the test class because the test class is also loaded
 * inside the server, where Selenium does not exist.
 */
final class ApiTokensClient {

    static final String READ_METADATA = "Read computer and key metadata";
    static final String READ_PASSWORDS = "Read recovery passwords";

    /** The secrets the page showed, by the note of their token (this JVM only, as a script's secret store). */
    private static final Map<String, String> SECRETS = new HashMap<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static Browser browser;
    private static URL base;

    private ApiTokensClient() {
    }

    static void start() {
        browser = Browser.shared();
    }

    static void at(URL server) {
        base = server;
    }

    static String secret(String note) {
        String secret = SECRETS.get(note);
        if (secret == null) {
            throw new AssertionError("no token noted " + note + " was issued");
        }
        return secret;
    }

    /** Signs in as the administrator and opens Settings / API tokens from the menu. */
    static ApiTokensPage openAsAdministrator() {
        LoginPage.signInAfresh(browser, base, "admin", TestEnvironment.adminPassword());
        new Menu(browser).open("API tokens");
        return new ApiTokensPage(browser);
    }

    static ApiTokensPage page() {
        return new ApiTokensPage(browser);
    }

    /** Issues a token on the page and keeps the secret its dialog shows; checks the dialog shows it once only. */
    static String issue(ApiTokensPage page, String user, String note, String... scopes) {
        page.chooseOwner(user, user);
        assertEquals(user, page.chosenOwner());
        page.scopes(scopes);
        // The expiry stays the page's default, 90 days from today.
        page.note(note);
        page.issue();
        String secret = page.shownSecret();
        assertTrue(secret.matches("ams_[A-Za-z0-9_-]{43}"), "a prefixed, URL-safe secret of 32 random bytes");
        assertTrue(page.dialogText().contains("only time it is shown"), "the dialog says it is shown once");
        page.copied();
        assertFalse(page.source().contains(secret), "once the dialog is closed, the page no longer holds the secret");
        SECRETS.put(note, secret);
        return secret;
    }

    /** The answer to one call: its status, its JSON body and its headers. */
    record Answer(int status, JsonObject body, HttpResponse<String> response) {

        String code() {
            return body.getString("code", "");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    static Answer get(String path, String secret) {
        return call(HttpRequest.newBuilder(uri(path)).GET(), secret);
    }

    static Answer post(String path, String secret, String json) {
        return call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), secret);
    }

    static Answer call(HttpRequest.Builder request, String secret) {
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonObject body;
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                body = reader.readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (" + response.statusCode() + "): "
                        + abbreviated(response.body()), e);
            }
            assertEquals(null, response.headers().firstValue("Set-Cookie").orElse(null),
                    "an API call creates no session");
            return new Answer(response.statusCode(), body, response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void issueTokensOnThePage() {
        ApiTokensPage page = openAsAdministrator();
        assertEquals("API tokens", page.heading());
        int before = page.tokens().size();

        page.note("nobody chosen");
        page.issue();
        assertEquals("Choose the user the token is for (a person, or a local account kept for a script); a group "
                + "cannot hold a token.", page.errorText());
        assertEquals(before, page.tokens().size(), "a refused token adds nothing");

        issue(page, HELPDESK_USER, FULL, READ_METADATA,
                READ_PASSWORDS);
        issue(page, HELPDESK_USER, METADATA_ONLY, READ_METADATA);
        issue(page, HELPDESK_USER, PASSWORDS_ONLY, READ_PASSWORDS);
        issue(page, OUTSIDER, OUTSIDER_TOKEN, READ_METADATA,
                READ_PASSWORDS);
        issue(page, AUDITOR, AUDITOR_TOKEN, READ_METADATA,
                READ_PASSWORDS);
        issue(page, HELPDESK_USER, TO_REVOKE, READ_METADATA);
        issue(page, HELPDESK_USER, TO_EXPIRE, READ_METADATA);

        List<ApiTokensPage.Row> rows = page.tokens();
        assertEquals(before + 7, rows.size(), rows.toString());
        ApiTokensPage.Row full = rows.stream().filter(row -> row.note().equals(FULL)).findFirst().orElseThrow();
        assertEquals(HELPDESK_USER, full.owner());
        assertEquals(READ_METADATA + ", " + READ_PASSWORDS, full.scopes());
        assertEquals("Active", full.state());
        assertEquals("never", full.lastUsed());
        assertTrue(secret(FULL).startsWith(full.hint().replace("…", "")),
                "the list shows the secret's first characters only: " + full.hint().length() + " characters");
        // The page was opened today, or yesterday if the test ran over midnight (UTC).
        LocalDate today = OffsetDateTime.now(ZoneOffset.UTC).toLocalDate();
        assertTrue(Set.of(today.plusDays(91) + " 00:00 UTC", today.plusDays(90) + " 00:00 UTC")
                .contains(full.expires()), "the default expiry, the end of the day 90 days from the day the page "
                + "was opened: " + full.expires());
    }

    static void withoutAValidToken() {
        for (String secret : new String[] {null, "not-a-token", "ams_" + "A".repeat(43)}) {
            Answer answer = get("api/v1/computers?name=" + COMPUTER, secret);
            assertEquals(401, answer.status(), answer.body().toString());
            assertEquals(List.of("code", "message"), fieldNames(answer.body()));
            assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer"), answer.header("WWW-Authenticate"));
        }
        assertEquals("UNAUTHENTICATED", get("api/v1/computers?name=x", null).code());
        HttpResponse<String> openApi = call(HttpRequest.newBuilder(uri("openapi")).GET());
        assertEquals(200, openApi.statusCode());
        for (String described : List.of("/api/v1/computers:", "/api/v1/computers/{id}:",
                "/api/v1/computers/{id}/recovery-passwords:", "scheme: bearer", "READ_RECOVERY_PASSWORDS")) {
            assertTrue(openApi.body().contains(described), "the OpenAPI document describes " + described);
        }
        assertEquals("INVALID_TOKEN", get("api/v1/computers?name=x", "ams_" + "B".repeat(43))
                .code());
    }

    static void metadataScope() {
        String full = secret(FULL);
        String id = computerId(COMPUTER, secret(METADATA_ONLY));

        Answer byKeyId = get("api/v1/computers?keyId=A91E0C5A", full);
        assertEquals(200, byKeyId.status(), byKeyId.body().toString());
        assertEquals(List.of(id), byKeyId.body().getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("id")).toList());

        Answer computer = get("api/v1/computers/" + id, secret(METADATA_ONLY));
        assertEquals(200, computer.status(), computer.body().toString());
        JsonObject body = computer.body();
        assertEquals(COMPUTER, body.getString("name"));
        assertEquals("APPROVED", body.getString("state"), "registered, approved, not checked in yet");
        JsonArray keys = body.getJsonArray("keys");
        assertEquals(Set.of("6A1B2C3D", "A91E0C5A"), Set.copyOf(keys.stream()
                .map(key -> key.asJsonObject().getString("keyId")).toList()));
        for (int i = 0; i < keys.size(); i++) {
            JsonObject key = keys.getJsonObject(i);
            assertTrue(key.getBoolean("escrowed"));
            assertFalse(key.getBoolean("disclosed"), "not shown to anybody yet");
            assertFalse(key.containsKey("recoveryPassword"));
        }
        assertFalse(computer.response().body().contains(FIRST_PASSWORD.substring(0, 13))
                        || computer.response().body().contains(SECOND_PASSWORD.substring(0, 13)),
                "metadata holds no recovery password");

        Answer paged = get("api/v1/computers?name=" + COMPUTER + "&limit=1000", full);
        assertEquals(400, paged.status());
        assertEquals("INVALID_REQUEST", paged.code());
        Answer noPasswordsScope = get("api/v1/computers/" + id,
                secret(PASSWORDS_ONLY));
        assertEquals(403, noPasswordsScope.status());
        assertEquals("SCOPE_MISSING", noPasswordsScope.code());
    }

    static void passwordScope() {
        String id = computerId(COMPUTER, secret(FULL));

        Answer withoutScope = post("api/v1/computers/" + id + "/recovery-passwords",
                secret(METADATA_ONLY), "{\"reason\":\"ticket 4711\"}");
        assertEquals(403, withoutScope.status());
        assertEquals("SCOPE_MISSING", withoutScope.code());

        Answer auditorOnly = post("api/v1/computers/" + id + "/recovery-passwords",
                secret(AUDITOR_TOKEN), "{\"reason\":\"ticket 4711\"}");
        assertEquals(403, auditorOnly.status(), "the scope does not give the owner a role they lack");
        assertEquals("FORBIDDEN", auditorOnly.code());

        Answer granted = post("api/v1/computers/" + id + "/recovery-passwords",
                secret(FULL), "{\"reason\":\"ticket 4711\"}");
        assertEquals(200, granted.status(), granted.code());
        assertEquals("Success", granted.body().getString("result"));
        List<String> passwords = granted.body().getJsonArray("keys").stream()
                .map(key -> key.asJsonObject().getString("recoveryPassword")).toList();
        assertTrue(Set.copyOf(passwords).equals(Set.of(FIRST_PASSWORD, SECOND_PASSWORD)),
                "exactly the two escrowed recovery passwords (" + passwords.size() + " returned)");

        Answer metadata = get("api/v1/computers/" + id, secret(FULL));
        assertTrue(metadata.body().getJsonArray("keys").stream()
                .allMatch(key -> key.asJsonObject().getBoolean("disclosed")), "both keys are now disclosed");
    }

    static void beyondTheOwnersRules() {
        String id = computerId(COMPUTER, secret(FULL));
        String outsider = secret(OUTSIDER_TOKEN);
        String unknown = UUID.randomUUID().toString();

        Answer found = get("api/v1/computers?name=" + COMPUTER, outsider);
        assertEquals(200, found.status());
        assertEquals(0, found.body().getJsonArray("items").size(), "the outsider finds nothing by name");

        for (String path : new String[] {"", "/recovery-passwords"}) {
            Answer existing = path.isEmpty() ? get("api/v1/computers/" + id, outsider)
                    : post("api/v1/computers/" + id + path, outsider, "{}");
            Answer missing = path.isEmpty() ? get("api/v1/computers/" + unknown, outsider)
                    : post("api/v1/computers/" + unknown + path, outsider, "{}");
            assertEquals(404, existing.status());
            assertEquals(missing.status(), existing.status());
            assertEquals(missing.body(), existing.body(), "the same answer for " + (path.isEmpty() ? "metadata"
                    : "recovery passwords"));
        }
    }

    static void revokedOnThePage() {
        String secret = secret(TO_REVOKE);
        assertEquals(200, get("api/v1/computers?name=" + COMPUTER, secret).status());

        ApiTokensPage page = openAsAdministrator();
        page.revoke(TO_REVOKE);
        Answer refused = get("api/v1/computers?name=" + COMPUTER, secret);
        assertEquals(401, refused.status());
        assertEquals("INVALID_TOKEN", refused.code());

        List<ApiTokensPage.Row> rows = openAsAdministrator().tokens();
        ApiTokensPage.Row revoked = rows.stream().filter(row -> row.note().equals(TO_REVOKE)).findFirst()
                .orElseThrow();
        assertEquals("Revoked", revoked.state());
        ApiTokensPage.Row full = rows.stream().filter(row -> row.note().equals(FULL)).findFirst().orElseThrow();
        assertNotEquals("never", full.lastUsed(), "a used token shows when");
        layout();
    }

    /** The page reads well at 1366 and 1920 pixels: nothing clipped, no serious accessibility problem. */
    static void layout() {
        Viewport viewport = new Viewport(browser);
        Dimension before = viewport.window();
        List<String> problems = new ArrayList<>();
        Path pictures = TestEnvironment.work().resolveSibling("console-screenshots").resolve(TestEnvironment.database());
        try {
            for (Dimension window : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
                viewport.size(window);
                ApiTokensPage page = openAsAdministrator();
                page.chooseOwner(HELPDESK_USER, HELPDESK_USER);
                ClippedContent.on(browser).forEach(clip -> problems.add("page at " + window.width + ": " + clip));
                AccessibilityCheck.seriousViolations(browser)
                        .forEach(violation -> problems.add("page at " + window.width + ": " + violation));
                viewport.screenshot(pictures.resolve("admin-settings-api-tokens-" + window.width + ".png"));
            }
        } finally {
            viewport.size(before);
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static void expiredAndRateLimited() {
        Answer expired = get("api/v1/computers?name=" + COMPUTER, secret(TO_EXPIRE));
        assertEquals(401, expired.status());
        assertEquals("INVALID_TOKEN", expired.code());

        String id = computerId(COMPUTER, secret(FULL));
        Answer limited = post("api/v1/computers/" + id + "/recovery-passwords",
                secret(FULL), "{\"reason\":\"ticket 4712\"}");
        assertEquals(429, limited.status());
        assertEquals("UserRateLimitExceeded", limited.code());
        assertFalse(limited.body().containsKey("keys"));
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The id of the computer with this name, as the token's owner finds it. */
    static String computerId(String name, String secret) {
        Answer found = get("api/v1/computers?name=" + name, secret);
        assertEquals(200, found.status(), found.body().toString());
        assertEquals(1, found.body().getJsonArray("items").size(), found.body().toString());
        return found.body().getJsonArray("items").getJsonObject(0).getString("id");
    }

    static List<String> fieldNames(JsonObject object) {
        return List.copyOf(object.keySet());
    }

    private static URI uri(String path) {
        return URI.create(base.toString() + path);
    }

    /** Bodies are short; a long one (an HTML error page) is cut, so no page's content fills the test report. */
    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
