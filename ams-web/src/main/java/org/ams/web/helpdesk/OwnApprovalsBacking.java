package org.ams.web.helpdesk;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.ams.access.ApprovalException;
import org.ams.access.ApprovalView;
import org.ams.access.Approvals;
import org.ams.web.UtcTime;

/**
 * The signed-in user's own requests that needed approval, on Request access: read afresh for every response (a
 * request is approved, read or expires between two of them), never kept in the view.
 */
@Named
@RequestScoped
public class OwnApprovalsBacking {

    @EJB
    private Approvals approvals;

    private List<ApprovalView> own;

    /** Newest first. */
    public List<ApprovalView> getRequests() {
        if (own == null) {
            try {
                own = approvals.mine();
            } catch (ApprovalException e) {
                own = List.of();
            }
        }
        return own;
    }

    /**
     * Reads the list again when it is next shown: a request made or read in this response changed it after the
     * list was first asked for (the panel's {@code rendered} is asked while the request is decoded).
     */
    public void refresh() {
        own = null;
    }

    /** Where one of the user's requests stands, in words. */
    public String status(ApprovalView request) {
        return switch (request.state()) {
            case PENDING -> "Waiting for approval (" + request.approvals() + " of " + request.approvalsRequired()
                    + ")";
            case APPROVED -> request.readableNow() ? "Approved: read it until "
                    + UtcTime.minute(request.readableUntil()) + (request.singleRead() ? " (one read)" : "")
                    : "Approved; the time to read it ended " + UtcTime.minute(request.readableUntil());
            case USED -> "Approved and read";
            case REJECTED -> "Rejected" + request.decisions().stream().filter(d -> !d.approved()).findFirst()
                    .map(d -> " by " + d.approver() + (d.comment() == null ? "" : ": " + d.comment())).orElse("");
            case EXPIRED -> "Expired: nobody approved it in time";
        };
    }
}
