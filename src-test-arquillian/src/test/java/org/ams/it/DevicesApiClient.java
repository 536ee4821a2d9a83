package org.ams.it;

import static org.ams.it.DevicesApiIT.ADMINISTRATOR;
import static org.ams.it.DevicesApiIT.COMPUTER_1;
import static org.ams.it.DevicesApiIT.COMPUTER_2;
import static org.ams.it.DevicesApiIT.DEVICES;
import static org.ams.it.DevicesApiIT.HELPDESK_USER;
import static org.ams.it.DevicesApiIT.METADATA_ONLY;
import static org.ams.it.DevicesApiIT.NOT_ADMINISTRATOR;
import static org.ams.it.DevicesApiIT.NO_RULES_USER;
import static org.ams.it.DevicesApiIT.RULE;
import static org.ams.it.DevicesApiIT.TENANT;
import static org.ams.it.DevicesApiIT.TO_EXPIRE;
import static org.ams.it.DevicesApiIT.TO_REVOKE;
import static org.ams.it.DevicesApiIT.WAITING_1;
import static org.ams.it.DevicesApiIT.WAITING_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.ams.it.ApiTokensClient.Answer;
import org.ams.it.browser.ApiTokensPage;
import org.ams.it.browser.Browser;
import org.ams.it.browser.EffectiveAccessPage;

/**
 * The client side of {@link DevicesApiIT}: the administrator's browser on Settings / API tokens and Effective access,
 * and a script's calls with {@link java.net.http.HttpClient} (through {@link ApiTokensClient}'s). Kept apart from the
 * test class because the test class is also loaded inside the server, where Selenium does not exist.
 */
final class DevicesApiClient {

    static final String ADMINISTER_DEVICES = "Administer devices and check effective access";
    static final String PASSWORDS = "Read BitLocker recovery passwords";
    private static final String FORBIDDEN_MESSAGE = "The token's owner does not hold the Administrator role, which "
            + "these calls need.";

    private static Browser browser;
    private static URL base;

    private DevicesApiClient() {
    }

    static void start() {
        browser = Browser.shared();
        ApiTokensClient.start();
    }

    static void at(URL server) {
        base = server;
        ApiTokensClient.at(server);
    }

    static void issueTokens() {
        ApiTokensPage page = ApiTokensClient.openAsAdministrator();
        ApiTokensClient.issue(page, ADMINISTRATOR, DEVICES, ADMINISTER_DEVICES);
        ApiTokensClient.issue(page, ADMINISTRATOR, METADATA_ONLY, ApiTokensClient.READ_METADATA);
        ApiTokensClient.issue(page, HELPDESK_USER, NOT_ADMINISTRATOR, ADMINISTER_DEVICES);
        ApiTokensClient.issue(page, ADMINISTRATOR, TO_REVOKE, ADMINISTER_DEVICES);
        ApiTokensClient.issue(page, ADMINISTRATOR, TO_EXPIRE, ADMINISTER_DEVICES);
        ApiTokensPage.Row row = page.tokens().stream().filter(token -> token.note().equals(DEVICES)).findFirst()
                .orElseThrow();
        assertEquals(ADMINISTER_DEVICES, row.scopes());
    }

