package org.ams.web.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.token.ApiScope;
import org.ams.token.TokenCaller;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

    private static boolean allowed(String setting, String address) {
        return new MetricsAccess().allowedRanges(setting).stream().anyMatch(range -> range.contains(address));
    }

    @Test
    @DisplayName("The default admits the loopback addresses, in every spelling a container reports, and no other")
    void defaultIsLoopback() {
        for (String loopback : List.of("127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "[::1]",
                "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1%0")) {
            assertTrue(allowed(MetricsAccess.DEFAULT, loopback), loopback);
        }
        for (String other : List.of("128.0.0.1", "10.0.0.1", "192.168.1.1", "::2", "fe80::1", "126.255.255.255")) {
            assertFalse(allowed(MetricsAccess.DEFAULT, other), other);
        }
    }

    @Test
    @DisplayName("IPv4 and IPv6 ranges match exactly their prefix, bits inside an octet included")
    void rangesMatchTheirPrefix() {
        String setting = "10.20.0.0/14, fd00:1234::/32 192.0.2.7";
        assertTrue(allowed(setting, "10.20.0.1"));
        assertTrue(allowed(setting, "10.23.255.255"), "the last address of a /14");
        assertFalse(allowed(setting, "10.24.0.0"), "the first address after it");
        assertFalse(allowed(setting, "10.19.255.255"), "the last address before it");
        assertTrue(allowed(setting, "fd00:1234:ffff::1"));
        assertFalse(allowed(setting, "fd00:1235::1"));
        assertTrue(allowed(setting, "192.0.2.7"), "a single address");
        assertFalse(allowed(setting, "192.0.2.8"));
        assertFalse(allowed(setting, "::ffff:10.21.0.1".replace("10.21", "11.21")));
        assertTrue(allowed(setting, "::ffff:10.21.0.1"), "an IPv4-mapped IPv6 address is the IPv4 address");
        assertFalse(allowed("::/0", "127.0.0.1"), "an IPv6 range holds no IPv4 address");
        assertTrue(allowed("0.0.0.0/0", "203.0.113.9"), "0.0.0.0/0 is every IPv4 address");
    }

    @Test
    @DisplayName("Names, bad prefixes and malformed addresses are refused with a sentence naming the entry")
    void badEntriesAreRefused() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::/129", "10.0.0.256", "10.0.0", "010.0.0.1",
                "10.0.0.0/", "10.0.0.0/-1", "1:2:3:4:5:6:7:8:9", "*", "10.0.0.0/8/8")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> MetricsAccess.parse("127.0.0.1, " + bad), bad);
            assertTrue(refused.getMessage().contains(bad.split("/")[0]), refused.getMessage());
        }
    }

    @Test
    @DisplayName("A setting that cannot be read refuses everyone, loopback included: a typo never opens the metrics")
    void unreadableSettingRefusesEveryone() {
        MetricsAccess access = new MetricsAccess();
        assertEquals(List.of(), access.allowedRanges("127.0.0.0/8, metrics-host"));
        assertFalse(access.allowedRanges("127.0.0.0/8, metrics-host").stream()
                .anyMatch(range -> range.contains("127.0.0.1")));
        assertEquals(1, access.allowedRanges("127.0.0.0/8").size(), "a corrected setting counts at once");
    }

    @Test
    @DisplayName("A client address that is not an address literal is never in a range")
    void oddClientAddresses() {
        for (String odd : List.of("", "unknown", "127.0.0.1, 10.0.0.1", "127.0.0.1:8080")) {
            assertFalse(allowed("0.0.0.0/0, ::/0", odd), odd);
        }
        assertFalse(new MetricsAccess().allowedRanges("0.0.0.0/0").get(0).contains(null));
    }

    @Test
    @DisplayName("From outside the allow-list, a token needs the metrics scope and an Administrator or Auditor owner")
    void tokensNeedTheScopeAndTheRole() {
        assertEquals(MetricsAccess.Decision.ADMITTED, MetricsAccess.byToken(token(Set.of(Role.AUDITOR),
                ApiScope.READ_METRICS)));
        assertEquals(MetricsAccess.Decision.ADMITTED, MetricsAccess.byToken(token(Set.of(Role.ADMINISTRATOR),
                ApiScope.READ_METADATA, ApiScope.READ_METRICS)));
        assertEquals(MetricsAccess.Decision.ROLE_MISSING, MetricsAccess.byToken(token(Set.of(Role.HELPDESK),
                ApiScope.READ_METRICS)));
        assertEquals(MetricsAccess.Decision.SCOPE_MISSING, MetricsAccess.byToken(token(Set.of(Role.ADMINISTRATOR),
                ApiScope.READ_METADATA, ApiScope.READ_AUDIT)));
    }

    private static TokenCaller token(Set<Role> roles, ApiScope... scopes) {
        return new TokenCaller(UUID.randomUUID(), PrincipalRef.user("local", "1", "prometheus"), Set.of(), roles,
                Set.of(scopes));
    }
}
