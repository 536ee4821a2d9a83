package org.ams.token;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditOrigin;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.IdentitySource;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.signin.RoleService;
import org.ams.security.RoleNames;

/**
 * Settings / API tokens: issuing, listing and revoking tokens (administrators), and checking the bearer secret of an
 * API call (anyone: it is how a call becomes somebody).
 * <p>
 * A call's token is read from the database every time, so a revoked or expired token is refused on the next call on
 * every server. Its owner's groups and roles are worked out again for every call too, as a sign-in would: a role or
 * group taken away, or a local account disabled, counts at once. Issuing and revoking are audited; the secret is in
 * no record.
 */
@Stateless
@RolesAllowed(RoleNames.ADMINISTRATOR)
public class ApiTokens {

    /** The longest a token may live: a year, so that forgotten tokens end by themselves. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private static final String AUDIT_TYPE = "ApiToken";
    /** Characters of a call's path and query kept in its record. */
    private static final int MAX_CALL = 500;
    private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @EJB
    private AuditTrail audit;

    @Inject
    private AuditOrigin origin;

    @EJB
    private RoleService roles;

    @EJB
    private DirectorySourceService directories;

    /** Every token, newest first, revoked and expired ones included. */
    public List<ApiToken> list() {
        return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
    }

    /**
     * Issues a token to a user. The secret is in the answer and nowhere else.
     *
     * @param expiresAt when it stops working: in the future and at most {@link #MAX_LIFETIME} from now
     */
    public NewApiToken create(PrincipalRef owner, Set<ApiScope> scopes, OffsetDateTime expiresAt, String note) {
        if (owner == null || owner.kind() != PrincipalKind.USER) {
            throw new ApiTokenException("Choose the user the token is for (a person, or a local account kept for a "
                    + "script); a group cannot hold a token.");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new ApiTokenException("Choose at least one scope: what the token may be used for.");
        }
        Optional<ApiScope> reserved = scopes.stream().filter(scope -> !scope.inUse()).findFirst();
        if (reserved.isPresent()) {
            throw new ApiTokenException("No call of the REST API uses the scope '" + reserved.get().label()
                    + "' yet; a token cannot be issued with it.");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (expiresAt == null) {
            throw new ApiTokenException("Choose when the token expires.");
        }
        if (!expiresAt.isAfter(now)) {
            throw new ApiTokenException("The expiry date must be in the future.");
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new ApiTokenException("A token lives at most a year: choose an expiry date before "
                    + now.plus(MAX_LIFETIME).format(DateTimeFormatter.ISO_LOCAL_DATE) + ".");
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > ApiToken.MAX_NOTE) {
            throw new ApiTokenException("A note has at most " + ApiToken.MAX_NOTE + " characters.");
        }
        TokenSecret secret = TokenSecret.generate();
        ApiToken token = new ApiToken(secret, owner, scopes, text, now, caller(),
                expiresAt.withOffsetSameInstant(ZoneOffset.UTC));
        em.persist(token);
        audit.record("api-token.created", AUDIT_TYPE, token.getId().toString(), owner.name(),
                "API token " + token.getId() + " (" + token.getSecretHint() + "...) for user " + owner.name() + " ("
                        + owner.source() + " " + owner.id() + "), scopes " + String.join(", ",
                        token.scopes().stream().map(Enum::name).toList()) + ", expires "
                        + token.getExpiresAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        + (text == null ? "" : "; note: " + text));
        return new NewApiToken(token, secret.value());
    }

    /** Revokes a token: the next call with it, on any server, is refused. Revoking twice changes nothing. */
    public ApiToken revoke(UUID tokenId) {
        ApiToken token = tokenId == null ? null : em.find(ApiToken.class, tokenId);
        if (token == null) {
            throw new ApiTokenException("That token no longer exists; reload the page.");
        }
        if (token.getRevokedAt() != null) {
            throw new ApiTokenException("That token was already revoked.");
        }
        token.revoke(OffsetDateTime.now(ZoneOffset.UTC), caller());
        audit.record("api-token.revoked", AUDIT_TYPE, token.getId().toString(), token.getOwnerName(),
                "API token " + token.getId() + " (" + token.getSecretHint() + "...) of user " + token.getOwnerName()
                        + " revoked");
        return token;
    }

    /**
     * Records a call made with a token that left no record of its own (a list, a read of figures or of the audit
     * log, a refusal before any service was asked), so that every use of a token is in the audit log, by its owner,
     * naming the token. Outside a request authenticated with a token, nothing is recorded.
     *
     * @param call          the method, path and query, e.g. {@code GET /api/v1/devices?state=PENDING}
     * @param outcome       the answer, e.g. {@code 200} or {@code 403 SCOPE_MISSING}
     * @param clientAddress where the call came from
     */
    // Any caller: the web tier records the call after the token has been checked; the record names that token only.
    @PermitAll
    public void recordCall(String call, String outcome, String clientAddress) {
        Optional<String> tokenId = origin.apiTokenId();
        if (tokenId.isEmpty()) {
            return;
        }
        String text = call == null ? "" : call.length() > MAX_CALL ? call.substring(0, MAX_CALL) + "..." : call;
        audit.record(AuditEntry.builder("api-token.used", AUDIT_TYPE).target(tokenId.get(), caller())
                .details(text + " answered " + outcome).clientAddress(clientAddress).build());
    }

    /**
     * Who an API call's bearer secret speaks for, with the owner's groups and roles now; empty for anything but the
     * secret of an active token of a user who still exists (and, for a local account, is enabled).
     *
     * @throws IdentityException when the owner's directory cannot be asked now
     */
    @PermitAll
    public Optional<TokenCaller> authenticate(String bearer) {
        if (!TokenSecret.wellFormed(bearer)) {
            return Optional.empty();
        }
        String hash = TokenSecret.hashOf(bearer);
        Optional<ApiToken> found = em.createNamedQuery(ApiToken.BY_HASH, ApiToken.class).setParameter("hash", hash)
                .getResultStream().filter(token -> token.hasHash(hash)).findFirst();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (found.isEmpty() || found.get().stateAt(now) != ApiToken.State.ACTIVE) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        PrincipalRef owner = token.owner();
        Optional<Set<PrincipalRef>> groups = groupsOf(owner);
        if (groups.isEmpty()) {
            LOG.info(() -> "API token " + token.getId() + " refused: its owner " + owner.name()
                    + " no longer exists or is disabled.");
            return Optional.empty();
        }
        token.used(now);
        Set<PrincipalRef> principals = new LinkedHashSet<>(groups.get());
        principals.add(owner);
        Set<Role> held = roles.rolesOf(principals);
        return Optional.of(new TokenCaller(token.getId(), owner, groups.get(), held, token.scopes()));
    }

    /** The owner's groups now; empty when the owner is gone or disabled. */
    private Optional<Set<PrincipalRef>> groupsOf(PrincipalRef owner) {
        if (LocalAccountService.SOURCE.equals(owner.source())) {
            UUID id;
            try {
                id = UUID.fromString(owner.id());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            LocalAccount account = em.find(LocalAccount.class, id);
            if (account == null || !account.isEnabled()) {
                return Optional.empty();
            }
            return Optional.of(em.createNamedQuery(LocalGroup.OF_MEMBER, LocalGroup.class)
                    .setParameter("accountId", id).getResultStream().map(LocalGroup::principal)
                    .collect(Collectors.toCollection(HashSet::new)));
        }
        Optional<IdentitySource> source = directories.identitySources().stream()
                .filter(candidate -> candidate.key().equals(owner.source())).findFirst();
        if (source.isEmpty() || !source.get().missingAmong(Set.of(owner)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(source.get().groupsOf(owner));
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }
}
