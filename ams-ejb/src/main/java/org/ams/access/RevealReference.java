package org.ams.access;

import java.util.Locale;
import java.util.regex.Pattern;
import org.ams.audit.AuditEvent;
import org.ams.authz.Permission;
import org.ams.authz.ResultCode;

/**
 * The audit record a click on Show names, as {@link AccessRequests#recordReveal} checks it before recording the
 * click: it must be the user's own granted request for a computer's recovery passwords whose answer hid each password
 * until Show, and that answer must have held the key. Kept apart from the bean so that these rules are tested
 * without a server.
 *
 * @param sequence the record's number, the request number the page shows
 */
record RevealReference(long sequence, String actor, String action, String targetType, String resultCode,
                       String permission, String details) {

    private static final Pattern KEY_ID = Pattern.compile("[0-9A-F]{8}");

    /** Where the key lies in what the request showed. */
    enum Shown {
        /** The request's details name the key. */
        LISTED,
        /**
         * The details name only the first {@value RequestDetails#MAX_LISTED} keys, and not this one: it was shown if
         * the computer had it when the request was answered.
         */
        BEYOND_LIST
    }

    static RevealReference of(AuditEvent record) {
        return new RevealReference(record.getSequence(), record.getActor(), record.getAction(),
                record.getTargetType(), record.getResultCode(), record.getPermission(), record.getDetails());
    }

    /**
     * The recovery key ID as stored beside every protector: eight hex digits, upper case.
     *
     * @throws AccessRequestException for anything else
     */
    static String keyId(String given) {
        String keyId = given == null ? "" : given.strip().toUpperCase(Locale.ROOT);
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new AccessRequestException("That is not a recovery key ID (8 characters, 0-9 and A-F); nothing "
                    + "was recorded.");
        }
        return keyId;
    }

    /**
     * @param keyId as {@link #keyId(String)} returns it
     * @throws AccessRequestException when this is not a granted recovery-password request of this user, when its
     *                                answer showed the passwords at once, or when its details name every key shown
     *                                and not this one
     */
    Shown requireShownTo(String username, String keyId) {
        if (!username.equals(actor) || !AccessRequests.ACTION.equals(action) || !"Device".equals(targetType)
                || !ResultCode.SUCCESS.name().equals(resultCode)
                || !Permission.READ_BITLOCKER_RECOVERY_PASSWORD.name().equals(permission)) {
            throw notYours(sequence);
        }
        RequestDetails.ListedKeyIds listed = RequestDetails.passwordKeyIds(details);
        if (!listed.hidden()) {
            throw new AccessRequestException("Request " + sequence + " showed its recovery passwords at once; there "
                    + "is no Show to record, and nothing was recorded.");
        }
        if (listed.keyIds().contains(keyId)) {
            return Shown.LISTED;
        }
        if (listed.complete()) {
            throw notShown(keyId, sequence);
        }
        return Shown.BEYOND_LIST;
    }

    static AccessRequestException notYours(long sequence) {
        return new AccessRequestException("Request " + sequence + " is not a granted request of yours for recovery "
                + "passwords; nothing was recorded.");
    }

    static AccessRequestException notShown(String keyId, long sequence) {
        return new AccessRequestException("Request " + sequence + " did not show the recovery password of key ID "
                + keyId + "; nothing was recorded.");
    }
}
