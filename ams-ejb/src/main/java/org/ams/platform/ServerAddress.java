package org.ams.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How people and agents reach this server over HTTPS: the configured {@value #PUBLIC_URL} (a name or proxy the
 * server cannot see), or this host's name on the launcher's HTTPS port ({@value #HTTPS_PORT_SETTING}, default
 * {@value #DEFAULT_HTTPS_PORT}). Links in notifications (an approval request's page) are made from it.
 */
public final class ServerAddress {

    public static final String PUBLIC_URL = "ams.public.url";
    /** The launcher's HTTPS port ({@code AMS_HTTPS_PORT}). */
    public static final String HTTPS_PORT_SETTING = "ams.https.port";
    public static final int DEFAULT_HTTPS_PORT = 8443;

    private ServerAddress() {
    }

    /** The configured public URL without a trailing slash. */
    public static Optional<String> configured(AmsSettings settings) {
        return settings.find(PUBLIC_URL).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public static int httpsPort(AmsSettings settings) {
        String configured = settings.get(HTTPS_PORT_SETTING, String.valueOf(DEFAULT_HTTPS_PORT));
        try {
            int port = Integer.parseInt(configured);
            return port >= 1 && port <= 65_535 ? port : DEFAULT_HTTPS_PORT;
        } catch (NumberFormatException e) {
            return DEFAULT_HTTPS_PORT;
        }
    }

    /**
     * The console's URL for a link sent outside a web request (a notification): the configured public URL, else this
     * host's name on the HTTPS port.
     */
    public static String console(AmsSettings settings) {
        return configured(settings).orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
            int port = httpsPort(settings);
            return "https://" + host + (port == 443 ? "" : ":" + port);
        });
    }
}
