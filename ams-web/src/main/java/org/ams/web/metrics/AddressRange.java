package org.ams.web.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A range of IPv4 or IPv6 addresses in CIDR notation ({@code 10.1.0.0/16}, {@code fd00::/8}), or one address. Only
 * address literals are taken: a host name would make every check a DNS lookup, and the answer someone else's.
 */
public final class AddressRange {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private AddressRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException with a sentence naming the entry, when it is not an address or CIDR range
     */
    public static AddressRange parse(String entry) {
        String text = entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address).orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not an IP "
                + "address or a range such as 10.0.0.0/8 or fd00::/8."));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length other than 0 to " + bits + ".");
            }
            prefix = Integer.parseInt(length);
        }
        return new AddressRange(masked(bytes, prefix), prefix, text);
    }

    /** Whether the address (as the servlet container reports the client's) lies in this range. */
    public boolean contains(String address) {
        return address != null && literal(address).map(bytes -> bytes.length == network.length
                && Arrays.equals(masked(bytes, prefix), network)).orElse(false);
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * The address's bytes: 4 for IPv4 (also for an IPv4-mapped IPv6 address, which the JDK turns into IPv4), 16 for
     * IPv6. A zone ({@code fe80::1%eth0}) is dropped. Never a name lookup: only literals reach the JDK's parser.
     */
    private static Optional<byte[]> literal(String address) {
        String bare = address.strip();
        int zone = bare.indexOf('%');
        if (zone >= 0) {
            bare = bare.substring(0, zone);
        }
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        if (IPV4.matcher(bare).matches()) {
            // Read here: the JDK would look up a dotted quad it cannot read (an octet over 255) as a host name.
            String[] octets = bare.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(bytes);
        }
        if (!IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            // Holds a colon, so the JDK parses it as an IPv6 literal and never looks it up.
            return Optional.of(InetAddress.getByName(bare).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty(); // too many groups, a bad embedded IPv4 part, ...
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] = (byte) (result[i] & (0xFF00 >> keep));
        }
        return result;
    }
}
