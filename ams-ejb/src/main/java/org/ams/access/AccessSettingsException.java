package org.ams.access;

import jakarta.ejb.ApplicationException;

/** A settings change that was refused; the message says why and nothing was saved. */
@ApplicationException(rollback = true)
public class AccessSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessSettingsException(String message) {
        super(message);
    }
}
