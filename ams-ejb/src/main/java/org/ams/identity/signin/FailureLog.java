package org.ams.identity.signin;

import java.time.Instant;
import java.util.List;

/** Where {@link SignInThrottle} keeps the failures it counts: the database, so every server counts the same ones. */
interface FailureLog {

    /** The failures recorded for the subject after {@code after}, oldest first. */
    List<Instant> since(String subject, Instant after);

    /** Records one failure for each subject, and forgets failures at or before {@code forgetUpTo}. */
    void add(List<String> subjects, Instant at, Instant forgetUpTo);

    /** Forgets every failure of the subject. */
    void clear(String subject);
}
