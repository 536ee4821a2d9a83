package org.ams.authz;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/** A notification channel a rule fires when it grants (success) or denies (failure) an access request. */
@Embeddable
public class RuleChannel {

    /** Which outcome of the rule's requests the channel hears about. */
    public enum Role {
        SUCCESS,
        FAILURE
    }

    @Enumerated(EnumType.STRING)
    @Column(name = "channel_role", nullable = false, length = 16)
    private Role role;

    /** Text, not UUID: a channel deleted since simply no longer fires (no foreign key across components). */
    @Column(name = "channel_id", nullable = false, length = 36)
    private String channelId;

    protected RuleChannel() {
    }

    public RuleChannel(Role role, String channelId) {
        this.role = Objects.requireNonNull(role, "role");
        this.channelId = Objects.requireNonNull(channelId, "channelId");
    }

    public Role getRole() {
        return role;
    }

    public String getChannelId() {
        return channelId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RuleChannel that && role == that.role && channelId.equals(that.channelId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(role, channelId);
    }
}
