package org.ams.identity.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ams.identity.IdentityException;

/**
 * An OpenID Connect provider as an administrator configured it, without its client secret. Only a usable
 * configuration can be made: each mistake is refused with a sentence saying what to fix.
 *
 * @param enabled           whether the sign-in page offers the provider
 * @param issuer            the issuer URL; its discovery document is {@code <issuer>/.well-known/openid-configuration}
 * @param clientId          AMS's client id at the provider
 * @param scopes            the scopes asked for, separated by spaces; {@code openid} is always among them
 * @param usernameClaim     the claim that holds the user name ({@code preferred_username}, {@code upn}, {@code email})
 * @param groupsClaim       the claim that holds the groups ({@code groups}, {@code roles})
 * @param buttonLabel       the provider's name on the button, "Sign in with ..."
 * @param passwordAdminOnly whether password sign-in is left to the local administrator alone
 */
public record OidcSettings(boolean enabled, String issuer, String clientId, String scopes, String usernameClaim,
                           String groupsClaim, String buttonLabel, boolean passwordAdminOnly) {

    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_:.\\-/]{1,64}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");

    public OidcSettings {
        issuer = checkedIssuer(issuer);
        clientId = required(clientId, "the client id", 256);
        scopes = checkedScopes(scopes);
        usernameClaim = checkedClaim(usernameClaim, "user-name claim");
        groupsClaim = checkedClaim(groupsClaim, "groups claim");
        buttonLabel = required(buttonLabel, "the provider's name for the button", 64);
        if (passwordAdminOnly && !enabled) {
            throw new IdentityException("Password sign-in can be left to the administrator alone only while "
                    + "sign-in with the identity provider is on; otherwise nobody else could sign in.");
        }
    }

    /** The scopes as a set, {@code openid} first. */
    public Set<String> scopeSet() {
        Set<String> set = new LinkedHashSet<>();
        set.add("openid");
        set.addAll(java.util.List.of(scopes.split(" ")));
        return set;
    }

    private static String checkedIssuer(String issuer) {
        String value = required(issuer, "the issuer URL", 512);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IdentityException("The issuer URL is not a URL; enter it as the provider shows it, e.g. "
                    + "https://login.microsoftonline.com/<tenant id>/v2.0.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = "localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
                || "[::1]".equals(uri.getHost());
        if (uri.getHost() == null || !("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
            throw new IdentityException("The issuer URL must start with https:// (plain http only for a provider on "
                    + "this machine's loopback address).");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IdentityException("The issuer URL has no query (?...) or fragment (#...); enter the issuer "
                    + "itself, not the discovery document's address.");
        }
        if (value.contains("/.well-known/")) {
            throw new IdentityException("Enter the issuer URL without /.well-known/openid-configuration: AMS adds it.");
        }
        return value.endsWith("/") && value.length() > scheme.length() + 4 ? value.substring(0, value.length() - 1)
                : value;
    }

    private static String checkedScopes(String scopes) {
        String value = scopes == null ? "" : scopes.trim();
        Set<String> set = new LinkedHashSet<>();
        set.add("openid");
        for (String scope : value.split("\\s+")) {
            if (scope.isEmpty()) {
                continue;
            }
            if (!SCOPE.matcher(scope).matches()) {
                throw new IdentityException("The scope \"" + scope + "\" is not a valid scope name; separate scopes "
                        + "with spaces, e.g. openid profile email.");
            }
            set.add(scope);
        }
        String joined = String.join(" ", set);
        if (joined.length() > 512) {
            throw new IdentityException("The scopes take at most 512 characters.");
        }
        return joined;
    }

    private static String checkedClaim(String claim, String what) {
        String value = claim == null ? "" : claim.trim();
        if (!CLAIM.matcher(value).matches()) {
            throw new IdentityException("Enter the " + what + " as the token names it, e.g. "
                    + ("groups claim".equals(what) ? "groups or roles." : "preferred_username, upn or email."));
        }
        return value;
    }

    private static String required(String value, String what, int max) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            throw new IdentityException("Enter " + what + ".");
        }
        if (trimmed.length() > max) {
            throw new IdentityException("Enter " + what + " in at most " + max + " characters.");
        }
        return trimmed;
    }
}
