package org.ams.protocol;

import java.security.Provider;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance AMS hands to JCA and BouncyCastle builders.
 *
 * <p>It is deliberately never registered with {@code java.security.Security}: the server runs inside an application
 * server whose other applications must not see, or be broken by, a provider we install globally. Creating a
 * {@link BouncyCastleProvider} is expensive (it registers hundreds of algorithms), so everything shares this one.
 */
public final class BouncyCastle {

    private static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {
    }

    /** @return the shared, unregistered BouncyCastle provider */
    public static Provider provider() {
        return PROVIDER;
    }
}
