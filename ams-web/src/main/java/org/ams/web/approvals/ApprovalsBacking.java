package org.ams.web.approvals;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ams.access.ApprovalException;
import org.ams.access.ApprovalView;
import org.ams.access.Approvals;
import org.ams.authz.ResultCode;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs {@code approvals/approvals.xhtml}: the pending requests the signed-in user may decide, a comment for each,
 * and Approve and Reject. The service decides who may; the page only passes the request's id and the comment.
 */
@Named
@ViewScoped
public class ApprovalsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private Approvals approvals;

    /** The comment typed for each request, by its id. */
    private final Map<UUID, String> comments = new HashMap<>();
    /** The request a notification's link named ({@code ?request=}), shown first and marked. */
    private String linked;

    private transient List<ApprovalView> pending;

    /** The request a notification's link names, read when the page is opened. */
    @PostConstruct
    void linkedRequest() {
        linked = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("request");
    }

    public List<ApprovalView> getPending() {
        if (pending == null) {
            try {
                pending = approvals.decidable().stream()
                        .sorted((a, b) -> Boolean.compare(isLinked(b), isLinked(a))).toList();
            } catch (ApprovalException e) {
                PageMessages.error(e.getMessage());
                pending = List.of();
            }
        }
        return pending;
    }

    public void approve(ApprovalView request) {
        decide(request, true);
    }

    public void reject(ApprovalView request) {
        decide(request, false);
    }

    private void decide(ApprovalView request, boolean approve) {
        String address = ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())
                .getRemoteAddr();
        try {
            ApprovalView decided = approve ? approvals.approve(address, request.id(), comments.get(request.id()))
                    : approvals.reject(address, request.id(), comments.get(request.id()));
            comments.remove(request.id());
            PageMessages.info(switch (decided.state()) {
                case APPROVED -> "Approved: " + decided.requester() + " may now read the recovery passwords of "
                        + decided.computerName() + " until " + format(decided.readableUntil()) + ".";
                case REJECTED -> "Rejected: " + decided.requester() + " sees that the request for "
                        + decided.computerName() + " was rejected.";
                default -> "Your approval was recorded (" + decided.approvals() + " of "
                        + decided.approvalsRequired() + "); it waits for another approver.";
            });
        } catch (ApprovalException e) {
            PageMessages.error(e.getMessage());
        }
        pending = null;
    }

    public boolean isLinked(ApprovalView request) {
        return linked != null && linked.equals(request.id().toString());
    }

    /** "1 of 2 approvals". */
    public String progress(ApprovalView request) {
        return request.approvals() + " of " + request.approvalsRequired() + " approval"
                + (request.approvalsRequired() == 1 ? "" : "s");
    }

    /** "readable for 60 minutes, one read". */
    public String terms(ApprovalView request) {
        return "readable for " + request.windowMinutes() + " minute" + (request.windowMinutes() == 1 ? "" : "s")
                + " after approval, " + (request.singleRead() ? "one read" : "unlimited reads");
    }

    /** A recent request's result as administrators meet it elsewhere: Success, ApprovalPending, ... */
    public String result(ApprovalView.RecentRequest request) {
        try {
            return ResultCode.valueOf(request.result()).code();
        } catch (IllegalArgumentException | NullPointerException e) {
            return String.valueOf(request.result());
        }
    }

    public String format(OffsetDateTime time) {
        return UtcTime.minute(time);
    }

    public Map<UUID, String> getComments() {
        return comments;
    }

    public int getMaxComment() {
        return Approvals.MAX_COMMENT;
    }

}
