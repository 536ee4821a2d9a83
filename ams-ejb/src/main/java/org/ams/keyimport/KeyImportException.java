package org.ams.keyimport;

import jakarta.ejb.ApplicationException;

/** Settings of a key import that cannot be used, in words an administrator can act on; nothing was changed. */
@ApplicationException(rollback = true)
public class KeyImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyImportException(String message) {
        super(message);
    }
}
