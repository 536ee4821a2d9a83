package org.ams.identity.oidc;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditTrail;
import org.ams.identity.IdentityException;
import org.ams.identity.PrincipalRef;
import org.ams.platform.AmsSettings;
import org.ams.platform.MasterKey;
import org.ams.platform.SealedColumn;

/**
 * Configuring the OpenID Connect provider (Settings / Authentication): its settings, its client secret sealed under
 * the master key, the Test of its discovery document, and the groups its tokens carry that administrators named.
 */
@Stateless
@RolesAllowed(org.ams.security.RoleNames.ADMINISTRATOR)
public class OidcProviderService {

    static final String SECRET_PURPOSE = SealedColumn.OIDC_CLIENT_SECRET.purpose();
    static final String KEY_PURPOSE = SealedColumn.OIDC_CLIENT_KEY.purpose();
    static final int MAX_SECRET_LENGTH = 1024;
    private static final String AUDIT_TYPE = "OidcProvider";
    private static final String GROUP_AUDIT_TYPE = "OidcGroup";

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    /** The provider's settings, if one is configured. */
    public Optional<OidcSettings> settings() {
        return Optional.ofNullable(em.find(OidcProvider.class, OidcProvider.ID)).map(OidcProvider::settings);
    }

    /**
     * Saves the provider, keeping the way AMS authenticates to it (a client secret for a new one). A client secret
     * is needed the first time; later an empty one keeps the one saved.
     */
    public void save(OidcSettings settings, char[] clientSecret) {
        save(settings, clientSecret, null);
    }

    /**
     * Saves the provider and how AMS authenticates to its token endpoint: with the client secret (needed when none is
     * saved; an empty one keeps the one saved) or with a JWT signed with AMS's client key (which must have been
     * generated; no secret is needed). Nothing is saved when anything is refused.
     *
     * @param clientAuth {@code null} keeps the way saved (the client secret for a new provider)
     */
    public void save(OidcSettings settings, char[] clientSecret, OidcClientAuth clientAuth) {
        boolean newSecret = clientSecret != null && clientSecret.length > 0;
        if (newSecret && clientSecret.length > MAX_SECRET_LENGTH) {
            throw new IdentityException("A client secret has at most " + MAX_SECRET_LENGTH + " characters.");
        }
        OidcProvider provider = em.find(OidcProvider.class, OidcProvider.ID);
        OidcClientAuth auth = clientAuth != null ? clientAuth
                : provider == null ? OidcClientAuth.CLIENT_SECRET : provider.getClientAuth();
        if (auth == OidcClientAuth.PRIVATE_KEY_JWT && clientKey().isEmpty()) {
            throw new IdentityException("Generate AMS's client key first and register it at the provider; then "
                    + "choose the private key JWT.");
        }
        if (auth == OidcClientAuth.CLIENT_SECRET && !newSecret && (provider == null || !provider.hasClientSecret())) {
            throw new IdentityException("Enter the client secret the provider gave AMS.");
        }
        String sealed = newSecret ? masterKey().sealText(clientSecret, SECRET_PURPOSE) : null;
        if (provider == null) {
            em.persist(new OidcProvider(settings, sealed, auth));
        } else {
            provider.configure(settings, sealed, auth);
        }
        audit.record("oidc.provider.saved", AUDIT_TYPE, settings.issuer(), settings.buttonLabel(),
                (settings.enabled() ? "on" : "off") + ", client id " + settings.clientId() + ", scopes "
                        + settings.scopes() + ", user name from " + settings.usernameClaim() + ", groups from "
                        + settings.groupsClaim() + ", client authentication: " + auth.label()
                        + (newSecret ? ", new client secret" : "")
                        + (settings.passwordAdminOnly() ? ", password sign-in for the administrator only" : ""));
    }

    /** How AMS authenticates to the provider now; empty while none is saved. */
    public Optional<OidcClientAuth> clientAuth() {
        return Optional.ofNullable(em.find(OidcProvider.class, OidcProvider.ID)).map(OidcProvider::getClientAuth);
    }

    /**
     * Makes AMS's client key for the private-key JWT credential (RSA 2048 and a self-signed certificate for two
     * years), replacing the one before: a provider that knows the old key must learn the new one (a JWKS address is
     * read again by the provider itself; a certificate uploaded to Entra ID must be uploaded again).
     */
    public OidcClientKey generateClientKey() {
        OidcClientKeys.Generated generated = OidcClientKeys.generate("AMS OpenID Connect client");
        char[] encoded = java.util.Base64.getEncoder().encodeToString(generated.privateKey().getEncoded())
                .toCharArray();
        String sealed;
        try {
            sealed = masterKey().sealText(encoded, KEY_PURPOSE);
        } finally {
            java.util.Arrays.fill(encoded, '\0');
        }
        String pem = OidcClientKeys.pem(generated.certificate());
        OidcClientKey key = clientKey().orElse(null);
        if (key == null) {
            key = new OidcClientKey(generated.keyId(), sealed, pem);
            em.persist(key);
        } else {
            key.replace(generated.keyId(), sealed, pem);
        }
        audit.record("oidc.client-key.generated", AUDIT_TYPE, generated.keyId(), "AMS's client key",
                "RSA " + OidcClientKeys.RSA_BITS + ", certificate valid until "
                        + generated.certificate().getNotAfter().toInstant());
        return key;
    }

