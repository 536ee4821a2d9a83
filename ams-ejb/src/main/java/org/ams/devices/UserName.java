package org.ams.devices;

import java.util.Locale;
import java.util.Optional;

/**
 * An account name as Windows writes it on a device or a person signs in to AMS with, reduced to the parts AMS compares
 * for self-service recovery. Three forms are understood:
 * <ul>
 *     <li>{@code CORP\jdoe}: NetBIOS domain and account name (sAMAccountName), as the device's profile list gives it;
 *     <li>{@code jdoe@corp.example}: a user principal name (UPN), as Entra ID and many sign-ins use;
 *     <li>{@code jdoe}: the account name alone, as AMS local accounts and an AD directory signing in by
 *         sAMAccountName give it.
 * </ul>
 * Two names {@linkplain #matches match} when their account names are equal ignoring case and, where both carry a
 * domain of the same kind, those domains are equal too ({@code CORP\jdoe} does not match {@code LAB\jdoe};
 * {@code jdoe@corp.example} does not match {@code jdoe@lab.example}). A NetBIOS domain is not compared with a UPN's
 * DNS domain, which AMS cannot map to each other: {@code CORP\jdoe} matches {@code jdoe@corp.example} and {@code jdoe}.
 * This assumes, as AD does by default, that a user's UPN prefix is their sAMAccountName.
 */
public record UserName(String account, String netbiosDomain, String dnsDomain) {

    public static final int MAX_LENGTH = 256;

    /**
     * @return the name's parts, or empty when it has no account name ({@code CORP\}, {@code @corp.example}, blank)
     *         or is longer than {@value #MAX_LENGTH} characters or holds control characters
     */
    public static Optional<UserName> parse(String text) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String netbios = null;
        String dns = null;
        int slash = name.lastIndexOf('\\');
        if (slash >= 0) {
            netbios = lower(name.substring(0, slash));
            name = name.substring(slash + 1);
        }
        int at = name.lastIndexOf('@');
        if (at >= 0) {
            dns = lower(name.substring(at + 1));
            name = name.substring(0, at);
        }
        String account = lower(name);
        return account == null ? Optional.empty() : Optional.of(new UserName(account, netbios, dns));
    }

    public boolean matches(UserName other) {
        return account.equals(other.account) && sameIfBoth(netbiosDomain, other.netbiosDomain)
                && sameIfBoth(dnsDomain, other.dnsDomain);
    }

    private static boolean sameIfBoth(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    private static String lower(String part) {
        String stripped = part.strip();
        return stripped.isEmpty() ? null : stripped.toLowerCase(Locale.ROOT);
    }
}