    static void effectiveAccess() {
        String devices = secret(DEVICES);
        String computer = deviceId(COMPUTER_1);
        String path = "api/v1/computers/" + computer + "/effective-access?user=";

        Answer granted = get(path + HELPDESK_USER, devices);
        assertEquals(200, granted.status(), granted.body().toString());
        JsonObject body = granted.body();
        assertEquals(computer, body.getString("computerId"));
        assertEquals(HELPDESK_USER, body.getJsonObject("user").getString("name"));
        assertEquals("local", body.getJsonObject("user").getString("source"));
        assertEquals("READ_BITLOCKER_RECOVERY_PASSWORD", body.getString("permission"), "the page's default");
        assertEquals("Success", body.getString("result"));
        assertTrue(body.getBoolean("granted"));
        assertFalse(body.containsKey("groupsAsOf"), "a local account's groups are its own now, not a sign-in's");
        JsonObject rule = body.getJsonArray("rules").getJsonObject(0);
        assertEquals(RULE, rule.getString("description"));
        assertEquals(rule.getString("ruleId"), body.getString("decidingRuleId"));
        assertEquals("THE_COMPUTER_ITSELF", rule.getString("targetMatch"));
        assertEquals("Computer " + COMPUTER_1, rule.getString("target"));
        assertEquals("ACTIVE", rule.getString("status"));
        assertTrue(rule.getBoolean("deciding") && rule.getBoolean("applied"));
        JsonObject entry = rule.getJsonArray("entries").getJsonObject(0);
        assertEquals("ALLOW", entry.getString("access"));
        assertEquals(HELPDESK_USER, entry.getJsonObject("matchedThrough").getString("name"));
        assertFalse(entry.getBoolean("viaGroup"));
        assertTrue(entry.getBoolean("coversPermission"));

        Answer denied = get(path + NO_RULES_USER.toUpperCase(java.util.Locale.ROOT), devices);
        assertEquals(200, denied.status(), denied.body().toString());
        assertEquals(NO_RULES_USER, denied.body().getJsonObject("user").getString("name"), "found in any case");
        assertEquals("NoMatchingRuleForUser", denied.body().getString("result"), "a rule applies, not to her");
        assertFalse(denied.body().getBoolean("granted"));
        assertFalse(denied.body().containsKey("decidingRuleId"), "no rule decided");
        assertEquals(0, denied.body().getJsonArray("rules").getJsonObject(0).getJsonArray("entries").size());

        Answer metadata = get(path + HELPDESK_USER + "&permission=READ_BITLOCKER_KEY_METADATA", devices);
        assertEquals("NoMatchingRuleForUser", metadata.body().getString("result"), "the rule gives passwords only");
        assertFalse(metadata.body().getJsonArray("rules").getJsonObject(0).getJsonArray("entries").getJsonObject(0)
                .getBoolean("coversPermission"));

        Answer otherComputer = get("api/v1/computers/" + deviceId(COMPUTER_2) + "/effective-access?user="
                + HELPDESK_USER, devices);
        assertEquals("NoMatchingRuleForTarget", otherComputer.body().getString("result"));
        assertEquals(List.of("DOES_NOT_CONTAIN_THE_COMPUTER"), otherComputer.body().getJsonArray("rules").stream()
                .filter(considered -> considered.asJsonObject().getString("description").equals(RULE))
                .map(considered -> considered.asJsonObject().getString("targetMatch")).toList(),
                "the rule naming the user, about another computer, is listed as on the page");

        // The page, asked the same questions, says the same.
        assertEquals(onThePage(HELPDESK_USER), granted.body().getString("verdict"));
        assertEquals(onThePage(NO_RULES_USER), denied.body().getString("verdict"));

        refused(get(path, devices), 400, "INVALID_REQUEST", "Name the user: user=<account name>.");
        refused(get(path + "dapi-nobody", devices), 404, "USER_NOT_FOUND",
                "No user is called dapi-nobody in any identity source.");
        refused(get(path + HELPDESK_USER + "&source=ldap:elsewhere", devices), 404, "USER_NOT_FOUND",
                "No user is called " + HELPDESK_USER + " in the identity source ldap:elsewhere.");
        refused(get(path + HELPDESK_USER + "&permission=READ_EVERYTHING", devices), 400, "INVALID_REQUEST",
                "permission is one of [READ_BITLOCKER_RECOVERY_PASSWORD, READ_BITLOCKER_KEY_METADATA].");
        String unknown = "api/v1/computers/" + UUID.randomUUID() + "/effective-access?user=" + HELPDESK_USER;
        refused(get(unknown, devices), 404, "NOT_FOUND", "There is no computer with this id.");
        refused(get(path + HELPDESK_USER, secret(METADATA_ONLY)), 403, "SCOPE_MISSING",
                "This token does not have the scope ADMINISTER_DEVICES.");
        String notAdministrator = "The token's owner does not hold the Administrator role, which this call needs.";
        refused(get(path + HELPDESK_USER, secret(NOT_ADMINISTRATOR)), 403, "FORBIDDEN", notAdministrator);
        refused(get(unknown, secret(NOT_ADMINISTRATOR)), 403, "FORBIDDEN", notAdministrator);
    }

