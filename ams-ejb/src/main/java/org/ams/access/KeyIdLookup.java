package org.ams.access;

import java.util.List;
import java.util.Optional;
import org.ams.authz.ResultCode;

/**
 * What a recovery key ID lookup found among the computers the user may see: nothing, the protectors of one
 * computer, or protectors on several computers (then the user types more characters or picks a computer). A lookup
 * refused by the reason setting or a rate limit carries no matches and the administrator's help text.
 *
 * @param prefix        the key id as AMS understood it: upper-case hex digits, without braces or dashes
 * @param auditSequence the audit record's sequence number
 */
public record KeyIdLookup(ResultCode result, String prefix, List<KeyIdMatch> matches, String deniedHelpText,
                          long auditSequence) {

    public KeyIdLookup {
        matches = List.copyOf(matches);
    }

    public boolean performed() {
        return result.granted();
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
