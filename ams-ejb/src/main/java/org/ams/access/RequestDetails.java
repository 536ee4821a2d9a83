package org.ams.access;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;

/**
 * The details text of an access request's audit record, for the people reading the audit log: what was shown, by key
 * id, never a password. At most {@value #MAX_LISTED} key ids are named, then how many more there were. When the page
 * hid each password until Show is clicked, the text says so. {@link #passwordKeyIds} reads the key ids back.
 */
final class RequestDetails {

    static final int MAX_LISTED = 20;
    private static final String PASSWORDS = "recovery passwords shown for key ids ";
    private static final String METADATA = "key metadata shown for key ids ";
    private static final String HIDDEN = "; each hidden until Show is clicked";
    private static final Pattern MORE = Pattern.compile("(.*) and \\d+ more");

    private RequestDetails() {
    }

    /**
     * @param hidden whether the page hides each password until the user clicks Show on it (password requests only)
     */
    static String of(ResultCode result, List<RevealedKey> keys, Permission permission, boolean hidden) {
        if (!result.granted()) {
            return "denied: " + result.name();
        }
        if (keys.isEmpty()) {
            return "granted; the computer has no escrowed keys";
        }
        boolean passwords = permission == Permission.READ_BITLOCKER_RECOVERY_PASSWORD;
        StringBuilder text = new StringBuilder(passwords ? PASSWORDS : METADATA);
        for (int i = 0; i < keys.size() && i < MAX_LISTED; i++) {
            text.append(i == 0 ? "" : ", ").append(keys.get(i).keyId());
        }
        if (keys.size() > MAX_LISTED) {
            text.append(" and ").append(keys.size() - MAX_LISTED).append(" more");
        }
        return passwords && hidden ? text.append(HIDDEN).toString() : text.toString();
    }

    /**
     * The key ids whose recovery passwords the details of a granted password request name; none for any other text.
     */
    static ListedKeyIds passwordKeyIds(String details) {
        if (details == null || !details.startsWith(PASSWORDS)) {
            return new ListedKeyIds(Set.of(), true, false);
        }
        String listed = details.substring(PASSWORDS.length());
        boolean hidden = listed.endsWith(HIDDEN);
        listed = hidden ? listed.substring(0, listed.length() - HIDDEN.length()) : listed;
        Matcher more = MORE.matcher(listed);
        boolean complete = !more.matches();
        return new ListedKeyIds(Set.copyOf(List.of((complete ? listed : more.group(1)).split(", "))), complete,
                hidden);
    }

    /**
     * Key ids as an access request's details name them.
     *
     * @param complete false when the details name only the first {@value RequestDetails#MAX_LISTED} and count the
     *                 others
     * @param hidden   whether the page hid each password until Show was clicked
     */
    record ListedKeyIds(Set<String> keyIds, boolean complete, boolean hidden) {
    }
}
