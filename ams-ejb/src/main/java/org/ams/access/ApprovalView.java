package org.ams.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A request that needs approval as the Approvals page and the requester's list show it; never a password.
 *
 * @param readableNow     whether the requester may read the passwords now under it
 * @param expiresAt       when a pending request expires unapproved
 * @param decisions       who approved or rejected it, with their comments, in order
 * @param recentRequests  for approvers: the requester's latest access requests (empty in the requester's own list)
 */
public record ApprovalView(UUID id, UUID deviceId, String computerName, String requester, String reason,
                           String ruleDescription, OffsetDateTime requestedAt, ApprovalState state, long approvals,
                           int approvalsRequired, int windowMinutes, boolean singleRead,
                           OffsetDateTime readableUntil, boolean readableNow, OffsetDateTime expiresAt,
                           List<Decided> decisions, long auditSequence, List<RecentRequest> recentRequests) {

    public ApprovalView {
        decisions = List.copyOf(decisions);
        recentRequests = List.copyOf(recentRequests);
    }

    /** One approver's decision. */
    public record Decided(String approver, boolean approved, String comment, OffsetDateTime at) {
    }

    /** One of the requester's recent access requests, from the audit log. */
    public record RecentRequest(OffsetDateTime at, String computer, String result, String reason) {
    }

    static ApprovalView of(ApprovalRequest request, OffsetDateTime now, int expiryMinutes,
                           List<RecentRequest> recent) {
        return new ApprovalView(request.getId(), request.getDeviceId(), request.getComputerName(),
                request.getRequesterName(), request.getReason().orElse(null), request.getRuleDescription(),
                request.getRequestedAt(), request.getState(), request.approvals(), request.getApprovalsRequired(),
                request.getWindowMinutes(), request.isSingleRead(), request.getReadableUntil().orElse(null),
                request.readable(now), request.getRequestedAt().plusMinutes(expiryMinutes),
                request.getDecisions().stream().map(d -> new Decided(d.getApproverName(), d.isApproved(),
                        d.getComment(), d.getDecidedAt())).toList(), request.getAuditSequence(), recent);
    }
}
