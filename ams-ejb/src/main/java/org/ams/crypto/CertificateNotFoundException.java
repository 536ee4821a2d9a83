package org.ams.crypto;

import java.util.UUID;

/** No encryption certificate has this id (it may just have been deleted by another administrator). */
public class CertificateNotFoundException extends CryptoException {

    private static final long serialVersionUID = 1L;

    public CertificateNotFoundException(UUID id) {
        super("The encryption certificate " + id + " does not exist (any more).");
    }
}