    /** Removes AMS's client key, unless the provider is set to authenticate with it. */
    public void removeClientKey() {
        if (clientAuth().orElse(OidcClientAuth.CLIENT_SECRET) == OidcClientAuth.PRIVATE_KEY_JWT) {
            throw new IdentityException("The provider signs in with this key: choose the client secret and save "
                    + "first.");
        }
        clientKey().ifPresent(key -> {
            em.remove(key);
            audit.record("oidc.client-key.removed", AUDIT_TYPE, key.getKeyId(), "AMS's client key", null);
        });
    }

    /** AMS's client key, if one was generated: its id, certificate and when it was made (never the private key). */
    public Optional<OidcClientKey> clientKey() {
        return Optional.ofNullable(em.find(OidcClientKey.class, OidcClientKey.ID));
    }

    /** The public JWK set of AMS's client key, for the provider to read from AMS's JWKS address; anyone may. */
    @PermitAll
    public Optional<String> clientJwks() {
        return clientKeyCertificate().map(OidcClientKeys::certificate).map(OidcClientKeys::jwks);
    }

    /** The certificate of AMS's client key (PEM), for an administrator to upload to the provider; anyone may. */
    @PermitAll
    public Optional<String> clientKeyCertificate() {
        return clientKey().map(OidcClientKey::getCertificatePem);
    }

    /** Removes the provider and its secret; named groups stay, for a provider set up again. */
    public void remove() {
        OidcProvider provider = em.find(OidcProvider.class, OidcProvider.ID);
        if (provider != null) {
            OidcSettings settings = provider.settings();
            em.remove(provider);
            audit.record("oidc.provider.removed", AUDIT_TYPE, settings.issuer(), settings.buttonLabel(), null);
        }
    }

    /**
     * What the Test button says about the issuer's discovery document.
     *
     * @throws IdentityException what is wrong, in words
     */
    public String test(String issuer) {
        OidcSettings checked = new OidcSettings(false, issuer, "-", "", "sub", "groups", "-", false);
        return OidcDiscovery.test(checked.issuer());
    }

    public List<OidcGroup> groups() {
        return em.createNamedQuery(OidcGroup.ALL, OidcGroup.class).getResultList();
    }

    /**
     * Names a group the tokens carry, so that the principal pickers offer it; naming one again renames it.
     *
     * @param claimValue  the value as the token sends it (Entra: the group's object id)
     * @param displayName how people know it; the claim value when empty
     */
    public OidcGroup nameGroup(String claimValue, String displayName) {
        String value = claimValue == null ? "" : claimValue.trim();
        if (value.isEmpty() || value.length() > OidcGroup.MAX_LENGTH) {
            throw new IdentityException("Enter the group as the token's groups claim sends it (1 to "
                    + OidcGroup.MAX_LENGTH + " characters), e.g. /helpdesk or an Entra group's object id.");
        }
        String id = OidcClaims.groupId(value);
        String name = displayName == null || displayName.isBlank() ? id : displayName.trim();
        if (name.length() > OidcGroup.MAX_LENGTH) {
            throw new IdentityException("A group's name has at most " + OidcGroup.MAX_LENGTH + " characters.");
        }
        OidcGroup group = em.find(OidcGroup.class, id);
        if (group == null) {
            group = new OidcGroup(id, name);
            em.persist(group);
            audit.record("oidc.group.named", GROUP_AUDIT_TYPE, id, name, null);
        } else {
            group.rename(name);
            audit.record("oidc.group.renamed", GROUP_AUDIT_TYPE, id, name, null);
        }
        return group;
    }

    /** Forgets a group's name; roles and rules granted to it stay and still match its claim value. */
    public void forgetGroup(String claimValue) {
        OidcGroup group = claimValue == null ? null : em.find(OidcGroup.class, claimValue);
        if (group != null) {
            em.remove(group);
            audit.record("oidc.group.forgotten", GROUP_AUDIT_TYPE, group.getClaimValue(), group.getDisplayName(),
                    null);
        }
    }

    /**
     * Records a sign-in through the provider, successful or refused, in its own transaction: nobody is signed in
     * yet, so the user is the target.
     */
    @PermitAll
    public void recordSignIn(String username, String userId, String clientAddress, OidcFailure failure,
                             String detail) {
        if (failure == null && (username == null || userId == null)) {
            throw new IllegalArgumentException("A successful sign-in names its user.");
        }
        audit.record(AuditEntry.builder(failure == null ? "signin.oidc" : "signin.oidc.failed", "User")
                .target(userId, username)
                .clientAddress(clientAddress)
                .resultCode(failure == null ? "SIGNED_IN" : failure.name())
                .details(detail == null ? null : detail.length() > 900 ? detail.substring(0, 900) + "..." : detail)
                .build());
    }

    /**
     * Remembers a user who signed in through the provider and the groups their token listed (their claim values),
     * replacing what their previous sign-in brought: the effective-access tool explains decisions for them with it.
     * Nobody is signed in yet, like {@link #recordSignIn}. A subject or name longer than the columns (no provider
     * sends one) is not remembered.
     */
    @PermitAll
    public void rememberUser(PrincipalRef user, Collection<PrincipalRef> groups) {
        if (user == null || user.id().length() > 255 || user.name().length() > 256) {
            return;
        }
        List<String> ids = groups.stream().map(PrincipalRef::id).toList();
        OidcUser known = em.find(OidcUser.class, user.id());
        if (known == null) {
            known = new OidcUser(user.id());
            known.signedIn(user.name(), ids);
            em.persist(known);
        } else {
            known.signedIn(user.name(), ids);
        }
    }

    static MasterKey masterKey() {
        return MasterKey.load(AmsSettings.current());
    }
}