    /** The verdict of the Effective access page, signed in as the administrator. */
    private static String onThePage(String user) {
        ApiTokensClient.openAsAdministrator();
        browser.driver().get(base + EffectiveAccessPage.PATH);
        browser.waitForPage();
        return new EffectiveAccessPage(browser).check(user, COMPUTER_1, PASSWORDS).verdict();
    }

    static void administerDevices() {
        String devices = secret(DEVICES);

        Answer pending = get("api/v1/devices?state=pending&name=dapi-", devices);
        assertEquals(200, pending.status(), pending.body().toString());
        assertEquals(List.of(WAITING_1, WAITING_2), names(pending.body()));
        assertEquals(2, pending.body().getInt("total"));
        JsonObject first = pending.body().getJsonArray("items").getJsonObject(0);
        assertEquals("PENDING", first.getString("state"));
        assertEquals(TENANT, first.getString("tenant"));
        Answer secondPage = get("api/v1/devices?state=PENDING&name=DAPI-&offset=1&limit=1", devices);
        assertEquals(List.of(WAITING_2), names(secondPage.body()));
        assertEquals(2, secondPage.body().getInt("total"));
        assertEquals(List.of(COMPUTER_1, COMPUTER_2, WAITING_1, WAITING_2),
                names(get("api/v1/devices?name=dapi-", devices).body()), "every state but deleted, by name");
        refused(get("api/v1/devices?state=GONE", devices), 400, "INVALID_REQUEST",
                "state is one of [PENDING, APPROVED, REJECTED, DISABLED, DELETED, IMPORTED].");
        refused(get("api/v1/devices?limit=101", devices), 400, "INVALID_REQUEST",
                "offset is 0 or more and limit 1 to 100.");

        String waiting1 = deviceId(WAITING_1);
        String waiting2 = deviceId(WAITING_2);
        String computer1 = deviceId(COMPUTER_1);
        String computer2 = deviceId(COMPUTER_2);

        // Refused before anything is looked up or changed.
        refused(post("api/v1/devices/" + waiting1 + "/approve", secret(METADATA_ONLY)), 403, "SCOPE_MISSING",
                "This token does not have the scope ADMINISTER_DEVICES.");
        refused(get("api/v1/devices", secret(METADATA_ONLY)), 403, "SCOPE_MISSING",
                "This token does not have the scope ADMINISTER_DEVICES.");
        String notAdministrator = secret(NOT_ADMINISTRATOR);
        refused(post("api/v1/devices/" + waiting1 + "/approve", notAdministrator), 403, "FORBIDDEN",
                FORBIDDEN_MESSAGE);
        refused(delete("api/v1/devices/" + computer1, notAdministrator), 403, "FORBIDDEN", FORBIDDEN_MESSAGE);
        refused(post("api/v1/devices/" + UUID.randomUUID() + "/approve", notAdministrator), 403, "FORBIDDEN",
                FORBIDDEN_MESSAGE);
        refused(get("api/v1/devices?name=dapi-", notAdministrator), 403, "FORBIDDEN", FORBIDDEN_MESSAGE);
        assertEquals("PENDING", state(waiting1), "nothing changed");
        assertEquals("APPROVED", state(computer1), "nothing changed");

        assertEquals("APPROVED", decided(post("api/v1/devices/" + waiting1 + "/approve", devices), waiting1));
        assertEquals("REJECTED", decided(post("api/v1/devices/" + waiting2 + "/reject", devices), waiting2));
        refused(post("api/v1/devices/" + waiting2 + "/reject", devices), 409, "INVALID_STATE_CHANGE",
                "A rejected device cannot become rejected. Nothing was changed.");
        refused(post("api/v1/devices/" + waiting1 + "/reject", devices), 409, "INVALID_STATE_CHANGE",
                "An approved device cannot become rejected. Nothing was changed.");
        assertEquals("REJECTED", state(waiting2));
        assertEquals("APPROVED", state(waiting1));

        assertEquals("DISABLED", decided(post("api/v1/devices/" + computer1 + "/disable", devices), computer1));
        refused(post("api/v1/devices/" + computer1 + "/disable", devices), 409, "INVALID_STATE_CHANGE",
                "A disabled device cannot become disabled. Nothing was changed.");
        assertEquals("APPROVED", decided(post("api/v1/devices/" + computer1 + "/enable", devices), computer1));

        Answer deleted = delete("api/v1/devices/" + computer2, devices);
        assertEquals("DELETED", decided(deleted, computer2));
        refused(delete("api/v1/devices/" + computer2, devices), 409, "INVALID_STATE_CHANGE",
                "A deleted device cannot become deleted. Nothing was changed.");
        refused(post("api/v1/devices/" + computer2 + "/enable", devices), 409, "INVALID_STATE_CHANGE",
                "A deleted device cannot become approved. Nothing was changed.");
        assertEquals(List.of(COMPUTER_2), names(get("api/v1/devices?state=DELETED&name=dapi-", devices).body()));
        assertEquals(List.of(COMPUTER_1, WAITING_1, WAITING_2),
                names(get("api/v1/devices?name=dapi-", devices).body()), "a deleted device leaves the list");

        String unknown = UUID.randomUUID().toString();
        for (String id : List.of(unknown, "not-a-device")) {
            refused(get("api/v1/devices/" + id, devices), 404, "NOT_FOUND", "There is no device with this id.");
            refused(post("api/v1/devices/" + id + "/approve", devices), 404, "NOT_FOUND",
                    "There is no device with this id.");
            refused(delete("api/v1/devices/" + id, devices), 404, "NOT_FOUND", "There is no device with this id.");
        }

        assertEquals(200, get("api/v1/devices?name=dapi-", secret(TO_REVOKE)).status());
        assertEquals(200, get("api/v1/devices?name=dapi-", secret(TO_EXPIRE)).status());

        importKeysFromAFile(devices, notAdministrator);

        String document = openApiDocument();
        for (String path : List.of("/api/v1/devices:", "/api/v1/devices/key-import:", "/api/v1/devices/{id}:", "/api/v1/devices/{id}/approve:",
                "/api/v1/devices/{id}/reject:", "/api/v1/devices/{id}/disable:", "/api/v1/devices/{id}/enable:",
                "/api/v1/computers/{id}/effective-access:", "INVALID_STATE_CHANGE", "targetMatch:",
                "decidingRuleId:")) {
            assertTrue(document.contains(path), "the OpenAPI document describes " + path);
        }
    }

