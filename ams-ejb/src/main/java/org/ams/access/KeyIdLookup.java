package org.ams.access;

import java.util.List;
import java.util.Optional;
import org.ams.authz.ResultCode;

/**
 * What a recovery key ID lookup found among the computers the user may see: nothing, the protectors of one
 * computer, or protectors on several computers (then the user types more characters or picks a computer). A lookup
 * refused by the reason setting or a rate limit carries no matches and the administrator's help text. A lookup that
 * found protectors only on computers the user may not see is {@link ResultCode#NOT_VISIBLE_TO_USER} but performed:
 * to the user it reads like one that found nothing.
 *
 * @param prefix        the key id as AMS understood it: upper-case hex digits, without braces or dashes
 * @param auditSequence the audit record's sequence number
 */
public record KeyIdLookup(ResultCode result, String prefix, List<KeyIdMatch> matches, String deniedHelpText,
                          long auditSequence) {

    public KeyIdLookup {
        matches = List.copyOf(matches);
    }

    /** Whether the computers were searched (the answer is in {@link #matches}), rather than the lookup refused. */
    public boolean performed() {
        return result.granted() || result == ResultCode.NOT_VISIBLE_TO_USER;
    }

    /** How many different computers the matches are on. */
    public long computerCount() {
        return matches.stream().map(KeyIdMatch::deviceId).distinct().count();
    }

    /** The one computer every match is on, when there is exactly one. */
    public Optional<ComputerCandidate> uniqueComputer() {
        return computerCount() == 1 ? Optional.of(matches.get(0).computer()) : Optional.empty();
    }
}
