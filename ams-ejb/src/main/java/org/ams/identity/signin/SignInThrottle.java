package org.ams.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ams.identity.local.LocalAccount;

/**
 * Slows down password guessing: after {@code maxPerAccount} failed sign-ins for one user name, or
 * {@code maxPerAddress} from one client address, within the window, further attempts are refused until the oldest
 * failure leaves the window. Unknown user names count like known ones, so the answer never tells which exist.
 * <p>
 * The failures are kept in a {@link FailureLog}: in the database, so several servers behind a load balancer count
 * the same failures and a restart forgets none.
 */
final class SignInThrottle {

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final FailureLog log;

    public SignInThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock, FailureLog log) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
        this.log = log;
    }

    /** How long this user name or address must wait, or empty when it may try now. */
    public Optional<Duration> waitBefore(String account, String address) {
        Instant now = clock.instant();
        Optional<Duration> accountWait = waitFor(accountKey(account), maxPerAccount, now);
        Optional<Duration> addressWait = waitFor(addressKey(address), maxPerAddress, now);
        if (accountWait.isPresent() && addressWait.isPresent()) {
            return Optional.of(accountWait.get().compareTo(addressWait.get()) > 0 ? accountWait.get()
                    : addressWait.get());
        }
        return accountWait.or(() -> addressWait);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        log.add(List.of(accountKey(account), addressKey(address)), now, now.minus(window));
    }

    /** A correct sign-in clears the account's failures (not the address's: one right password among many guesses
     * from one place should not reset the count for the others). */
    public void succeeded(String account) {
        log.clear(accountKey(account));
    }

    private Optional<Duration> waitFor(String key, int max, Instant now) {
        List<Instant> times = log.since(key, now.minus(window));
        if (times.size() < max) {
            return Optional.empty();
        }
        // The attempt is allowed again once enough failures have left the window.
        Instant freed = times.get(times.size() - max).plus(window);
        return Optional.of(Duration.between(now, freed));
    }

    private static String accountKey(String account) {
        String name = account == null ? "" : account.length() > LocalAccount.MAX_USERNAME_LENGTH
                ? account.substring(0, LocalAccount.MAX_USERNAME_LENGTH) : account;
        return "account:" + LocalAccount.keyOf(name);
    }

    /** An address longer than the column (a proxy's odd header) is cut to it: still one key per address. */
    private static String addressKey(String address) {
        String key = "address:" + (address == null ? "" : address);
        return key.length() > SignInFailure.MAX_SUBJECT_LENGTH ? key.substring(0, SignInFailure.MAX_SUBJECT_LENGTH)
                : key;
    }
}
