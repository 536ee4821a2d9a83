package org.ams.web.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a form post came from a page of AMS itself, judged by what the browser says about where the post came from.
 * The sign-in form keeps no server-side view state (a sign-in must not depend on a session that does not exist yet),
 * so the view state cannot serve as its anti-forgery token; this check stops a login CSRF instead: another site
 * posting its own account's credentials so that the victim works, unknowingly, in the attacker's account.
 * <p>
 * {@code Sec-Fetch-Site} is the browser's own comparison of the origins and reads the same behind a reverse proxy; a
 * browser too old to send it still sends {@code Origin} with a post, compared with the host the request was sent to.
 * A client that sends neither is not a browser another site can drive, and is let through.
 */
public final class SameOriginPost {

    private SameOriginPost() {
    }

    /**
     * @param fetchSite the {@code Sec-Fetch-Site} header, or {@code null}
     * @param origin    the {@code Origin} header, or {@code null}
     * @param host      the {@code Host} header the request was sent with, or {@code null}
     */
    public static boolean allows(String fetchSite, String origin, String host) {
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            // "none": the user's own navigation (typed, bookmarked); "same-site" is a sibling host, not AMS.
            return site.equals("same-origin") || site.equals("none");
        }
        if (origin == null) {
            return true;
        }
        if (host == null || origin.trim().equals("null")) {
            return false;
        }
        try {
            URI from = new URI(origin.trim());
            if (from.getHost() == null) {
                return false;
            }
            String authority = from.getPort() < 0 ? from.getHost() : from.getHost() + ":" + from.getPort();
            return authority.equalsIgnoreCase(host.trim()) || hostWithoutDefaultPort(host, from).equalsIgnoreCase(
                    from.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The Host header without a port that is the origin scheme's default (a proxy may write it either way). */
    private static String hostWithoutDefaultPort(String host, URI origin) {
        String trimmed = host.trim();
        String defaultPort = "https".equalsIgnoreCase(origin.getScheme()) ? ":443" : ":80";
        return origin.getPort() < 0 && trimmed.endsWith(defaultPort)
                ? trimmed.substring(0, trimmed.length() - defaultPort.length()) : trimmed;
    }
}