    /**
     * POST /api/v1/devices/key-import: the page's preview and import for a script; the file is the body. Computers
     * named DKI-API-... so that the DAPI- lists above stay as they are.
     */
    private static void importKeysFromAFile(String devices, String notAdministrator) {
        String good = KeyFileImportIT.password();
        String csv = "ComputerName,RecoveryKeyId,RecoveryKey\n"
                + "DKI-API-1," + KeyFileImportIT.keyId() + "," + good + "\n"
                + "DKI-API-2," + KeyFileImportIT.keyId() + "," + KeyFileImportIT.badChecksum(good) + "\n";
        String path = "api/v1/devices/key-import?tenant=" + TENANT.replace(" ", "%20") + "&fileName=api.csv";

        Answer preview = postCsv(path, devices, csv.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, preview.status(), preview.body().toString());
        assertEquals(2, preview.body().getInt("rows"));
        assertEquals(1, preview.body().getInt("newKeys"));
        assertEquals(1, preview.body().getInt("computersToCreate"));
        assertEquals(3, preview.body().getJsonArray("badRows").getJsonObject(0).getInt("line"));
        assertFalse(preview.body().getBoolean("stored"));
        assertFalse(preview.body().toString().contains(good.substring(0, 13)), "no password in the answer");
        Answer refusedWhole = postCsv(path + "&mode=import", devices, csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, refusedWhole.status());
        assertFalse(refusedWhole.body().getBoolean("stored"), "a bad row: nothing stored");
        assertEquals(List.of(), names(get("api/v1/devices?name=dki-api-", devices).body()));
        refused(postCsv(path + "&mode=valid-rows", notAdministrator, csv.getBytes(StandardCharsets.UTF_8)), 403,
                "FORBIDDEN", FORBIDDEN_MESSAGE);
        refused(postCsv(path + "&mode=valid-rows", devices, csv.getBytes(StandardCharsets.UTF_16)), 400,
                "INVALID_REQUEST", "The file is UTF-16 text; save it as CSV UTF-8 (in Excel: Save as, CSV UTF-8) and "
                        + "import it again. Nothing was stored.");
        refused(postCsv(path + "&mode=later", devices, csv.getBytes(StandardCharsets.UTF_8)), 400,
                "INVALID_REQUEST", "mode is preview, import or valid-rows.");

        Answer imported = postCsv(path + "&mode=valid-rows", devices, csv.getBytes(StandardCharsets.UTF_8));

        assertEquals(200, imported.status(), imported.body().toString());
        assertTrue(imported.body().getBoolean("stored"));
        assertEquals(List.of("DKI-API-1"), names(get("api/v1/devices?name=dki-api-", devices).body()));
        assertEquals("IMPORTED", get("api/v1/devices?name=dki-api-", devices).body().getJsonArray("items")
                .getJsonObject(0).getString("state"));
    }

