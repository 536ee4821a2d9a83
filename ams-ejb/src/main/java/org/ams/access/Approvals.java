package org.ams.access;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.ams.audit.AuditEvent;
import org.ams.audit.AuditTrail;
import org.ams.authz.AuthorizationRule;
import org.ams.authz.AuthorizationRules;
import org.ams.authz.RuleApproval;
import org.ams.authz.RuleChannel;
import org.ams.identity.PrincipalRef;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.identity.signin.CallerIdentity;
import org.ams.identity.signin.NotSignedInException;
import org.ams.notify.AccessNotification;
import org.ams.notify.Notifications;
import org.ams.platform.AmsSettings;
import org.ams.platform.ServerAddress;
import org.ams.security.RoleNames;

/**
 * Approving and rejecting requests whose granting rule requires approval (the Approvals page), and the requester's
 * view of their own. The approver is always the signed-in caller (see {@link CallerIdentity}); whether they may
 * decide is worked out at the moment they decide, from the rule as it is then: a member of its approvers (a local
 * group's membership as it is now, a directory group's as of the sign-in), never the requester, once per request. A
 * request past its time expires, recorded, before anything is decided on it. Every decision is one audit record in
 * the same hash chain as the request.
 * <p>
 * Helpdesk users and administrators may call: approvers are whoever the rules name among them, not a role of
 * their own (an approver who holds neither role cannot open the page).
 */
@Stateless
@RolesAllowed({RoleNames.ADMINISTRATOR, RoleNames.HELPDESK})
public class Approvals {

    public static final int MAX_COMMENT = 1000;
    /** The page's path, which notifications link to with {@code ?request=<id>}. */
    public static final String PAGE = "/approvals/approvals.xhtml";
    /** The requester's page, which the notifications of a decision link to. */
    public static final String REQUESTER_PAGE = "/helpdesk/request-access.xhtml";
    static final int RECENT_REQUESTS = 5;
    private static final int OWN_REQUESTS = 20;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private CallerIdentity callers;

    @EJB
    private AccessSettingsService settings;

    @EJB
    private AuthorizationRules rules;

    @EJB
    private Notifications notifications;

    @EJB
    private DirectorySourceService directories;

    /** Whether some rule names the caller (or a group of theirs) as its approvers: the menu then offers the page. */
    public boolean isApprover() {
        AuthenticatedUser user = caller();
        return em.createQuery("SELECT r FROM AuthorizationRule r WHERE r.approvalsRequired > 0",
                        AuthorizationRule.class).getResultStream()
                .anyMatch(rule -> rule.getApproval().map(approval -> isMember(user, approval)).orElse(false));
    }

    /**
     * The pending requests the caller may decide now, oldest first, each with the requester's latest access
     * requests: those whose rule names the caller among its approvers, not their own, not yet decided by them.
     */
    public List<ApprovalView> decidable() {
        AuthenticatedUser user = caller();
        OffsetDateTime now = now();
        int expiry = expiryMinutes();
        ApprovalGate.expireOverdue(em, audit, now, expiry);
        return em.createQuery("SELECT r FROM ApprovalRequest r WHERE r.state = :state ORDER BY r.requestedAt",
                        ApprovalRequest.class).setParameter("state", ApprovalState.PENDING).getResultStream()
                .filter(request -> !request.requestedBy(user.user()) && !request.decidedBy(user.user())
                        && approvalOf(request).map(approval -> isMember(user, approval)).orElse(false))
                .map(request -> ApprovalView.of(request, now, expiry, recentRequestsOf(request)))
                .toList();
    }

    /** The caller's own requests that needed approval, newest first: waiting, approved (and until when), rejected. */
    public List<ApprovalView> mine() {
        AuthenticatedUser user = caller();
        OffsetDateTime now = now();
        int expiry = expiryMinutes();
        ApprovalGate.expireOverdue(em, audit, now, expiry);
        return em.createQuery("SELECT r FROM ApprovalRequest r WHERE r.requesterSource = :source AND "
                        + "r.requesterId = :id ORDER BY r.requestedAt DESC", ApprovalRequest.class)
                .setParameter("source", user.user().source()).setParameter("id", user.user().id())
                .setMaxResults(OWN_REQUESTS).getResultStream()
                .map(request -> ApprovalView.of(request, now, expiry, List.of())).toList();
    }

