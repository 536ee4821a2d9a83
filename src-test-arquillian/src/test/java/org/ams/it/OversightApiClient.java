package org.ams.it;

import static org.ams.it.ApiTokensClient.get;
import static org.ams.it.ApiTokensClient.secret;
import static org.ams.it.OversightApiIT.ADMINISTRATOR;
import static org.ams.it.OversightApiIT.ADMINISTRATOR_TOKEN;
import static org.ams.it.OversightApiIT.AUDITOR;
import static org.ams.it.OversightApiIT.AUDITOR_TOKEN;
import static org.ams.it.OversightApiIT.COMPUTER;
import static org.ams.it.OversightApiIT.HELPDESK_TOKEN;
import static org.ams.it.OversightApiIT.HELPDESK_USER;
import static org.ams.it.OversightApiIT.METADATA_ONLY;
import static org.ams.it.OversightApiIT.PAGE_ADDRESS;
import static org.ams.it.OversightApiIT.REASON;
import static org.ams.it.OversightApiIT.TO_EXPIRE;
import static org.ams.it.OversightApiIT.TO_REVOKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ams.it.ApiTokensClient.Answer;
import org.ams.it.browser.ApiTokensPage;

/**
 * The client side of {@link OversightApiIT}: the administrator issues the tokens on Settings / API tokens, and a
 * script calls {@code /api/v1/audit-records}, {@code /api/v1/dashboard} and {@code /metrics} with them. The calls go
 * through {@link ApiTokensClient}, which keeps the secrets the page showed.
 */
final class OversightApiClient {

    static final String READ_AUDIT = "Read the audit log";
    static final String READ_METRICS = "Read metrics";
    static final String RECORDS = "api/v1/audit-records";
    /** The recovery password DeviceFixture#escrowOneKey escrows; only its first groups are ever compared. */
    private static final String PASSWORD_START = "531058-303050";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static URL base;

    private OversightApiClient() {
    }

    static void start() {
        ApiTokensClient.start();
    }

    static void issueTokens(URL server) {
        base = server;
        ApiTokensClient.at(server);
        ApiTokensPage page = ApiTokensClient.openAsAdministrator();
        ApiTokensClient.issue(page, AUDITOR, AUDITOR_TOKEN, READ_AUDIT, READ_METRICS);
        ApiTokensClient.issue(page, ADMINISTRATOR, ADMINISTRATOR_TOKEN, ApiTokensClient.READ_METADATA, READ_AUDIT,
                READ_METRICS);
        ApiTokensClient.issue(page, HELPDESK_USER, HELPDESK_TOKEN, ApiTokensClient.READ_METADATA,
                ApiTokensClient.READ_PASSWORDS, READ_AUDIT, READ_METRICS);
        ApiTokensClient.issue(page, AUDITOR, METADATA_ONLY, ApiTokensClient.READ_METADATA);
        ApiTokensClient.issue(page, AUDITOR, TO_REVOKE, READ_AUDIT, READ_METRICS);
        ApiTokensClient.issue(page, AUDITOR, TO_EXPIRE, READ_AUDIT, READ_METRICS);
        ApiTokensPage.Row auditor = page.tokens().stream().filter(row -> row.note().equals(AUDITOR_TOKEN))
                .findFirst().orElseThrow();
        assertEquals(READ_AUDIT + ", " + READ_METRICS, auditor.scopes());
        assertEquals(200, get(RECORDS + "?limit=1", secret(TO_REVOKE)).status(), "works until it is revoked");
        assertEquals(200, get(RECORDS + "?limit=1", secret(TO_EXPIRE)).status(), "works until it expires");
    }

    static void auditRecordsWhoMayRead() {
        for (String token : List.of(AUDITOR_TOKEN, ADMINISTRATOR_TOKEN)) {
            Answer answer = get(RECORDS + "?limit=5", secret(token));
            assertEquals(200, answer.status(), token + ": " + answer.body());
            JsonArray items = answer.body().getJsonArray("items");
            assertEquals(5, items.size(), "a page of 5 of a log that holds more");
            assertTrue(answer.body().getJsonNumber("total").longValue() > 5);
            for (JsonValue item : items) {
                JsonObject record = item.asJsonObject();
                assertTrue(record.getString("recordHash").matches("[0-9a-f]{64}"), record.toString());
                assertTrue(record.getString("previousHash").matches("[0-9a-f]{64}"), record.toString());
                assertTrue(record.getString("occurredAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"),
                        "the time as the hash covers it: " + record.getString("occurredAt"));
                assertNotNull(record.getString("id"));
            }
        }
        refused(get(RECORDS, secret(HELPDESK_TOKEN)), 403, "FORBIDDEN");
        refused(get(RECORDS, secret(METADATA_ONLY)), 403, "SCOPE_MISSING");
        refused(get(RECORDS, secret(TO_REVOKE)), 401, "INVALID_TOKEN");
        refused(get(RECORDS, secret(TO_EXPIRE)), 401, "INVALID_TOKEN");
        refused(get(RECORDS, null), 401, "UNAUTHENTICATED");
    }

