package org.ams.identity.oidc;

/** How AMS proves itself to the provider's token endpoint. */
public enum OidcClientAuth {

    /** The client secret the provider issued, sealed under the master key. */
    CLIENT_SECRET("Client secret"),
    /** A short assertion signed with AMS's own key ({@link OidcClientKey}): RFC 7523's private_key_jwt. */
    PRIVATE_KEY_JWT("Private key JWT, signed with AMS's key");

    private final String label;

    OidcClientAuth(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
