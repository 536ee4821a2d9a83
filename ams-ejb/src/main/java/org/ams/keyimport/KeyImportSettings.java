package org.ams.keyimport;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * What an administrator sets for the BitLocker key import of a directory, checked: one to ten search bases (DNs, one
 * per line; the subtree under each is read), an interval of 5 minutes to a week, the tenant imported computers land
 * in and, optionally, a static device group of that tenant they join.
 */
public record KeyImportSettings(boolean enabled, List<String> searchBases, int intervalMinutes, UUID tenantId,
                                UUID deviceGroupId) {

    public static final int MIN_INTERVAL_MINUTES = 5;
    public static final int MAX_INTERVAL_MINUTES = 7 * 24 * 60;
    public static final int DEFAULT_INTERVAL_MINUTES = 60;
    static final int MAX_BASES = 10;
    static final int MAX_BASES_CHARS = 4000;

    public KeyImportSettings {
        searchBases = List.copyOf(searchBases == null ? List.of() : searchBases);
        if (searchBases.isEmpty()) {
            throw new KeyImportException("Enter at least one search base, e.g. OU=Workstations,DC=corp,DC=example.");
        }
        if (searchBases.size() > MAX_BASES) {
            throw new KeyImportException("Enter at most " + MAX_BASES + " search bases.");
        }
        if (String.join("\n", searchBases).length() > MAX_BASES_CHARS) {
            throw new KeyImportException("The search bases are longer than " + MAX_BASES_CHARS + " characters.");
        }
        for (String base : searchBases) {
            if (!DN.isValidDN(base)) {
                throw new KeyImportException("'" + base + "' is not a distinguished name, e.g. "
                        + "OU=Workstations,DC=corp,DC=example.");
            }
        }
        if (intervalMinutes < MIN_INTERVAL_MINUTES || intervalMinutes > MAX_INTERVAL_MINUTES) {
            throw new KeyImportException("The interval is " + MIN_INTERVAL_MINUTES + " to " + MAX_INTERVAL_MINUTES
                    + " minutes (a week).");
        }
        if (tenantId == null) {
            throw new KeyImportException("Choose the tenant imported computers land in.");
        }
    }

    /** The search bases as typed, one per line; blank lines are ignored. */
    public static List<String> basesFromLines(String lines) {
        List<String> bases = new ArrayList<>();
        if (lines != null) {
            Arrays.stream(lines.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).forEach(bases::add);
        }
        return bases;
    }
}
