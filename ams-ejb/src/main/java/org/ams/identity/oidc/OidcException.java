package org.ams.identity.oidc;

import jakarta.ejb.ApplicationException;
import java.util.Objects;

/**
 * An OpenID Connect sign-in that was refused, and why; the message is for the log and the audit record. An
 * application exception: the web tier catches it as it is (the sign-in runs in no transaction of its own).
 */
@ApplicationException
public class OidcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final OidcFailure failure;

    public OidcException(OidcFailure failure, String detail) {
        super(detail);
        this.failure = Objects.requireNonNull(failure);
    }

    public OidcException(OidcFailure failure, String detail, Throwable cause) {
        super(detail, cause);
        this.failure = Objects.requireNonNull(failure);
    }

    public OidcFailure failure() {
        return failure;
    }
}
