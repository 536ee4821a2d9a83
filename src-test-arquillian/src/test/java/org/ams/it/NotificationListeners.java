package org.ams.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The receivers of NotificationsIT, in the test JVM (so they outlive a server restart): a real SMTP server
 * (GreenMail) and real HTTP listeners (the JDK's), all on 127.0.0.1. Only the client side of the test uses this
 * class; the server never loads it.
 */
final class NotificationListeners {

    /** What a webhook listener received. */
    record WebhookCall(String method, String path, String authorization, String body) {
    }

    private static GreenMail mail;
    private static final Map<Integer, HttpServer> WEBHOOKS = new ConcurrentHashMap<>();
    private static final Map<Integer, List<WebhookCall>> CALLS = new ConcurrentHashMap<>();
    /** Lets the requests a holding listener keeps go, when the listeners stop. */
    private static final CountDownLatch RELEASED = new CountDownLatch(1);

    private NotificationListeners() {
    }

    static int startMail() {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        mail.setUser("ams-it@corp.example", "ams-it", NotificationsIT.SMTP_PASSWORD);
        return mail.getSmtp().getPort();
    }

    /** Starts (or starts again) a listener on the port, answering 200 to everything. */
    static void startWebhook(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            List<WebhookCall> calls = CALLS.computeIfAbsent(port, key -> new CopyOnWriteArrayList<>());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                calls.add(new WebhookCall(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            WEBHOOKS.put(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a listener that never answers the first request it receives (it is recorded, and its sender left waiting
     * until this listener stops) and answers 204 to every later one: a delivery caught in flight.
     */
    static void startHoldingWebhook(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            List<WebhookCall> calls = CALLS.computeIfAbsent(port, key -> new CopyOnWriteArrayList<>());
            AtomicBoolean first = new AtomicBoolean(true);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                calls.add(new WebhookCall(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
                if (first.getAndSet(false)) {
                    try {
                        RELEASED.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            // A thread per request: the held one must not keep the later ones waiting.
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            WEBHOOKS.put(port, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WebhookCall> calls(int port) {
        return CALLS.getOrDefault(port, List.of());
    }

    /** Waits until the listener has received at least {@code count} calls, and returns them. */
    static List<WebhookCall> awaitCalls(int port, int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (calls(port).size() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the webhook listener on port " + port + " received " + calls(port).size()
                        + " of " + count + " call(s) within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
        return calls(port);
    }

    /** Waits for email with the subject, and returns its HTML body. */
    static MimeMessage awaitMail(String subjectPart, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (MimeMessage message : mail.getReceivedMessages()) {
                if (message.getSubject() != null && message.getSubject().contains(subjectPart)) {
                    return message;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email with '" + subjectPart + "' in its subject arrived within "
                + timeout.toSeconds() + " s");
    }

    /** The decoded HTML body. */
    static String body(MimeMessage message) throws Exception {
        return (String) message.getContent();
    }

    static void stopAll() {
        RELEASED.countDown();
        WEBHOOKS.values().forEach(server -> server.stop(0));
        WEBHOOKS.clear();
        if (mail != null) {
            mail.stop();
        }
    }
}
