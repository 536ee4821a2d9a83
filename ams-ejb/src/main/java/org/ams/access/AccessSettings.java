package org.ams.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The single row of access-request settings: the reason mode, the help text shown with a denial, whether the
 * helpdesk page hides each recovery password until the user clicks Show on it, and the rate limits per user and per
 * client address (0 means no limit for that window), and how long a request that needs approval waits for it.
 */
@Entity
@Table(name = "access_settings")
public class AccessSettings {

    static final int SINGLETON = 1;
    public static final int MAX_HELP_TEXT = 2000;

    @Id
    private int id;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason_mode", nullable = false, length = 16)
    private ReasonMode reasonMode;

    @Column(name = "denied_help_text", length = MAX_HELP_TEXT)
    private String deniedHelpText;

    @Column(name = "hide_passwords_until_shown", nullable = false)
    private boolean hidePasswordsUntilShown;

    /** How long a request that needs approval waits for it before it expires unapproved. */
    @Column(name = "approval_expiry_minutes", nullable = false)
    private int approvalExpiryMinutes;

    @Column(name = "user_per_minute", nullable = false)
    private int userPerMinute;

    @Column(name = "user_per_hour", nullable = false)
    private int userPerHour;

    @Column(name = "user_per_day", nullable = false)
    private int userPerDay;

    @Column(name = "address_per_minute", nullable = false)
    private int addressPerMinute;

    @Column(name = "address_per_hour", nullable = false)
    private int addressPerHour;

    @Column(name = "address_per_day", nullable = false)
    private int addressPerDay;

    @Column(name = "max_session_minutes", nullable = false)
    private int maxSessionMinutes;

    @Column(name = "changed_at")
    private OffsetDateTime changedAt;

    @Version
    private long version;

    protected AccessSettings() {
    }

    void changeUserInterface(ReasonMode reasonMode, String deniedHelpText) {
        this.reasonMode = reasonMode;
        this.deniedHelpText = deniedHelpText;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void changePasswordHiding(boolean hidePasswordsUntilShown) {
        this.hidePasswordsUntilShown = hidePasswordsUntilShown;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void changeRateLimits(RateLimits limits) {
        this.userPerMinute = limits.userPerMinute();
        this.userPerHour = limits.userPerHour();
        this.userPerDay = limits.userPerDay();
        this.addressPerMinute = limits.addressPerMinute();
        this.addressPerHour = limits.addressPerHour();
        this.addressPerDay = limits.addressPerDay();
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void changeMaxSession(int minutes) {
        this.maxSessionMinutes = minutes;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    void changeApprovalExpiry(int minutes) {
        this.approvalExpiryMinutes = minutes;
        this.changedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public ReasonMode getReasonMode() {
        return reasonMode;
    }

    public String getDeniedHelpText() {
        return deniedHelpText;
    }

    /** Whether each recovery password is hidden until the helpdesk user clicks Show, each click audited. */
    public boolean isHidePasswordsUntilShown() {
        return hidePasswordsUntilShown;
    }

    public RateLimits getRateLimits() {
        return new RateLimits(userPerMinute, userPerHour, userPerDay, addressPerMinute, addressPerHour, addressPerDay);
    }

    /** Minutes a request that needs approval may wait for it; older pending requests have expired. */
    public int getApprovalExpiryMinutes() {
        return approvalExpiryMinutes;
    }

    /** Minutes a console session lasts after its sign-in at most, whatever its activity. */
    public int getMaxSessionMinutes() {
        return maxSessionMinutes;
    }

    public OffsetDateTime getChangedAt() {
        return changedAt;
    }

    public long getVersion() {
        return version;
    }
}
