package org.ams.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.ams.devices.DevicePlacement;
import org.ams.devices.TargetKind;

/** One target of a custom policy: a tenant, a directory, a device group or a computer, by id. */
@Embeddable
public class PolicyTarget implements Serializable {

    private static final long serialVersionUID = 1L;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_kind", nullable = false, length = 16)
    private TargetKind kind;

    /** Text: EclipseLink binds a UUID in an element collection as text, which PostgreSQL refuses for uuid. */
    @Column(name = "target_id", nullable = false, length = 36)
    private String targetId;

    protected PolicyTarget() {
    }

    public PolicyTarget(TargetKind kind, UUID targetId) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.targetId = Objects.requireNonNull(targetId, "targetId").toString();
    }

    public TargetKind getKind() {
        return kind;
    }

    public UUID getTargetId() {
        return UUID.fromString(targetId);
    }

    public DevicePlacement.TargetKey key() {
        return new DevicePlacement.TargetKey(kind, getTargetId());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PolicyTarget that && kind == that.kind && targetId.equals(that.targetId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, targetId);
    }

    /** The target as one string, {@code KIND:uuid}, e.g. for a page's select value. */
    @Override
    public String toString() {
        return key().text();
    }

    /**
     * Reads {@link #toString()}'s form back.
     *
     * @throws IllegalArgumentException when the text is not a target
     */
    public static PolicyTarget parse(String text) {
        DevicePlacement.TargetKey key = DevicePlacement.TargetKey.parse(text)
                .orElseThrow(() -> new IllegalArgumentException("Not a policy target: " + text));
        return new PolicyTarget(key.kind(), key.id());
    }
}