    /**
     * The caller approves the request; the last approval needed opens its window for the requester.
     *
     * @throws ApprovalException when the caller may not (their own request, not or no longer an approver, decided
     *                           already), or the request is no longer pending (expired: recorded as such)
     */
    public ApprovalView approve(String clientAddress, UUID requestId, String comment) {
        return decide(clientAddress, requestId, comment, true);
    }

    /** The caller rejects the request; one rejection ends it. Refused like {@link #approve}. */
    public ApprovalView reject(String clientAddress, UUID requestId, String comment) {
        return decide(clientAddress, requestId, comment, false);
    }

    private ApprovalView decide(String clientAddress, UUID requestId, String comment, boolean approve) {
        AuthenticatedUser user = caller();
        String address = AccessRequests.clientAddress(clientAddress);
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw new ApprovalException("A comment has at most " + MAX_COMMENT + " characters.");
        }
        // Locked: two approvers deciding at once are counted one after the other.
        ApprovalRequest request = Optional.ofNullable(requestId == null ? null
                        : em.find(ApprovalRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new ApprovalException("That access request does not exist."));
        OffsetDateTime now = now();
        int expiry = expiryMinutes();
        if (request.overdue(now, expiry)) {
            ApprovalGate.expire(audit, request, now, expiry);
            throw new ApprovalException("The request of " + request.getRequesterName() + " for "
                    + request.getComputerName() + " waited longer than " + expiry + " minute(s) and has expired; "
                    + "nothing was decided.");
        }
        if (request.getState() != ApprovalState.PENDING) {
            throw new ApprovalException("The request of " + request.getRequesterName() + " for "
                    + request.getComputerName() + " is no longer waiting for approval (" + stateWord(request)
                    + "); nothing was decided.");
        }
        if (request.requestedBy(user.user())) {
            throw new ApprovalException("You cannot approve or reject your own request; another approver must.");
        }
        RuleApproval approval = approvalOf(request).orElseThrow(() -> new ApprovalException("The rule \""
                + request.getRuleDescription() + "\" no longer exists or no longer requires approval; the request "
                + "cannot be decided. The requester can ask again."));
        if (!isMember(user, approval)) {
            throw new ApprovalException("You are not (or no longer) one of the approvers of the rule \""
                    + request.getRuleDescription() + "\"; nothing was decided.");
        }
        if (request.decidedBy(user.user())) {
            throw new ApprovalException("You have already decided this request; another approver must.");
        }
        String action;
        String details;
        if (approve) {
            request.approve(user.user(), text, now);
            action = ApprovalGate.APPROVED;
            details = "approval " + request.approvals() + " of " + request.getApprovalsRequired()
                    + (request.getState() == ApprovalState.APPROVED ? "; readable until " + request.getReadableUntil()
                    .orElseThrow() + (request.isSingleRead() ? ", one read" : ", unlimited reads") : "");
        } else {
            request.reject(user.user(), text, now);
            action = ApprovalGate.REJECTED;
            details = "rejected";
        }
        if (text != null) {
            details += "; comment: " + text;
        }
        em.flush();
        AuditEvent record = audit.record(ApprovalGate.entry(action, request, details).clientAddress(address)
                .resultCode(request.getState().name()).build());
        if (request.getState() != ApprovalState.PENDING) {
            notifyDecided(request, user, text, record.getSequence());
        }
        return ApprovalView.of(request, now, expiry, recentRequestsOf(request));
    }