    static void auditRecordsFiltersAndPages() {
        String token = secret(AUDITOR_TOKEN);
        Map<String, String> bad = Map.of(
                "from=yesterday", "from is not a time such as 2026-03-01T08:00:00Z or 2026-03-01T08:00:00 (UTC).",
                "to=2026-13-01T00:00:00Z", "to is not a time such as 2026-03-01T08:00:00Z or 2026-03-01T08:00:00 "
                        + "(UTC).",
                "from=2026-03-02T00:00:00Z&to=2026-03-01T23:59:59Z",
                "The end of the time range (to) is before its start (from).",
                "limit=0", "limit is 1 to 100.",
                "limit=101", "limit is 1 to 100.",
                "offset=2&after=10", "Give offset (newest first) or after (chain order), not both.",
                "offset=-1", "offset and after are 0 or more.");
        for (Map.Entry<String, String> query : bad.entrySet()) {
            Answer answer = get(RECORDS + "?" + query.getKey(), token);
            refused(answer, 400, "INVALID_REQUEST");
            assertEquals(query.getValue(), answer.body().getString("message"), query.getKey());
        }
        Answer unknownResult = get(RECORDS + "?result=Granted", token);
        refused(unknownResult, 400, "INVALID_REQUEST");
        assertTrue(unknownResult.body().getString("message").startsWith("result is not a result code; one of "
                + "SUCCESS, NO_MATCHING_RULE_FOR_TARGET"), unknownResult.body().getString("message"));

        // Filters: as on the page, user and computer by part of the name in any case, result exactly.
        List<JsonObject> hilda = items(get(RECORDS + "?actor=" + HELPDESK_USER.toUpperCase(Locale.ROOT)
                .substring(0, 6), token));
        assertFalse(hilda.isEmpty());
        assertTrue(hilda.stream().allMatch(r -> r.getString("actor").contains(HELPDESK_USER.substring(0, 6))));
        List<JsonObject> computer = items(get(RECORDS + "?target=ov-pc", token));
        assertFalse(computer.isEmpty());
        assertTrue(computer.stream().allMatch(r -> r.getString("targetName").toLowerCase(Locale.ROOT).contains("ov-pc")));
        List<JsonObject> granted = items(get(RECORDS + "?result=SUCCESS&limit=100", token));
        assertFalse(granted.isEmpty());
        assertTrue(granted.stream().allMatch(r -> r.getString("resultCode").equals("SUCCESS")));
        assertEquals(sequences(granted), sequences(items(get(RECORDS + "?result=Success&limit=100", token))),
                "the code as notifications spell it finds the same records");
        JsonObject newest = items(get(RECORDS + "?limit=1", token)).get(0);
        String at = URLEncoder.encode(newest.getString("occurredAt"), StandardCharsets.UTF_8);
        assertTrue(sequences(items(get(RECORDS + "?from=" + at + "&to=" + at, token)))
                .contains(newest.getJsonNumber("sequence").longValue()), "from and to include their bounds");
        assertEquals(List.of(), items(get(RECORDS + "?from=2099-01-01T00:00:00", token)), "nothing in the future");

        // Newest first by offset, as the page pages.
        List<JsonObject> first = items(get(RECORDS + "?limit=3", token));
        List<Long> firstSequences = sequences(first);
        long top = firstSequences.get(0);
        assertEquals(List.of(top, top - 1, top - 2), firstSequences, "newest first, every record");
        // Each call is itself recorded (api-token.used) once answered: by the next call the newest record is the
        // previous call's, so offset 1 is where the top was.
        assertEquals(firstSequences.subList(0, 2), sequences(items(get(RECORDS + "?offset=1&limit=2", token))));

        // Chain order after a sequence number: each page links to the one before, nextAfter leads on.
        Answer chained = get(RECORDS + "?after=" + (top - 3) + "&limit=2", token);
        assertEquals(200, chained.status(), chained.body().toString());
        List<JsonObject> page = items(chained);
        assertEquals(List.of(top - 2, top - 1), sequences(page));
        assertEquals(top - 1, chained.body().getJsonNumber("nextAfter").longValue());
        assertEquals(page.get(0).getString("recordHash"), page.get(1).getString("previousHash"));
        Answer next = get(RECORDS + "?after=" + (top - 1) + "&limit=2", token);
        List<JsonObject> following = items(next);
        assertEquals(top, following.get(0).getJsonNumber("sequence").longValue());
        assertEquals(page.get(1).getString("recordHash"), following.get(0).getString("previousHash"));
        assertEquals(first.get(0).getString("recordHash"), following.get(0).getString("recordHash"),
                "the same record whichever way it is paged to");
        assertEquals(following.size() < 2, !next.body().containsKey("nextAfter"), "nextAfter ends with the chain");
    }

