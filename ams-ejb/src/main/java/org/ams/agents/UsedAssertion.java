package org.ams.agents;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The id of a device assertion already accepted, kept until the assertion would have expired anyway. */
@Entity
@Table(name = "used_assertion")
public class UsedAssertion {

    @Id
    @Column(length = 128)
    private String jti;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    protected UsedAssertion() {
    }

    UsedAssertion(String jti, UUID deviceId, OffsetDateTime expiresAt) {
        this.jti = jti;
        this.deviceId = deviceId;
        this.expiresAt = expiresAt;
    }
}
