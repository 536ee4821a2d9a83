package org.ams.notify.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ams.notify.InvalidChannelException;

/**
 * The extra HTTP headers a webhook sends, typed one per line as {@code Name: value}. Stored sealed as a whole,
 * because they usually carry a credential ({@code Authorization: Bearer ...}); messages about them name the header,
 * never its value.
 */
public final class WebhookHeaders {

    public static final int MAX_HEADERS = 20;
    public static final int MAX_TEXT_LENGTH = 8192;
    private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}");
    /** Set by the HTTP client or by AMS itself; a receiver must be able to rely on them. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "te", "trailer", "keep-alive", "proxy-connection", "content-type", "http2-settings");

    private final Map<String, String> headers;

    private WebhookHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public static WebhookHeaders none() {
        return new WebhookHeaders(Map.of());
    }

    /**
     * @throws InvalidChannelException a line that is not {@code Name: value}, a reserved or repeated name, or too many
     */
    public static WebhookHeaders parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidChannelException("The headers have at most " + MAX_TEXT_LENGTH + " characters.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).strip();
            if (colon < 0 || !NAME.matcher(name).matches()) {
                throw new InvalidChannelException("Header line " + lineNumber + " is not 'Name: value' (for example "
                        + "'Authorization: Bearer ...').");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new InvalidChannelException("The value of header " + name + " holds control characters.");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new InvalidChannelException("The header " + name + " is set by AMS itself and cannot be given.");
            }
            if (headers.keySet().stream().anyMatch(name::equalsIgnoreCase)) {
                throw new InvalidChannelException("The header " + name + " is given twice.");
            }
            headers.put(name, value);
        }
        if (headers.size() > MAX_HEADERS) {
            throw new InvalidChannelException("A webhook sends at most " + MAX_HEADERS + " headers.");
        }
        // In the order typed: the page lists the names back that way.
        return new WebhookHeaders(Collections.unmodifiableMap(headers));
    }

    public Map<String, String> asMap() {
        return headers;
    }

    /** The names only, for the page ("Authorization, X-Team"): values are never shown back. */
    public String names() {
        return String.join(", ", headers.keySet());
    }

    public boolean isEmpty() {
        return headers.isEmpty();
    }

    /** The text form it is sealed in. */
    String text() {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    /** Never the values. */
    @Override
    public String toString() {
        return "WebhookHeaders" + headers.keySet();
    }
}
