package org.ams.notify.channel;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.ams.notify.AccessNotification;
import org.ams.notify.InvalidChannelException;
import org.ams.notify.template.Escaping;
import org.ams.notify.template.InvalidTemplateException;
import org.ams.notify.template.MessageTemplate;

/**
 * Where a webhook channel posts and what it posts. The headers (often an {@code Authorization} value) are not part
 * of it: they are sealed separately and never travel with the settings.
 *
 * @param url          an http:// or https:// URL
 * @param method       POST or PUT
 * @param bodyTemplate a JSON document with {@code {{variables}}} inside its strings; values are JSON-string-escaped
 */
public record WebhookSettings(String url, WebhookMethod method, String bodyTemplate) {

    public static final int MAX_URL_LENGTH = 2048;

    public WebhookSettings {
        url = url == null ? "" : url.trim();
        checkUrl(url);
        if (method == null) {
            throw new InvalidChannelException("Choose the HTTP method, POST or PUT.");
        }
        checkBody(bodyTemplate);
    }

    public URI uri() {
        return URI.create(url);
    }

    public MessageTemplate body() {
        return MessageTemplate.parse(bodyTemplate, "the JSON body template");
    }

    /**
     * The URL without its path and query, for messages, logs and the audit trail: Teams and Slack put the secret
     * that authorizes a post into the path.
     */
    public String displayUrl() {
        return redacted(uri());
    }

    static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/") ? "" : "/...");
    }

    /**
     * @throws InvalidChannelException anything but an absolute http(s) URL with a host and no user name in it
     */
    public static void checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidChannelException("Enter the webhook URL, e.g. https://hooks.slack.com/services/...");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidChannelException("The webhook URL has at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidChannelException("The webhook URL is not a valid URL (" + e.getReason()
                    + "); write it like https://hooks.example.com/notify.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidChannelException("The webhook URL must start with https:// (or http://); "
                    + (scheme.isEmpty() ? "it has no scheme." : scheme + ": URLs are not allowed."));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidChannelException("The webhook URL needs a host name, e.g. https://hooks.example.com/notify.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidChannelException("The webhook URL must not hold a user name or password; put "
                    + "credentials in a header such as Authorization, which is stored encrypted.");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidChannelException("The webhook URL must not have a #fragment.");
        }
    }

    /**
     * The body must be JSON once filled in, whatever the values: it is rendered with a sample whose values hold
     * quotes, backslashes and markup, and parsed. A placeholder outside a JSON string fails here.
     */
    private static void checkBody(String bodyTemplate) {
        MessageTemplate template = MessageTemplate.parse(bodyTemplate, "the JSON body template");
        String rendered = template.render(AccessNotification.sample().values(), Escaping.JSON_STRING);
        try (JsonReader reader = Json.createReader(new StringReader(rendered))) {
            reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidTemplateException("The JSON body template does not produce valid JSON (" + e.getMessage()
                    + "). Put each {{variable}} inside a JSON string, e.g. \"text\": \"{{user}} asked\".");
        } catch (JsonException e) {
            throw new InvalidTemplateException("The JSON body template does not produce valid JSON. Put each "
                    + "{{variable}} inside a JSON string, e.g. \"text\": \"{{user}} asked\".");
        }
    }
}
