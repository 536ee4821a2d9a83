package org.ams.it.upgrade;

import java.lang.reflect.Field;

/**
 * Names the product keeps package-private, read from its own classes rather than copied, so that a renamed master-key
 * purpose makes the fixture fail loudly instead of writing values the server can no longer open.
 */
final class ProductConstants {

    /** The purpose a software private key is sealed under ({@code SoftwareKeyStore.PURPOSE}). */
    static final String CERTIFICATE_KEY_PURPOSE = constant("org.ams.crypto.SoftwareKeyStore", "PURPOSE");
    /** The purpose an LDAP bind password is sealed under. */
    static final String BIND_PASSWORD_PURPOSE = constant("org.ams.identity.ldap.DirectorySourceService",
            "BIND_PASSWORD_PURPOSE");
    static final String SMTP_PASSWORD_PURPOSE = constant("org.ams.notify.channel.ChannelSecrets",
            "SMTP_PASSWORD_PURPOSE");
    static final String WEBHOOK_HEADERS_PURPOSE = constant("org.ams.notify.channel.ChannelSecrets",
            "WEBHOOK_HEADERS_PURPOSE");
    /** What a registration key starts with ({@code RegistrationKeys.KEY_PREFIX}). */
    static final String REGISTRATION_KEY_PREFIX = constant("org.ams.agents.RegistrationKeys", "KEY_PREFIX");
    /** The source key of local accounts and groups in principals. */
    static final String LOCAL_SOURCE = org.ams.identity.local.LocalAccountService.SOURCE;

    private ProductConstants() {
    }

    private static String constant(String className, String field) {
        try {
            Field declared = Class.forName(className, false, ProductConstants.class.getClassLoader())
                    .getDeclaredField(field);
            declared.setAccessible(true);
            return (String) declared.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The product no longer has " + className + "." + field
                    + "; the upgrade fixture must learn its new name", e);
        }
    }
}
