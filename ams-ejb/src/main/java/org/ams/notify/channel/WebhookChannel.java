package org.ams.notify.channel;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ams.notify.AccessNotification;
import org.ams.notify.DeliveryFailedException;
import org.ams.notify.template.Escaping;

/** Posts notifications as JSON to a webhook receiver (Teams, Slack, a SIEM) with {@code java.net.http}. */
final class WebhookChannel implements OutboundChannel {

    private static final int MAX_ANSWER_SHOWN = 200;

    private final WebhookSettings settings;
    private final WebhookHeaders headers;

    public WebhookChannel(WebhookSettings settings, WebhookHeaders headers) {
        this.settings = settings;
        this.headers = headers;
    }

    @Override
    public String send(AccessNotification notification) throws DeliveryFailedException {
        String body = settings.body().render(notification.values(), Escaping.JSON_STRING);
        // Redirects are not followed: they would carry the headers (credentials) to wherever the receiver points.
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.uri())
                .timeout(Duration.ofMillis(READ_TIMEOUT_MILLIS))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "AMS notifications")
                .method(settings.method().name(), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.asMap().forEach(request::header);
        String target = settings.displayUrl();
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return "accepted by " + target + " (HTTP " + status + ")";
            }
            throw new DeliveryFailedException(target + " answered HTTP " + status + answer(response.body()));
        } catch (HttpConnectTimeoutException e) {
            throw new DeliveryFailedException("Could not connect to " + target + " within "
                    + CONNECT_TIMEOUT_MILLIS / 1000 + " s.");
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailedException(target + " did not answer within " + READ_TIMEOUT_MILLIS / 1000 + " s.");
        } catch (ConnectException e) {
            throw new DeliveryFailedException("Could not connect to " + target + " (connection refused or unreachable).");
        } catch (IOException e) {
            throw new DeliveryFailedException("Could not post to " + target + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Escaping.HEADER_LINE.escape(e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("Posting to " + target + " was interrupted.");
        } catch (IllegalArgumentException e) {
            // HttpRequest refuses some header names at send time (e.g. restricted ones).
            throw new DeliveryFailedException("A header of this webhook is not allowed by the HTTP client: "
                    + "check the header names.");
        }
    }

    private static String answer(String body) {
        if (body == null || body.isBlank()) {
            return ".";
        }
        String oneLine = Escaping.HEADER_LINE.escape(body).strip();
        return ": " + (oneLine.length() > MAX_ANSWER_SHOWN ? oneLine.substring(0, MAX_ANSWER_SHOWN) + "..." : oneLine);
    }
}
