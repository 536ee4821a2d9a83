package org.ams.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ams.identity.local.LocalAccount;

/**
 * Slows down password guessing: after {@code maxPerAccount} failed sign-ins for one user name, or
 * {@code maxPerAddress} from one client address, within the window, further attempts are refused until the oldest
 * failure leaves the window. Unknown user names count like known ones, so the answer never tells which exist.
 * <p>
 * Kept in memory: right for a single server; with several servers behind a load balancer each keeps its own count.
 */
final class SignInThrottle {

    /** Bounds memory when someone sprays random user names: expired entries are dropped beyond this many keys. */
    private static final int PRUNE_ABOVE = 10_000;

    private final int maxPerAccount;
    private final int maxPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public SignInThrottle(int maxPerAccount, int maxPerAddress, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
        this.clock = clock;
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
        record(accountKey(account), now);
        record(addressKey(address), now);
        if (failures.size() > PRUNE_ABOVE) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    expire(entry.getValue(), now);
                    return entry.getValue().isEmpty();
                }
            });
        }
    }

    /** A correct sign-in clears the account's failures (not the address's: one right password among many guesses
     * from one place should not reset the count for the others). */
    public void succeeded(String account) {
        failures.remove(accountKey(account));
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
    }

    private Optional<Duration> waitFor(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            if (times.size() < max) {
                return Optional.empty();
            }
            // The attempt is allowed again once enough failures have left the window.
            Instant freed = times.stream().skip(times.size() - max).findFirst().orElse(now).plus(window);
            return Optional.of(Duration.between(now, freed));
        }
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }

    private static String accountKey(String account) {
        String name = account == null ? "" : account.length() > LocalAccount.MAX_USERNAME_LENGTH
                ? account.substring(0, LocalAccount.MAX_USERNAME_LENGTH) : account;
        return "account:" + LocalAccount.keyOf(name);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
