package org.ams.access;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditEntry;
import org.ams.audit.AuditTrail;
import org.ams.identity.PrincipalRef;

/**
 * The queries and records that {@link AccessRequests} and {@link Approvals} share about requests that need approval,
 * in their caller's transaction. Expiry is worked out whenever requests are read or decided, so no timer is needed:
 * a pending request past its time is marked expired, and recorded, by the first call that meets it.
 */
final class ApprovalGate {

    static final String TARGET_TYPE = "ApprovalRequest";
    static final String APPROVED = "access-request.approved";
    static final String REJECTED = "access-request.rejected";
    static final String EXPIRED = "access-request.expired";
    static final String READ = "access-request.read";

    private ApprovalGate() {
    }

    /** The user's approved request for this computer under this rule that may be read now, if any. */
    static Optional<ApprovalRequest> readable(EntityManager em, PrincipalRef user, UUID deviceId, UUID ruleId,
                                              OffsetDateTime now) {
        return ofRequester(em, user, deviceId, ruleId, ApprovalState.APPROVED).stream()
                .filter(request -> request.readable(now)).findFirst();
    }

    /** The user's request for this computer under this rule that still waits for approval, if any. */
    static Optional<ApprovalRequest> pending(EntityManager em, PrincipalRef user, UUID deviceId, UUID ruleId) {
        return ofRequester(em, user, deviceId, ruleId, ApprovalState.PENDING).stream().findFirst();
    }

    private static List<ApprovalRequest> ofRequester(EntityManager em, PrincipalRef user, UUID deviceId, UUID ruleId,
                                                     ApprovalState state) {
        return em.createQuery("SELECT r FROM ApprovalRequest r WHERE r.requesterSource = :source AND "
                        + "r.requesterId = :id AND r.deviceId = :device AND r.ruleId = :rule AND r.state = :state "
                        + "ORDER BY r.requestedAt DESC", ApprovalRequest.class)
                .setParameter("source", user.source()).setParameter("id", user.id())
                .setParameter("device", deviceId).setParameter("rule", ruleId).setParameter("state", state)
                .getResultList();
    }

    /** Marks every pending request older than {@code expiryMinutes} expired, one audit record each. */
    static void expireOverdue(EntityManager em, AuditTrail audit, OffsetDateTime now, int expiryMinutes) {
        List<ApprovalRequest> overdue = em.createQuery("SELECT r FROM ApprovalRequest r WHERE r.state = :state "
                        + "AND r.requestedAt <= :since", ApprovalRequest.class)
                .setParameter("state", ApprovalState.PENDING).setParameter("since", now.minusMinutes(expiryMinutes))
                .getResultList();
        for (ApprovalRequest request : overdue) {
            expire(audit, request, now, expiryMinutes);
        }
    }

    static void expire(AuditTrail audit, ApprovalRequest request, OffsetDateTime now, int expiryMinutes) {
        request.expire(now);
        audit.record(entry(EXPIRED, request, "expired unapproved after " + expiryMinutes + " minute(s) with "
                + request.approvals() + " of " + request.getApprovalsRequired() + " approval(s)").build());
    }

    /** An audit record about the request: its computer, requester and rule are named in every one. */
    static AuditEntry.Builder entry(String action, ApprovalRequest request, String details) {
        return AuditEntry.builder(action, TARGET_TYPE)
                .target(request.getId().toString(), request.getComputerName())
                .details("access request " + request.getId() + " of " + request.getRequesterName() + " for "
                        + request.getComputerName() + " (request " + request.getAuditSequence() + "): " + details)
                .rule(request.getRuleId().toString(), request.getRuleDescription());
    }
}
