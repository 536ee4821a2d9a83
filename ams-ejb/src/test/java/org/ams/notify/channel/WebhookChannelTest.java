package org.ams.notify.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Webhook delivery against a real HTTP listener (the JDK's) on 127.0.0.1. */
class WebhookChannelTest {

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);

    record Received(String method, String path, String contentType, String authorization, String body) {
    }

    @BeforeEach
    void startListener() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            int answer = status.get();
            if (answer == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            byte[] reply = (answer == 500 ? "upstream broke\r\nX-Injected: no" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopListener() {
        server.stop(0);
    }

    @Test
    @DisplayName("The body arrives as valid JSON even when values hold quotes, backslashes and line breaks")
    void deliversValidJson() throws Exception {
        AccessNotification hostile = new AccessNotification("eve\", \"admin\": \"yes", "Eve \\ \"E\"", "PC-1", "",
                "line one\nline two\t\u0000", "Success", "Access granted", "", "Read", "::1",
                Instant.parse("2026-11-29T08:00:00Z"), "r-2");

        String outcome = channel(WebhookPreset.GENERIC_JSON.bodyTemplate(), "Authorization: Bearer hook-secret-1")
                .send(hostile);

        assertEquals("accepted by http://127.0.0.1:" + port() + "/... (HTTP 200)", outcome);
        Received request = received.get(0);
        assertEquals("POST", request.method());
        assertEquals("/hooks/ams", request.path());
        assertEquals("application/json; charset=utf-8", request.contentType());
        assertEquals("Bearer hook-secret-1", request.authorization());
        JsonObject json = Json.createReader(new StringReader(request.body())).readObject();
        assertEquals("eve\", \"admin\": \"yes", json.getString("user"));
        assertFalse(json.containsKey("admin"));
        assertEquals("line one\nline two\t\u0000", json.getString("reason"));
        assertEquals("2026-11-29T08:00:00Z", json.getString("time"));
    }

    @Test
    @DisplayName("Teams and Slack bodies arrive as valid JSON")
    void presets() throws Exception {
        channel(WebhookPreset.MICROSOFT_TEAMS.bodyTemplate(), "").send(AccessNotification.sample());
        channel(WebhookPreset.SLACK.bodyTemplate(), "").send(AccessNotification.sample());

        JsonObject teams = Json.createReader(new StringReader(received.get(0).body())).readObject();
        assertEquals("message", teams.getString("type"));
        JsonObject slack = Json.createReader(new StringReader(received.get(1).body())).readObject();
        assertTrue(slack.getString("text").contains("jdoe"), slack.toString());
    }

    @Test
    @DisplayName("Anything but 2xx is a failure that names the status and the receiver's words, not the URL's path")
    void non2xxFails() {
        status.set(500);

        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> channel("{\"t\": \"{{user}}\"}", "Authorization: Bearer hook-secret-2").send(AccessNotification.sample()));

        assertEquals("http://127.0.0.1:" + port() + "/... answered HTTP 500: upstream broke  X-Injected: no",
                failed.getMessage());
        assertFalse(failed.getMessage().contains("hook-secret-2"));
        assertFalse(failed.getMessage().contains("/hooks/ams"));
    }

    @Test
    @DisplayName("Redirects are not followed: the credentials would go with them")
    void redirectIsAFailure() {
        status.set(302);

        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> channel("{\"t\": \"{{user}}\"}", "Authorization: Bearer x").send(AccessNotification.sample()));

        assertTrue(failed.getMessage().contains("answered HTTP 302"), failed.getMessage());
        assertEquals(1, received.size());
    }

    @Test
    @DisplayName("A listener that is down is a failed delivery saying it could not connect")
    void listenerDown() {
        WebhookChannel channel = channel("{\"t\": \"{{user}}\"}", "");
        server.stop(0);

        DeliveryFailedException failed = assertThrows(DeliveryFailedException.class,
                () -> channel.send(AccessNotification.sample()));

        assertTrue(failed.getMessage().startsWith("Could not connect to http://127.0.0.1:" + port()), failed.getMessage());
    }

    private WebhookChannel channel(String body, String headers) {
        return new WebhookChannel(new WebhookSettings("http://127.0.0.1:" + port() + "/hooks/ams", WebhookMethod.POST,
                body), WebhookHeaders.parse(headers));
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
