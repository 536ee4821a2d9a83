package org.ams.access;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.authz.RuleApproval;
import org.ams.identity.PrincipalRef;

/**
 * A request for a computer's recovery passwords that its granting rule said must be approved first: who asked, for
 * which computer, why, under which rule, and the rule's terms as they were when it was asked (how many approvals,
 * how long and how often it may be read once approved). Who may approve is read from the rule at each decision, so
 * an approver removed meanwhile cannot approve. The state only moves forward: pending, then approved, rejected or
 * expired; an approval for one read is used by it.
 */
@Entity
@Table(name = "approval_request")
public class ApprovalRequest {

    @Id
    private UUID id;

    @Column(name = "device_id", nullable = false)
    private UUID deviceId;

    @Column(name = "computer_name", nullable = false, length = 255)
    private String computerName;

    @Column(name = "requester_source", nullable = false, length = 64)
    private String requesterSource;

    @Column(name = "requester_id", nullable = false, length = 512)
    private String requesterId;

    @Column(name = "requester_name", nullable = false, length = 512)
    private String requesterName;

    @Column(length = AccessRequests.MAX_REASON)
    private String reason;

    @Column(name = "client_address", nullable = false, length = AccessRequests.MAX_CLIENT_ADDRESS)
    private String clientAddress;

    @Column(name = "rule_id", nullable = false)
    private UUID ruleId;

    @Column(name = "rule_description", nullable = false, length = 500)
    private String ruleDescription;

    @Column(name = "approvals_required", nullable = false)
    private int approvalsRequired;

    @Column(name = "window_minutes", nullable = false)
    private int windowMinutes;

    @Column(name = "single_read", nullable = false)
    private boolean singleRead;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ApprovalState state;

    @Column(name = "requested_at", nullable = false)
    private OffsetDateTime requestedAt;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    @Column(name = "readable_until")
    private OffsetDateTime readableUntil;

    @Column(nullable = false)
    private int reads;

    /** The {@code access.requested} record that asked for it. */
    @Column(name = "audit_sequence", nullable = false)
    private long auditSequence;

    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, fetch = FetchType.EAGER)
    @OrderBy("decidedAt")
    private List<ApprovalDecision> decisions = new ArrayList<>();

    @Version
    private long version;

    protected ApprovalRequest() {
    }

    ApprovalRequest(UUID deviceId, String computerName, PrincipalRef requester, String reason, String clientAddress,
                    UUID ruleId, String ruleDescription, RuleApproval terms, OffsetDateTime now) {
        this.id = UUID.randomUUID();
        this.deviceId = deviceId;
        this.computerName = computerName;
        this.requesterSource = requester.source();
        this.requesterId = requester.id();
        this.requesterName = requester.name();
        this.reason = reason;
        this.clientAddress = clientAddress;
        this.ruleId = ruleId;
        this.ruleDescription = ruleDescription;
        this.approvalsRequired = terms.required();
        this.windowMinutes = terms.windowMinutes();
        this.singleRead = terms.singleRead();
        this.state = ApprovalState.PENDING;
        this.requestedAt = now;
    }

    /** The {@code access.requested} record that asked for it, once written. */
    void recordedAs(long sequence) {
        this.auditSequence = sequence;
    }

    /** Whether the request has waited longer than {@code expiryMinutes} for its approvals. */
    boolean overdue(OffsetDateTime now, int expiryMinutes) {
        return state == ApprovalState.PENDING && !now.isBefore(requestedAt.plusMinutes(expiryMinutes));
    }

    void expire(OffsetDateTime now) {
        state = ApprovalState.EXPIRED;
        decidedAt = now;
    }

    boolean requestedBy(PrincipalRef user) {
        return requesterSource.equals(user.source()) && requesterId.equals(user.id());
    }

    boolean decidedBy(PrincipalRef user) {
        return decisions.stream().anyMatch(decision -> decision.by(user));
    }

    /** Records an approval; the last one needed opens the window. */
    void approve(PrincipalRef approver, String comment, OffsetDateTime now) {
        decisions.add(new ApprovalDecision(this, approver, true, comment, now));
        if (approvals() >= approvalsRequired) {
            state = ApprovalState.APPROVED;
            decidedAt = now;
            readableUntil = now.plusMinutes(windowMinutes);
        }
    }

    void reject(PrincipalRef approver, String comment, OffsetDateTime now) {
        decisions.add(new ApprovalDecision(this, approver, false, comment, now));
        state = ApprovalState.REJECTED;
        decidedAt = now;
    }

    /** Whether the requester may read the passwords now under this approval. */
    boolean readable(OffsetDateTime now) {
        return state == ApprovalState.APPROVED && now.isBefore(readableUntil) && !(singleRead && reads > 0);
    }

    /** Counts a read; an approval for one read is used up by it. */
    void read() {
        reads++;
        if (singleRead) {
            state = ApprovalState.USED;
        }
    }

    public long approvals() {
        return decisions.stream().filter(ApprovalDecision::isApproved).count();
    }

    public UUID getId() {
        return id;
    }

    public UUID getDeviceId() {
        return deviceId;
    }

    public String getComputerName() {
        return computerName;
    }

    public PrincipalRef getRequester() {
        return PrincipalRef.user(requesterSource, requesterId, requesterName);
    }

    public String getRequesterName() {
        return requesterName;
    }

    public Optional<String> getReason() {
        return Optional.ofNullable(reason);
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public UUID getRuleId() {
        return ruleId;
    }

    public String getRuleDescription() {
        return ruleDescription;
    }

    public int getApprovalsRequired() {
        return approvalsRequired;
    }

    public int getWindowMinutes() {
        return windowMinutes;
    }

    public boolean isSingleRead() {
        return singleRead;
    }

    public ApprovalState getState() {
        return state;
    }

    public OffsetDateTime getRequestedAt() {
        return requestedAt;
    }

    public Optional<OffsetDateTime> getDecidedAt() {
        return Optional.ofNullable(decidedAt);
    }

    public Optional<OffsetDateTime> getReadableUntil() {
        return Optional.ofNullable(readableUntil);
    }

    public int getReads() {
        return reads;
    }

    public long getAuditSequence() {
        return auditSequence;
    }

    public List<ApprovalDecision> getDecisions() {
        return List.copyOf(decisions);
    }
}
