package org.ams.identity.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationErrorResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.RoleService;

/**
 * Signing in through the OpenID Connect provider: the authorization code flow with PKCE (S256), state and nonce. The
 * web tier starts it ({@link #begin}), keeps the {@link Pending} sign-in in the browser's session, and hands the
 * provider's answer back ({@link #complete}); the ID token is validated by the Nimbus SDK ({@link OidcTokenCheck}).
 * Every outcome is audited. Not in a transaction: the provider's round trips must not hold one open.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@PermitAll
public class OidcSignIn {

    /** How long a started sign-in may take at the provider (typing a password, MFA). */
    public static final int PENDING_LIFETIME_SECONDS = 600;
    static final Duration PENDING_LIFETIME = Duration.ofSeconds(PENDING_LIFETIME_SECONDS);
    /** How long a fetched discovery document is used before it is fetched again. */
    private static final Duration METADATA_LIFETIME = Duration.ofMinutes(10);
    private static final String PENDING_PURPOSE = "oidc-pending-sign-in";
    private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());

    @PersistenceContext
    private EntityManager em;

    @EJB
    private RoleService roles;

    @EJB
    private OidcProviderService providers;

    private final Map<String, Discovered> discovered = new ConcurrentHashMap<>();

    private record Discovered(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant at) {
    }

    /**
     * A sign-in started in a browser and not yet answered. It travels with that browser only, sealed under the master
     * key ({@link #seal}) in a cookie of its own: the provider's answer comes back as a navigation from another site,
     * which the {@code SameSite=Strict} session cookie does not accompany, and any server of a cluster can open it.
     *
     * @param issuer      the provider it was started with (a provider changed meanwhile refuses the answer)
     * @param redirectUri AMS's callback address it was started with
     */
    public record Pending(String state, String nonce, String codeVerifier, String issuer, String redirectUri,
                          Instant startedAt) {
    }

    /** Where to send the browser, and the sealed {@link Pending} sign-in to keep in it until it comes back. */
    public record Start(URI authorizationUri, String sealedPending) {
    }

    /**
     * A successful sign-in.
     *
     * @param user          who, with their groups and roles
     * @param logoutUri     the provider's sign-out address with this sign-in's ID token as hint, when it offers one;
     *                      the web tier adds where to come back to
     */
    public record SignedIn(AuthenticatedUser user, Optional<String> idToken, Optional<URI> logoutUri) {
    }

    /** The provider's name for the sign-in page's button, while one is configured and on. */
    public Optional<String> buttonLabel() {
        return provider().map(OidcProvider::settings).filter(OidcSettings::enabled).map(OidcSettings::buttonLabel);
    }

    /** Whether password sign-in is left to the local administrator alone. */
    public boolean passwordAdminOnly() {
        return provider().map(OidcProvider::settings).filter(OidcSettings::enabled)
                .map(OidcSettings::passwordAdminOnly).orElse(false);
    }

    /**
     * Starts a sign-in: the authorization request to send the browser to.
     *
     * @param redirectUri AMS's callback address as the browser reaches it
     * @throws OidcException when no provider is on or it cannot be reached
     */
    public Start begin(String redirectUri, String clientAddress) {
        try {
            OidcSettings settings = enabledSettings();
            OIDCProviderMetadata metadata = discover(settings.issuer()).metadata();
            State state = new State();
            Nonce nonce = new Nonce();
            CodeVerifier verifier = new CodeVerifier();
            AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                    new Scope(settings.scopeSet().toArray(String[]::new)), new ClientID(settings.clientId()),
                    URI.create(redirectUri))
                    .endpointURI(metadata.getAuthorizationEndpointURI())
                    .state(state)
                    .nonce(nonce)
                    .codeChallenge(verifier, CodeChallengeMethod.S256)
                    .build();
            return new Start(request.toURI(), seal(new Pending(state.getValue(), nonce.getValue(),
                    verifier.getValue(), settings.issuer(), redirectUri, Instant.now())));
        } catch (OidcException e) {
            refused(null, clientAddress, e);
            throw e;
        }
    }

    /**
     * Completes a sign-in with the provider's answer (the callback address the browser came back to).
     *
     * @param sealedPending the sign-in this browser started ({@link Start#sealedPending()}), {@code null} when it has
     *                      none (any more)
     * @throws OidcException why the sign-in was refused; it is audited
     */
    public SignedIn complete(URI callback, String sealedPending, String clientAddress) {
        java.util.Objects.requireNonNull(callback, "callback");
        try {
            SignedIn signedIn = exchange(callback, open(sealedPending));
            try {
                providers.rememberUser(signedIn.user().user(), signedIn.user().groups());
            } catch (jakarta.ejb.EJBException | jakarta.persistence.PersistenceException e) {
                // Only the effective-access tool reads it (e.g. two first sign-ins of one user at once): the
                // sign-in itself goes on.
                LOG.info(() -> "The groups of " + signedIn.user().username() + "'s sign-in were not remembered: "
                        + e.getMessage());
            }
            providers.recordSignIn(signedIn.user().username(), signedIn.user().user().id(), clientAddress, null,
                    "groups: " + signedIn.user().groups().stream().map(PrincipalRef::name).sorted().toList()
                            + ", roles: " + signedIn.user().roles());
            return signedIn;
        } catch (OidcException e) {
            refused(callback, clientAddress, e);
            throw e;
        }
    }

    /** The provider's sign-out address for this sign-in, coming back to {@code postLogout}, if it offers one. */
    public Optional<URI> logoutUri(String idToken, String postLogout) {
        try {
            OidcSettings settings = enabledSettings();
            URI endSession = discover(settings.issuer()).metadata().getEndSessionEndpointURI();
            if (endSession == null) {
                return Optional.empty();
            }
            return Optional.of(new LogoutRequest(endSession, idToken == null ? null
                    : com.nimbusds.jwt.JWTParser.parse(idToken), URI.create(postLogout), null).toURI());
        } catch (OidcException | java.text.ParseException e) {
            LOG.info(() -> "Signed out of AMS only: the provider's sign-out is unknown (" + e.getMessage() + ").");
            return Optional.empty();
        }
    }

    private SignedIn exchange(URI callback, Pending pending) {
        if (pending == null || Instant.now().isAfter(pending.startedAt().plus(PENDING_LIFETIME))) {
            throw new OidcException(OidcFailure.REPLAYED, "No sign-in was started in this browser session, or it "
                    + "timed out.");
        }
        OidcProvider provider = provider().orElseThrow(() -> new OidcException(OidcFailure.NOT_CONFIGURED,
                "No provider is configured."));
        OidcSettings settings = provider.settings();
        if (!settings.enabled() || !settings.issuer().equals(pending.issuer())) {
            throw new OidcException(OidcFailure.REPLAYED, "The provider was changed or switched off during the "
                    + "sign-in.");
        }
        AuthenticationResponse response;
        try {
            response = AuthenticationResponseParser.parse(callback);
        } catch (ParseException e) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The provider's answer cannot be read.", e);
        }
        if (!new State(pending.state()).equals(response.getState())) {
            throw new OidcException(OidcFailure.REPLAYED, "The answer's state is not the one this sign-in sent.");
        }
        if (response instanceof AuthenticationErrorResponse error) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The provider answered "
                    + error.getErrorObject().getCode() + ": " + error.getErrorObject().getDescription());
        }
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        if (code == null) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The provider's answer holds no authorization code.");
        }
        Discovered provided = discover(settings.issuer());
        OIDCProviderMetadata metadata = provided.metadata();
        OIDCTokenResponse tokens = tokens(metadata, settings, provider, code, pending);
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The provider's token answer holds no ID token.");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>(metadata.getIDTokenJWSAlgs() == null
                ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs());
        var claims = new OidcTokenCheck(settings.issuer(), settings.clientId(), algorithms, provided.keys())
                .validate(idToken, new Nonce(pending.nonce()));
        OidcClaims.Identity identity = OidcClaims.identity(claims, settings.usernameClaim(), settings.groupsClaim(),
                groupNames());
        Set<PrincipalRef> principals = new LinkedHashSet<>(identity.groups());
        principals.add(identity.user());
        Set<Role> granted = roles.rolesOf(principals);
        if (granted.isEmpty()) {
            throw new OidcException(OidcFailure.NO_ROLE, identity.user().name() + " has no role in AMS (groups: "
                    + identity.groups().stream().map(PrincipalRef::id).sorted().toList() + ").");
        }
        Optional<URI> logout = Optional.ofNullable(metadata.getEndSessionEndpointURI());
        return new SignedIn(new AuthenticatedUser(identity.user(), identity.groups(), granted),
                Optional.of(idToken.getParsedString()), logout);
    }

    /** The client secret, sent the way the provider says it takes it (HTTP Basic unless it takes POST only). */
    private static ClientAuthentication secret(ClientID client, OidcProvider provider,
                                               List<ClientAuthenticationMethod> methods) {
        char[] secret = OidcProviderService.masterKey().openText(provider.getClientSecretSealed(),
                OidcProviderService.SECRET_PURPOSE);
        try {
            return methods != null && !methods.isEmpty()
                    && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    ? new ClientSecretPost(client, new Secret(new String(secret)))
                    : new ClientSecretBasic(client, new Secret(new String(secret)));
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /**
     * A private_key_jwt assertion (RFC 7523): AMS as issuer and subject, the token endpoint as audience, a minute or
     * so to live and a unique id, signed RS256 with AMS's client key and naming it by its key id and certificate
     * thumbprint ({@code kid}, {@code x5t#S256}).
     */
    private ClientAuthentication keyAssertion(ClientID client, URI tokenEndpoint) {
        OidcClientKey key = em.find(OidcClientKey.class, OidcClientKey.ID);
        if (key == null) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The provider is set to the private key JWT, but "
                    + "AMS's client key is gone; generate one and register it at the provider.");
        }
        char[] encoded = OidcProviderService.masterKey().openText(key.getPrivateKeySealed(),
                OidcProviderService.KEY_PURPOSE);
        byte[] der;
        try {
            der = java.util.Base64.getDecoder().decode(new String(encoded));
        } finally {
            java.util.Arrays.fill(encoded, '\0');
        }
        try {
            return new PrivateKeyJWT(client, tokenEndpoint, JWSAlgorithm.RS256, OidcClientKeys.privateKey(der),
                    key.getKeyId(), null, com.nimbusds.jose.util.Base64URL.from(key.getKeyId()), null);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException("could not sign the client assertion", e);
        } finally {
            java.util.Arrays.fill(der, (byte) 0);
        }
    }

    private OIDCTokenResponse tokens(OIDCProviderMetadata metadata, OidcSettings settings, OidcProvider provider,
                                     AuthorizationCode code, Pending pending) {
        ClientID client = new ClientID(settings.clientId());
        ClientAuthentication authentication = provider.getClientAuth() == OidcClientAuth.PRIVATE_KEY_JWT
                ? keyAssertion(client, metadata.getTokenEndpointURI())
                : secret(client, provider, metadata.getTokenEndpointAuthMethods());
        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(), authentication,
                new AuthorizationCodeGrant(code, URI.create(pending.redirectUri()),
                        new CodeVerifier(pending.codeVerifier())));
        HTTPResponse http;
        try {
            HTTPRequest httpRequest = request.toHTTPRequest();
            httpRequest.setConnectTimeout(OidcDiscovery.TIMEOUT_MILLIS);
            httpRequest.setReadTimeout(OidcDiscovery.TIMEOUT_MILLIS);
            http = httpRequest.send();
        } catch (IOException e) {
            throw new OidcException(OidcFailure.PROVIDER_DOWN, "The token endpoint could not be reached: "
                    + e.getMessage(), e);
        }
        TokenResponse answer;
        try {
            answer = OIDCTokenResponseParser.parse(http);
        } catch (ParseException e) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The token endpoint's answer (HTTP "
                    + http.getStatusCode() + ") cannot be read.", e);
        }
        if (answer instanceof TokenErrorResponse error) {
            throw new OidcException(OidcFailure.PROVIDER_REFUSED, "The token endpoint answered "
                    + error.getErrorObject().getCode() + ": " + error.getErrorObject().getDescription());
        }
        return (OIDCTokenResponse) answer.toSuccessResponse();
    }

    private Discovered discover(String issuer) {
        Discovered known = discovered.get(issuer);
        if (known != null && Instant.now().isBefore(known.at().plus(METADATA_LIFETIME))) {
            return known;
        }
        OIDCProviderMetadata metadata = OidcDiscovery.fetch(issuer);
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL(), new DefaultResourceRetriever(
                    OidcDiscovery.TIMEOUT_MILLIS, OidcDiscovery.TIMEOUT_MILLIS)).build();
        } catch (MalformedURLException e) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, "The provider's key set address is not a URL.", e);
        }
        Discovered fresh = new Discovered(metadata, keys, Instant.now());
        discovered.put(issuer, fresh);
        return fresh;
    }

    private OidcSettings enabledSettings() {
        return provider().map(OidcProvider::settings).filter(OidcSettings::enabled)
                .orElseThrow(() -> new OidcException(OidcFailure.NOT_CONFIGURED, "No provider is switched on."));
    }

    private Optional<OidcProvider> provider() {
        // Read on every sign-in (the entity is not in the shared cache): a change applies at once on every server.
        return Optional.ofNullable(em.find(OidcProvider.class, OidcProvider.ID));
    }

    /** The pending sign-in as cookie-safe text: sealed (AES-GCM) under the master key for this purpose only. */
    static String seal(Pending pending) {
        String plain = String.join("\n", pending.state(), pending.nonce(), pending.codeVerifier(), pending.issuer(),
                pending.redirectUri(), Long.toString(pending.startedAt().getEpochSecond()));
        String sealed = OidcProviderService.masterKey().sealText(plain.toCharArray(), PENDING_PURPOSE);
        return sealed.replace('+', '-').replace('/', '_').replace("=", "");
    }

    /** The pending sign-in {@link #seal} made, or {@code null} for none, one altered or one sealed for elsewhere. */
    static Pending open(String sealed) {
        if (sealed == null || sealed.isBlank() || sealed.length() > 4096) {
            return null;
        }
        String base64 = sealed.replace('-', '+').replace('_', '/');
        base64 += "===".substring(0, (4 - base64.length() % 4) % 4);
        String[] parts;
        try {
            parts = new String(OidcProviderService.masterKey().openText(base64, PENDING_PURPOSE)).split("\n", -1);
        } catch (RuntimeException e) {
            // Not sealed by this AMS, or altered: as good as none.
            return null;
        }
        return parts.length != 6 ? null : new Pending(parts[0], parts[1], parts[2], parts[3], parts[4],
                Instant.ofEpochSecond(Long.parseLong(parts[5])));
    }

    private Map<String, String> groupNames() {
        Map<String, String> names = new HashMap<>();
        em.createNamedQuery(OidcGroup.ALL, OidcGroup.class).getResultList()
                .forEach(group -> names.put(group.getClaimValue(), group.getDisplayName()));
        return names;
    }

    private void refused(URI callback, String clientAddress, OidcException e) {
        LOG.info(() -> "OpenID Connect sign-in refused (" + e.failure() + "): " + e.getMessage());
        if (e.failure() != OidcFailure.NOT_CONFIGURED) {
            // Not configured: nobody's sign-in was tried (a page shown before the provider was switched off).
            providers.recordSignIn(null, null, clientAddress, e.failure(), e.getMessage());
        }
    }
}
