package org.ams.identity.oidc;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ams.identity.PrincipalRef;

/**
 * Who a validated ID token says signed in: the user (by the provider's stable subject, named by the configured
 * user-name claim) and the groups of the configured groups claim, as principals of the {@value #SOURCE} source.
 * <p>
 * A group is identified by its claim value exactly as the token sends it: a Keycloak group path such as
 * {@code /helpdesk}, an app role name, or an Entra group's object id. Entra writes object ids in lower case; one typed
 * in capitals by an administrator is the same group, so ids of that form are kept in lower case on both sides. The
 * name shown for a group is the one an administrator gave it, else the claim value itself.
 */
public final class OidcClaims {

    /** The identity source key OpenID Connect principals carry. */
    public static final String SOURCE = "oidc";
    private static final Pattern OBJECT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private OidcClaims() {
    }

    /** A signed-in user and their groups from the token. */
    public record Identity(PrincipalRef user, Set<PrincipalRef> groups) {
        public Identity {
            groups = Set.copyOf(groups);
        }
    }

    /**
     * @param claims        the validated ID token's claims (with the user-info claims merged in, where asked)
     * @param usernameClaim the claim naming the user
     * @param groupsClaim   the claim listing the groups
     * @param groupNames    display names administrators gave groups, by {@link #groupId claim value}
     * @throws OidcException {@link OidcFailure#MISSING_USERNAME} without a user name,
     *                       {@link OidcFailure#TOO_MANY_GROUPS} when the provider left the groups out (Entra's
     *                       "overage": {@code _claim_names} points elsewhere)
     */
    public static Identity identity(JWTClaimsSet claims, String usernameClaim, String groupsClaim,
                                    Map<String, String> groupNames) {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new OidcException(OidcFailure.MISSING_USERNAME, "The token has no subject (sub).");
        }
        Object name = claims.getClaim(usernameClaim);
        if (!(name instanceof String username) || username.isBlank()) {
            throw new OidcException(OidcFailure.MISSING_USERNAME, "The token has no " + usernameClaim + " claim.");
        }
        Set<PrincipalRef> groups = new LinkedHashSet<>();
        for (String value : values(claims.getClaim(groupsClaim))) {
            String id = groupId(value);
            groups.add(PrincipalRef.group(SOURCE, id, groupNames.getOrDefault(id, id)));
        }
        if (groups.isEmpty() && overage(claims.getClaim("_claim_names"), groupsClaim)) {
            throw new OidcException(OidcFailure.TOO_MANY_GROUPS, "The token's " + groupsClaim
                    + " claim was left out (group overage).");
        }
        return new Identity(PrincipalRef.user(SOURCE, subject, username.trim()), groups);
    }

    /** How a group's claim value is kept: trimmed, an object id in lower case. */
    public static String groupId(String claimValue) {
        String value = claimValue.trim();
        return OBJECT_ID.matcher(value).matches() ? value.toLowerCase(Locale.ROOT) : value;
    }

    /** A claim's values: a JSON array of strings, or one string (some providers send a single group so). */
    private static Set<String> values(Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof String one && !one.isBlank()) {
            values.add(one);
        } else if (claim instanceof Collection<?> many) {
            for (Object value : many) {
                if (value instanceof String text && !text.isBlank()) {
                    values.add(text);
                }
            }
        }
        return values;
    }

    private static boolean overage(Object claimNames, String groupsClaim) {
        return claimNames instanceof Map<?, ?> names && names.containsKey(groupsClaim);
    }
}