    static void keyReadInTheChain() {
        String helpdesk = secret(HELPDESK_TOKEN);
        String id = ApiTokensClient.computerId(COMPUTER, helpdesk);
        Answer read = ApiTokensClient.post("api/v1/computers/" + id + "/recovery-passwords", helpdesk,
                "{\"reason\":\"" + REASON + "\"}");
        assertEquals(200, read.status(), read.code());
        long apiSequence = read.body().getJsonNumber("auditSequence").longValue();

        String auditor = secret(AUDITOR_TOKEN);
        List<JsonObject> reads = items(get(RECORDS + "?actor=" + HELPDESK_USER + "&result=SUCCESS&target="
                + COMPUTER, auditor)).stream().filter(r -> r.getString("action").equals("access.requested")).toList();
        assertEquals(2, reads.size(), "the page's read and the API's");
        JsonObject apiRead = reads.get(0);
        JsonObject pageRead = reads.get(1);
        assertEquals(apiSequence, apiRead.getJsonNumber("sequence").longValue(), "the sequence the API answered");
        assertTrue(apiRead.getString("details").contains("via API token "), apiRead.getString("details"));
        assertEquals(REASON, apiRead.getString("reason"));
        assertEquals(PAGE_ADDRESS, pageRead.getString("clientAddress"));
        assertFalse(pageRead.getString("details", "").contains("via API token"));

        // Walk the chain from the page's read to the API's: every record links to the one before it.
        long pageSequence = pageRead.getJsonNumber("sequence").longValue();
        List<JsonObject> chain = new ArrayList<>();
        long after = pageSequence - 1;
        while (chain.isEmpty() || chain.get(chain.size() - 1).getJsonNumber("sequence").longValue() < apiSequence) {
            Answer page = get(RECORDS + "?after=" + after + "&limit=10", auditor);
            assertFalse(page.response().body().contains(PASSWORD_START), "no recovery password in a record");
            List<JsonObject> records = items(page);
            assertFalse(records.isEmpty(), "the chain reaches the API's read");
            chain.addAll(records);
            after = records.get(records.size() - 1).getJsonNumber("sequence").longValue();
        }
        for (int i = 1; i < chain.size(); i++) {
            assertEquals(chain.get(i - 1).getJsonNumber("sequence").longValue() + 1,
                    chain.get(i).getJsonNumber("sequence").longValue());
            assertEquals(chain.get(i - 1).getString("recordHash"), chain.get(i).getString("previousHash"),
                    "record " + chain.get(i).getJsonNumber("sequence") + " links to the one before");
        }
        assertEquals(pageRead.getString("recordHash"), chain.get(0).getString("recordHash"));
    }

