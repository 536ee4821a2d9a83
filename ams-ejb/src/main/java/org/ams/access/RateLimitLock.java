package org.ams.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * The row an access request locks for its user, or for its client address, while it counts their recent requests
 * and writes its own record ({@link RateLimitLocks}). A database row lock, not a lock in this JVM, so that servers
 * sharing the database count one after the other too.
 */
@Entity
@Table(name = "access_rate_limit_lock")
public class RateLimitLock {

    public static final int MAX_SUBJECT = 600;

    @Id
    @Column(length = MAX_SUBJECT)
    private String subject;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected RateLimitLock() {
    }

    RateLimitLock(String subject, OffsetDateTime createdAt) {
        this.subject = subject;
        this.createdAt = createdAt;
    }

    /** The user's row: {@code user:} and the user name. */
    static String ofUser(String username) {
        return "user:" + username;
    }

    /** The client address's row: {@code address:} and the address. */
    static String ofAddress(String address) {
        return "address:" + address;
    }

    public String getSubject() {
        return subject;
    }
}
