package org.ams.agent.users;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ams.protocol.wire.CheckInRequest;

/**
 * The list the agent sends: account names in the order given (most recent first), each once whatever its case,
 * without blanks, the device's own local accounts ({@code PC-0042\admin}, {@code .\admin}) and Windows' built-in
 * service accounts, cut to {@link CheckInRequest#MAX_SIGNED_IN_USERS} names of at most
 * {@link CheckInRequest#MAX_USER_NAME} characters.
 */
final class SignedInUsers {

    /** Domains of accounts that are Windows itself, never a person. */
    private static final Set<String> SYSTEM_DOMAINS = Set.of("nt authority", "nt service", "window manager",
            "font driver host", "nt virtual machine", "iis apppool");

    private SignedInUsers() {
    }

    static List<String> of(List<String> accounts, String computerName) {
        String computer = computerName == null ? "" : computerName.strip().toLowerCase(Locale.ROOT);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String account : accounts) {
            String name = account == null ? "" : account.strip();
            if (name.isEmpty() || name.length() > CheckInRequest.MAX_USER_NAME || name.chars().anyMatch(Character::isISOControl)) {
                continue;
            }
            int slash = name.indexOf('\\');
            if (slash >= 0) {
                String domain = name.substring(0, slash).toLowerCase(Locale.ROOT);
                if (domain.equals(".") || domain.equals(computer) || SYSTEM_DOMAINS.contains(domain)
                        || slash == name.length() - 1) {
                    continue;
                }
            }
            kept.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        List<String> users = new ArrayList<>(kept.values());
        return List.copyOf(users.subList(0, Math.min(users.size(), CheckInRequest.MAX_SIGNED_IN_USERS)));
    }
}