    static void dashboard() {
        String administrator = secret(ADMINISTRATOR_TOKEN);
        Answer figures = get("api/v1/dashboard", administrator);
        assertEquals(200, figures.status(), figures.body().toString());
        JsonObject body = figures.body();
        assertEquals(List.of("PENDING", "APPROVED", "REJECTED", "DISABLED", "DELETED", "IMPORTED"),
                List.copyOf(body.getJsonObject("devicesByState").keySet()), "every state, zeros included");
        assertTrue(body.getJsonObject("devicesByState").getJsonNumber("APPROVED").longValue() >= 1);
        assertTrue(body.getJsonNumber("approvedWithKeys").longValue() >= 1, "OV-PC-1 has its key");
        assertEquals(30, body.getInt("staleDays"));
        JsonArray days = body.getJsonArray("escrowedPerDay");
        assertEquals(14, days.size());
        JsonObject today = days.getJsonObject(13);
        assertTrue(today.getString("day").equals(LocalDate.now(ZoneOffset.UTC).toString())
                || today.getString("day").equals(LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
        assertTrue(days.stream().mapToLong(day -> day.asJsonObject().getJsonNumber("keys").longValue()).sum() >= 1,
                "OV-PC-1's key was escrowed today");
        JsonObject health = body.getJsonObject("escrowHealth");
        assertEquals(0, health.getJsonNumber("unreadableSecrets").longValue());
        assertTrue(health.containsKey("waitingRotations") && health.containsKey("failedRotations"), health.toString());
        assertFalse(body.containsKey("recentDenials"), "audit records are READ_AUDIT's");

        assertEquals(7, get("api/v1/dashboard?staleDays=7", administrator).body().getInt("staleDays"));
        for (String staleDays : List.of("0", "3651")) {
            Answer bad = get("api/v1/dashboard?staleDays=" + staleDays, administrator);
            refused(bad, 400, "INVALID_REQUEST");
            assertEquals("staleDays is 1 to 3650.", bad.body().getString("message"));
        }
        refused(get("api/v1/dashboard", secret(METADATA_ONLY)), 403, "FORBIDDEN");
        refused(get("api/v1/dashboard", secret(HELPDESK_TOKEN)), 403, "FORBIDDEN");
        refused(get("api/v1/dashboard", secret(AUDITOR_TOKEN)), 403, "SCOPE_MISSING");
        refused(get("api/v1/dashboard", secret(TO_REVOKE)), 401, "INVALID_TOKEN");
        refused(get("api/v1/dashboard", secret(TO_EXPIRE)), 401, "INVALID_TOKEN");
    }

    static void metricsWithAToken() throws Exception {
        MetricsClient.withAllowList("10.0.0.0/8", () -> {
            MetricsClient.refused(base);
            for (String token : List.of(AUDITOR_TOKEN, ADMINISTRATOR_TOKEN)) {
                HttpResponse<String> scrape = metrics(secret(token));
                assertEquals(200, scrape.statusCode(), token + ": " + scrape.body());
                assertEquals("text/plain; version=0.0.4; charset=utf-8",
                        scrape.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT));
                MetricsClient.promtoolChecksMetrics(scrape.body());
                assertTrue(scrape.body().contains("\nams_devices{"), "the metrics");
            }
            metricsRefused(secret(HELPDESK_TOKEN), 403, "FORBIDDEN");
            metricsRefused(secret(METADATA_ONLY), 403, "SCOPE_MISSING");
            metricsRefused("ams_" + "C".repeat(43), 401, "INVALID_TOKEN");
            metricsRefused(secret(TO_REVOKE), 401, "INVALID_TOKEN");
            metricsRefused(secret(TO_EXPIRE), 401, "INVALID_TOKEN");
        });
        assertEquals(200, metrics(null).statusCode(), "the allow-listed address needs no token");
        assertEquals(200, metrics(secret(METADATA_ONLY)).statusCode(),
                "the allow-listed address suffices, whatever the token's scopes");
        metricsRefused(secret(TO_REVOKE), 401, "INVALID_TOKEN");
    }

    static void openApi() {
        HttpResponse<String> document = send(HttpRequest.newBuilder(URI.create(base + "openapi")).GET());
        assertEquals(200, document.statusCode());
        for (String described : List.of("/api/v1/audit-records:", "/api/v1/dashboard:", "READ_AUDIT",
                "nextAfter", "previousHash", "escrowedPerDay")) {
            assertTrue(document.body().contains(described), "the OpenAPI document describes " + described);
        }
    }

    private static void metricsRefused(String secret, int status, String code) {
        HttpResponse<String> response = metrics(secret);
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"code\":\"" + code + "\""), response.body());
        assertFalse(response.body().contains("ams_devices"), "nothing of the metrics");
        if (status == 401) {
            assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
    }

    private static HttpResponse<String> metrics(String secret) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve("/metrics")).GET();
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void refused(Answer answer, int status, String code) {
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(code, answer.code(), answer.body().toString());
        assertEquals(List.of("code", "message"), List.copyOf(answer.body().keySet()));
    }

    private static List<JsonObject> items(Answer answer) {
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
    }

    private static List<Long> sequences(List<JsonObject> records) {
        return records.stream().map(r -> r.getJsonNumber("sequence").longValue()).toList();
    }
}
