package org.ams.access;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.ams.identity.PrincipalRef;

/** One approver's approval or rejection of one request, with their comment. An approver decides a request once. */
@Entity
@Table(name = "approval_decision")
public class ApprovalDecision {

    @Id
    private UUID id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "request_id")
    private ApprovalRequest request;

    @Column(name = "approver_source", nullable = false, length = 64)
    private String approverSource;

    @Column(name = "approver_id", nullable = false, length = 512)
    private String approverId;

    @Column(name = "approver_name", nullable = false, length = 512)
    private String approverName;

    @Column(nullable = false)
    private boolean approved;

    @Column(name = "comment_text", length = Approvals.MAX_COMMENT)
    private String comment;

    @Column(name = "decided_at", nullable = false)
    private OffsetDateTime decidedAt;

    protected ApprovalDecision() {
    }

    ApprovalDecision(ApprovalRequest request, PrincipalRef approver, boolean approved, String comment,
                     OffsetDateTime decidedAt) {
        this.id = UUID.randomUUID();
        this.request = request;
        this.approverSource = approver.source();
        this.approverId = approver.id();
        this.approverName = approver.name();
        this.approved = approved;
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    boolean by(PrincipalRef user) {
        return approverSource.equals(user.source()) && approverId.equals(user.id());
    }

    public String getApproverName() {
        return approverName;
    }

    public boolean isApproved() {
        return approved;
    }

    public String getComment() {
        return comment;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }
}
