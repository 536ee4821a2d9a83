package org.ams.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.UUID;
import org.ams.identity.PrincipalRef;

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

    /**
     * The row of one requester's requests for one computer under one rule that needs approval: {@code approval:} and
     * a SHA-256 of the three (a directory's stable id alone may be longer than the column).
     */
    static String ofApproval(PrincipalRef requester, UUID deviceId, UUID ruleId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((requester.source() + "\n" + requester.id()
                    + "\n" + deviceId + "\n" + ruleId).getBytes(StandardCharsets.UTF_8));
            return "approval:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    public String getSubject() {
        return subject;
    }
}
