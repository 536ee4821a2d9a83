package org.ams.web.metrics;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.ams.identity.Role;
import org.ams.platform.AmsSettings;
import org.ams.token.ApiScope;
import org.ams.token.TokenCaller;
import org.ams.web.security.AmsAuthentication;

/**
 * Who may read {@code /metrics}: clients whose address lies in one of the ranges of {@value #SETTING} (default the
 * loopback addresses, {@value #DEFAULT}), and from any address a scraper with a valid API token of scope
 * {@link ApiScope#READ_METRICS} whose owner holds the Administrator or Auditor role (the token itself is checked by
 * {@link AmsAuthentication}: an invalid one never gets here). The setting is read at every scrape, so a changed {@code ams.properties}
 * counts at once; its parsed form is kept while its text stays the same.
 * <p>
 * The address is the connection's own ({@code getRemoteAddr}). {@code X-Forwarded-For} is not believed: AMS has no
 * setting naming trusted proxies, and anyone can send the header. Behind a reverse proxy, allow the proxy's address
 * and let the proxy restrict who reaches {@code /metrics}.
 * <p>
 * A setting that cannot be read refuses every scraper, and says why in the log once per value: a typo must not open
 * the metrics to everyone.
 */
final class MetricsAccess {

    static final String SETTING = "ams.metrics.allowed-addresses";
    static final String DEFAULT = "127.0.0.0/8, ::1";
    private static final Logger LOG = Logger.getLogger(MetricsAccess.class.getName());

    /** The ranges of one text of the setting; {@code ranges} empty when the text was refused. */
    private record Parsed(String text, List<AddressRange> ranges) {
    }

    private volatile Parsed parsed = new Parsed(null, List.of());

    /** What a scrape is answered. */
    enum Decision {
        ADMITTED,
        /** Neither an allowed address nor a token. */
        REFUSED,
        /** From elsewhere, with a token without {@link ApiScope#READ_METRICS}. */
        SCOPE_MISSING,
        /** From elsewhere, with a token whose owner holds neither role. */
        ROLE_MISSING
    }

    /** The one decision: an allowed address suffices; from anywhere else, the token must. */
    Decision decide(HttpServletRequest request) {
        if (allowsAddress(request.getRemoteAddr())) {
            return Decision.ADMITTED;
        }
        return request.getAttribute(AmsAuthentication.TOKEN_CALLER) instanceof TokenCaller token
                ? byToken(token) : Decision.REFUSED;
    }

    /**
     * The metrics name no user, computer or secret, but they describe the whole installation (every tenant's devices,
     * the access requests' outcomes): the figures of the Dashboard and the audit log, so the roles that read those.
     */
    static Decision byToken(TokenCaller token) {
        if (!token.allows(ApiScope.READ_METRICS)) {
            return Decision.SCOPE_MISSING;
        }
        return token.roles().contains(Role.ADMINISTRATOR) || token.roles().contains(Role.AUDITOR)
                ? Decision.ADMITTED : Decision.ROLE_MISSING;
    }

    /** Whether a client connected from this address lies in one of the allowed ranges. */
    boolean allowsAddress(String remoteAddress) {
        return allowedRanges(AmsSettings.current().get(SETTING, DEFAULT)).stream()
                .anyMatch(range -> range.contains(remoteAddress));
    }

    List<AddressRange> allowedRanges(String setting) {
        Parsed known = parsed;
        if (setting.equals(known.text())) {
            return known.ranges();
        }
        List<AddressRange> ranges;
        try {
            ranges = parse(setting);
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "/metrics refuses every scraper until " + SETTING + " is corrected: " + e.getMessage());
            ranges = List.of();
        }
        parsed = new Parsed(setting, ranges);
        return ranges;
    }

    /**
     * The ranges of a comma- or space-separated list.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or range
     */
    static List<AddressRange> parse(String setting) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : setting.split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(AddressRange.parse(entry));
            }
        }
        return List.copyOf(ranges);
    }
}
