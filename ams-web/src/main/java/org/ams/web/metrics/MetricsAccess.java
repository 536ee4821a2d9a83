package org.ams.web.metrics;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.ams.platform.AmsSettings;

/**
 * Who may read {@code /metrics}: clients whose address lies in one of the ranges of {@value #SETTING} (default the
 * loopback addresses, {@value #DEFAULT}). The setting is read at every scrape, so a changed {@code ams.properties}
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

    /**
     * Whether this scrape may read the metrics: today, whether it came from an allowed address. This is the one
     * decision, and where a scraper presenting an API token with a metrics scope would be admitted once AMS has API
     * tokens; until then {@code Authorization} is not looked at.
     */
    boolean admits(HttpServletRequest request) {
        return allowsAddress(request.getRemoteAddr());
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
