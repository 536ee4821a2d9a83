package org.ams.crypto;

import java.util.UUID;

/** No sealed secret has this id. */
public class SecretNotFoundException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public SecretNotFoundException(UUID id) {
        super("No sealed secret has the id " + id + ".");
    }
}
