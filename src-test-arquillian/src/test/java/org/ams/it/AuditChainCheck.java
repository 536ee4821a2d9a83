package org.ams.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The audit log's hash chain verified by one server of a cluster (its REST API, Basic credentials). */
final class AuditChainCheck {

    private AuditChainCheck() {
    }

    /** The chain verified on {@code node} as the built-in administrator: asserts it intact, returns its record count. */
    static int verifiedRecords(ServerProcess node) throws Exception {
        HttpResponse<String> verification = verification(node, "admin", TestEnvironment.adminPassword());
        assertEquals(200, verification.statusCode(), verification.body());
        JsonObject answer = Json.createReader(new StringReader(verification.body())).readObject();
        assertTrue(answer.getBoolean("intact"), verification.body());
        return answer.getInt("records");
    }

    static HttpResponse<String> verification(ServerProcess node, String user, String password) throws Exception {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.httpBase() + "api/audit/v1/verification"))
                .header("Authorization", "Basic " + credentials).timeout(Duration.ofSeconds(30)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