    /**
     * The rule's success channels hear that the request was approved or rejected, with a link to the requester's
     * page; the requester is told too, by email through the rule's first email channel, where AMS knows their address
     * (a local account's email, a directory user's mail attribute). Never a password.
     */
    private void notifyDecided(ApprovalRequest request, AuthenticatedUser approver, String comment, long sequence) {
        boolean approved = request.getState() == ApprovalState.APPROVED;
        String page = requesterLink();
        String permission = org.ams.authz.Permission.READ_BITLOCKER_RECOVERY_PASSWORD.label();
        String result = approved ? "ApprovalGranted" : "ApprovalRejected";
        String resultText = approved ? "Access request approved" : "Access request rejected";
        String event = approved ? "access-request-approved" : "access-request-rejected";
        List<UUID> channels = rules.channelsOf(request.getRuleId(), RuleChannel.Role.SUCCESS);
        notifications.enqueue(new AccessNotification(request.getRequesterName(), null, request.getComputerName(),
                null, request.getReason().orElse(null), result, resultText, request.getRuleDescription(), permission,
                request.getClientAddress(), null, String.valueOf(sequence), event,
                (approved ? "Approved: " : "Rejected: ") + request.getRequesterName() + "'s request for the recovery "
                        + "passwords of " + request.getComputerName() + "; the requester's page: " + page),
                channels);
        String toRequester = approved
                ? "Approved: your request for the recovery passwords of " + request.getComputerName()
                        + " may be read until " + request.getReadableUntil().map(Approvals::minute).orElse("")
                        + (request.isSingleRead() ? " (one read)" : "") + "; read it at " + page
                : "Rejected by " + approver.username() + ": your request for the recovery passwords of "
                        + request.getComputerName() + "; see " + page
                        + (comment == null ? "" : "; comment: " + comment);
        requesterEmail(request).ifPresent(address -> notifications.enqueueTo(address, new AccessNotification(
                request.getRequesterName(), null, request.getComputerName(), null, request.getReason().orElse(null),
                result, resultText, request.getRuleDescription(), permission, request.getClientAddress(), null,
                String.valueOf(sequence), event, toRequester), channels));
    }

    /** Where AMS knows the requester's email address: their local account's, or their directory's mail attribute. */
    private Optional<String> requesterEmail(ApprovalRequest request) {
        PrincipalRef requester = request.getRequester();
        if (LocalAccountService.SOURCE.equals(requester.source())) {
            try {
                return Optional.ofNullable(em.find(LocalAccount.class, UUID.fromString(requester.id())))
                        .flatMap(LocalAccount::getEmail);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return directories.identitySources().stream().filter(source -> source.key().equals(requester.source()))
                .findFirst().flatMap(source -> source.emailOf(requester));
    }

    /** The requester's page: Request access, where their requests that need approval are listed. */
    static String requesterLink() {
        return ServerAddress.console(AmsSettings.current()) + REQUESTER_PAGE;
    }

    private static String minute(OffsetDateTime time) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(
                time.withOffsetSameInstant(ZoneOffset.UTC)) + " UTC";
    }

    /** The link approvers follow from a notification to the Approvals page. */
    static String link(UUID requestId) {
        return ServerAddress.console(AmsSettings.current()) + PAGE + "?request=" + requestId;
    }

    private Optional<RuleApproval> approvalOf(ApprovalRequest request) {
        return Optional.ofNullable(em.find(AuthorizationRule.class, request.getRuleId()))
                .flatMap(AuthorizationRule::getApproval);
    }

    /** Whether the user is the approving user, or in the approving group, now: matched as ACL entries are. */
    static boolean isMember(AuthenticatedUser user, RuleApproval approval) {
        return approval.approvedBy(user);
    }

    private List<ApprovalView.RecentRequest> recentRequestsOf(ApprovalRequest request) {
        return em.createQuery("SELECT e FROM AuditEvent e WHERE e.actor = :actor AND e.action = :action "
                        + "ORDER BY e.sequence DESC", AuditEvent.class)
                .setParameter("actor", request.getRequesterName())
                .setParameter("action", AccessRequests.ACTION)
                .setMaxResults(RECENT_REQUESTS).getResultStream()
                .map(e -> new ApprovalView.RecentRequest(e.getOccurredAt(), e.getTargetName(), e.getResultCode(),
                        e.getReason()))
                .toList();
    }

    private static String stateWord(ApprovalRequest request) {
        return switch (request.getState()) {
            case APPROVED, USED -> "approved";
            case REJECTED -> "rejected";
            case EXPIRED -> "expired";
            case PENDING -> "pending";
        };
    }

    private int expiryMinutes() {
        return settings.current().getApprovalExpiryMinutes();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private AuthenticatedUser caller() {
        try {
            return callers.signedIn();
        } catch (NotSignedInException e) {
            throw new ApprovalException(e.getMessage());
        }
    }
}
