package org.ams.identity.oidc;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import org.ams.identity.IdentityException;

/** Fetches a provider's discovery document and says in words what is wrong with it. */
public final class OidcDiscovery {

    static final int TIMEOUT_MILLIS = 5000;

    private OidcDiscovery() {
    }

    /** The discovery document's address for an issuer. */
    public static URI documentOf(String issuer) {
        return URI.create(issuer + "/.well-known/openid-configuration");
    }

    /**
     * The provider's metadata, checked to be usable for AMS's sign-in.
     *
     * @throws OidcException {@link OidcFailure#PROVIDER_DOWN} when the document cannot be fetched,
     *                       {@link OidcFailure#WRONG_ISSUER} when it is not a usable discovery document of this issuer;
     *                       the message says which in words
     */
    public static OIDCProviderMetadata fetch(String issuer) {
        URI address = documentOf(issuer);
        HTTPResponse response;
        try {
            HTTPRequest request = new HTTPRequest(HTTPRequest.Method.GET, address);
            request.setConnectTimeout(TIMEOUT_MILLIS);
            request.setReadTimeout(TIMEOUT_MILLIS);
            request.setFollowRedirects(false);
            response = request.send();
        } catch (IOException e) {
            throw new OidcException(OidcFailure.PROVIDER_DOWN, "The discovery document " + address
                    + " could not be fetched: " + describe(e) + ". Check the issuer URL and that AMS can reach the "
                    + "provider.", e);
        }
        if (response.getStatusCode() != 200) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, "The provider answered HTTP " + response.getStatusCode()
                    + " for the discovery document " + address + ": the issuer URL is probably wrong (Keycloak: "
                    + "https://<host>/realms/<realm>; Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0).");
        }
        OIDCProviderMetadata metadata;
        try {
            metadata = OIDCProviderMetadata.parse(response.getBodyAsJSONObject());
        } catch (ParseException e) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, address + " is not an OpenID Connect discovery document ("
                    + e.getMessage() + ").", e);
        }
        if (!new Issuer(issuer).equals(metadata.getIssuer())) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, "The discovery document says the issuer is "
                    + metadata.getIssuer() + ", not " + issuer + ": enter " + metadata.getIssuer()
                    + " as the issuer URL.");
        }
        if (metadata.getAuthorizationEndpointURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getJWKSetURI() == null) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, "The discovery document names no authorization "
                    + "endpoint, token endpoint or key set (jwks_uri), so AMS cannot sign anybody in with it.");
        }
        if (metadata.getCodeChallengeMethods() != null && !metadata.getCodeChallengeMethods().isEmpty()
                && !metadata.getCodeChallengeMethods().contains(com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod.S256)) {
            throw new OidcException(OidcFailure.WRONG_ISSUER, "The provider does not offer PKCE with S256, which AMS "
                    + "requires for its sign-in.");
        }
        return metadata;
    }

    /** The sentence the Test button shows for a usable provider. */
    public static String describe(OIDCProviderMetadata metadata) {
        return "The discovery document of " + metadata.getIssuer() + " is usable: sign-in at "
                + metadata.getAuthorizationEndpointURI() + ", signing keys at " + metadata.getJWKSetURI() + "; "
                + (metadata.getEndSessionEndpointURI() == null
                ? "the provider offers no sign-out, so signing out of AMS leaves the provider's session."
                : "signing out of AMS signs out at the provider too.");
    }

    /** Checks the settings' provider for the Test button. */
    static String test(String issuer) {
        try {
            return describe(fetch(issuer));
        } catch (OidcException e) {
            throw new IdentityException(e.getMessage());
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.net.UnknownHostException) {
            return "the host name is unknown";
        }
        if (e instanceof java.net.ConnectException) {
            return "nothing answers there (connection refused)";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "the provider did not answer within " + TIMEOUT_MILLIS / 1000 + " seconds";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "its TLS certificate is not trusted by AMS's Java (" + e.getMessage() + ")";
        }
        return kind + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
