package org.ams.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.identity.PrincipalRef;

/**
 * An API token as stored: whose it is, what it may do, until when, and the SHA-256 of its secret. The secret itself
 * is never here.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.BY_HASH, query = "SELECT t FROM ApiToken t WHERE t.secretHash = :hash")
@NamedQuery(name = ApiToken.ALL, query = "SELECT t FROM ApiToken t ORDER BY t.createdAt DESC")
public class ApiToken {

    public static final String BY_HASH = "ApiToken.byHash";
    public static final String ALL = "ApiToken.all";
    public static final int MAX_NOTE = 500;
    /** A recorded last use is written again only when it is older than this: not a write per call. */
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(5);

    /** Whether a token can still be used. */
    public enum State {
        ACTIVE, EXPIRED, REVOKED
    }

    @Id
    private UUID id;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(name = "secret_hint", nullable = false, length = 16)
    private String secretHint;

    @Column(name = "owner_source", nullable = false, length = 64)
    private String ownerSource;

    @Column(name = "owner_id", nullable = false, length = 512)
    private String ownerId;

    @Column(name = "owner_name", nullable = false, length = 512)
    private String ownerName;

    @Column(nullable = false, length = 256)
    private String scopes;

    @Column(length = MAX_NOTE)
    private String note;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, length = 256)
    private String createdBy;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "revoked_by", length = 256)
    private String revokedBy;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected ApiToken() {
    }

    ApiToken(TokenSecret secret, PrincipalRef owner, Set<ApiScope> scopes, String note, OffsetDateTime createdAt,
             String createdBy, OffsetDateTime expiresAt) {
        this.id = UUID.randomUUID();
        this.secretHash = secret.hash();
        this.secretHint = secret.hint();
        this.ownerSource = owner.source();
        this.ownerId = owner.id();
        this.ownerName = owner.name();
        this.scopes = scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        this.note = note;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.expiresAt = expiresAt;
    }

    public State stateAt(OffsetDateTime now) {
        if (revokedAt != null) {
            return State.REVOKED;
        }
        return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
    }

    /** Compares in constant time, though the row was already found by this hash. */
    boolean hasHash(String hash) {
        return MessageDigest.isEqual(secretHash.getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII));
    }

    void revoke(OffsetDateTime at, String by) {
        revokedAt = at;
        revokedBy = by;
    }

    /** Records a use, unless one was recorded a short while ago; {@code true} when it changed the row. */
    boolean used(OffsetDateTime at) {
        if (lastUsedAt != null && lastUsedAt.isAfter(at.minus(LAST_USE_PRECISION))) {
            return false;
        }
        lastUsedAt = at;
        return true;
    }

    public UUID getId() {
        return id;
    }

    public PrincipalRef owner() {
        return PrincipalRef.user(ownerSource, ownerId, ownerName);
    }

    public String getOwnerName() {
        return ownerName;
    }

    public Set<ApiScope> scopes() {
        Set<ApiScope> set = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(scopes.split(",")).filter(s -> !s.isBlank()).map(ApiScope::valueOf).forEach(set::add);
        return set;
    }

    public String getSecretHint() {
        return secretHint;
    }

    public String getNote() {
        return note;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    public OffsetDateTime getRevokedAt() {
        return revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }
}
