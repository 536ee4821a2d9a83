package org.ams.access;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.ams.authz.ResultCode;

/**
 * Whether a request would exceed the rate limits, for every kind of access request (the helpdesk's and self-service
 * reads alike): counted from the audit log's {@link AccessRequests#REQUEST_ACTIONS}, so limits hold across restarts
 * and servers, and denied requests count too. The check and the request's record are one step: the user's and the
 * address's {@link RateLimitLock} rows stay locked by the caller's transaction until its record is committed, so a
 * parallel request of the same user or from the same address counts after it (on any server sharing the database).
 * Where every window's limit is off there is nothing to count and nothing is locked.
 */
final class RateLimitCheck {

    private final EntityManager em;
    private final RateLimitLocks locks;

    RateLimitCheck(EntityManager em, RateLimitLocks locks) {
        this.em = em;
        this.locks = locks;
    }

    Optional<ResultCode> exceeded(String username, String address, RateLimits limits) {
        boolean perUser = anyLimit(limits.userPerMinute(), limits.userPerHour(), limits.userPerDay());
        boolean perAddress = anyLimit(limits.addressPerMinute(), limits.addressPerHour(), limits.addressPerDay());
        // Always the user's row before the address's: two requests never wait for each other in a circle.
        if (perUser) {
            locks.lock(RateLimitLock.ofUser(username));
        }
        if (perAddress) {
            locks.lock(RateLimitLock.ofAddress(address));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (perUser && exceeded(counts("e.actor", username, now), limits.userPerMinute(), limits.userPerHour(),
                limits.userPerDay())) {
            return Optional.of(ResultCode.USER_RATE_LIMIT_EXCEEDED);
        }
        if (perAddress && exceeded(counts("e.clientAddress", address, now), limits.addressPerMinute(),
                limits.addressPerHour(), limits.addressPerDay())) {
            return Optional.of(ResultCode.IP_RATE_LIMIT_EXCEEDED);
        }
        return Optional.empty();
    }

    private long[] counts(String field, String value, OffsetDateTime now) {
        Object[] row = em.createQuery("SELECT SUM(CASE WHEN e.occurredAt > :minute THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN e.occurredAt > :hour THEN 1 ELSE 0 END), COUNT(e) FROM AuditEvent e "
                        + "WHERE " + field + " = :value AND e.action IN :actions AND e.occurredAt > :day", Object[].class)
                .setParameter("minute", now.minusMinutes(1)).setParameter("hour", now.minusHours(1))
                .setParameter("day", now.minusDays(1)).setParameter("value", value)
                .setParameter("actions", AccessRequests.REQUEST_ACTIONS)
                .getSingleResult();
        return new long[] {number(row[0]), number(row[1]), number(row[2])};
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean exceeded(long[] counts, int perMinute, int perHour, int perDay) {
        return over(counts[0], perMinute) || over(counts[1], perHour) || over(counts[2], perDay);
    }

    private static boolean anyLimit(int perMinute, int perHour, int perDay) {
        return perMinute > 0 || perHour > 0 || perDay > 0;
    }

    private static boolean over(long count, int limit) {
        return limit > 0 && count >= limit;
    }
}
