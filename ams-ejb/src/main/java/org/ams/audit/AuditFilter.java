package org.ams.audit;

import java.io.Serializable;
import java.time.Instant;

/**
 * Which audit records an auditor is looking at. Every criterion is optional; {@code null} or blank means "any".
 *
 * @param from       records at or after this time
 * @param to         records at or before this time
 * @param actor      the user who acted, or part of the name (case does not matter)
 * @param targetName the computer (or other object) acted on, or part of its name (case does not matter)
 * @param resultCode exactly this result code, e.g. {@code ExplicitlyDenied}
 */
public record AuditFilter(Instant from, Instant to, String actor, String targetName, String resultCode)
        implements Serializable {

    public static final AuditFilter ANY = new AuditFilter(null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        targetName = blankToNull(targetName);
        resultCode = blankToNull(resultCode);
    }

    /** For the audit record of an export: what was asked for, in words. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "from", from == null ? null : AuditDigest.canonicalTime(from));
        append(text, "to", to == null ? null : AuditDigest.canonicalTime(to));
        append(text, "user", actor);
        append(text, "target", targetName);
        append(text, "result", resultCode);
        return text.isEmpty() ? "all records" : text.toString();
    }

    private static void append(StringBuilder text, String name, String value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