    private static Answer postCsv(String path, String secret, byte[] file) {
        return ApiTokensClient.call(HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)), secret);
    }

    private static String openApiDocument() {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri("openapi")).timeout(java.time.Duration.ofSeconds(60)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void revokedAndExpired() {
        String waiting1 = deviceId(WAITING_1);
        for (String note : List.of(TO_REVOKE, TO_EXPIRE)) {
            Answer refused = post("api/v1/devices/" + waiting1 + "/disable", secret(note));
            assertEquals(401, refused.status(), note);
            assertEquals("INVALID_TOKEN", refused.code());
            assertEquals(401, get("api/v1/computers/" + waiting1 + "/effective-access?user=" + HELPDESK_USER,
                    secret(note)).status());
        }
        assertEquals("APPROVED", state(waiting1), "nothing changed");
    }

    /** Asserts a refusal: its status, its code and its whole message, in the API's one error shape. */
    private static void refused(Answer answer, int status, String code, String message) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(List.of("code", "message"), ApiTokensClient.fieldNames(answer.body()));
        assertEquals(code, answer.code());
        assertEquals(message, answer.body().getString("message"));
    }

    /** The state a decision answered with, after checking the device as read afresh says the same. */
    private static String decided(Answer answer, String id) {
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(id, answer.body().getString("id"));
        String state = answer.body().getString("state");
        assertEquals(state, state(id));
        return state;
    }

    private static String state(String id) {
        Answer device = get("api/v1/devices/" + id, secret(DEVICES));
        assertEquals(200, device.status(), device.body().toString());
        return device.body().getString("state");
    }

    /** The id of the device of this name, deleted or not, as the device list gives it. */
    private static String deviceId(String name) {
        for (String state : List.of("", "&state=DELETED")) {
            JsonArray items = get("api/v1/devices?name=" + name + state, secret(DEVICES)).body()
                    .getJsonArray("items");
            for (int i = 0; i < items.size(); i++) {
                if (items.getJsonObject(i).getString("name").equals(name)) {
                    return items.getJsonObject(i).getString("id");
                }
            }
        }
        throw new AssertionError("no device " + name);
    }

    private static List<String> names(JsonObject page) {
        assertNull(page.get("code"), page.toString());
        return page.getJsonArray("items").stream().map(item -> item.asJsonObject().getString("name")).toList();
    }

    private static String secret(String note) {
        return ApiTokensClient.secret(note);
    }

    private static Answer get(String path, String secret) {
        return ApiTokensClient.get(path, secret);
    }

    private static Answer post(String path, String secret) {
        return ApiTokensClient.call(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()),
                secret);
    }

    private static Answer delete(String path, String secret) {
        return ApiTokensClient.call(HttpRequest.newBuilder(uri(path)).DELETE(), secret);
    }

    private static URI uri(String path) {
        return URI.create(base.toString() + path);
    }
}
