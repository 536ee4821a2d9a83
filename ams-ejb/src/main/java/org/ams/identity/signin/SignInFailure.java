package org.ams.identity.signin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One failed sign-in of one subject (a user name's key or a client address), kept for the failure window. */
@Entity
@Table(name = "sign_in_failure")
public class SignInFailure {

    /** The longest subject: "address:" or "account:" and a user name key or an address. */
    static final int MAX_SUBJECT_LENGTH = 320;

    @Id
    private UUID id;

    @Column(nullable = false, length = MAX_SUBJECT_LENGTH)
    private String subject;

    @Column(name = "failed_at", nullable = false)
    private OffsetDateTime failedAt;

    protected SignInFailure() {
    }

    SignInFailure(String subject, OffsetDateTime failedAt) {
        this.id = UUID.randomUUID();
        this.subject = subject;
        this.failedAt = failedAt;
    }
}
