package org.ams.web.helpdesk;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import org.ams.access.AccessOutcome;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessRequests;
import org.ams.access.ApprovalView;
import org.ams.access.ComputerCandidate;
import org.ams.access.RevealedKey;
import org.ams.devices.DeviceNotFoundException;
import org.ams.web.PageMessages;

/**
 * The BitLocker recovery passwords of the chosen computer, for exactly one response: each press of "Show recovery
 * passwords" is one audited access request, and its answer is rendered into the response of that POST. The bean
 * (and with it every password) is gone when the response is written; nothing is redirected, put in a URL, kept in the
 * session or saved in the view state.
 */
@Named
@RequestScoped
public class RecoveryPasswordsBacking {

    @EJB
    private AccessRequests accessRequests;

    @Inject
    private RequestAccessBacking request;

    @Inject
    private OwnApprovalsBacking ownApprovals;

    private AccessOutcome outcome;
    private List<ShownKey> current = List.of();
    private List<ShownKey> history = List.of();

    public void reveal() {
        ComputerCandidate computer = request.getSelected();
        if (computer == null) {
            PageMessages.error("Choose a computer first.");
            return;
        }
        try {
            // The service works out who is asking from the signed-in session itself: the page passes no identity.
            outcome = accessRequests.requestRecoveryPasswords(RequestAccessBacking.clientAddress(),
                    computer.deviceId(), request.getReason());
        } catch (AccessRequestException | DeviceNotFoundException e) {
            PageMessages.error(e.getMessage());
            return;
        } finally {
            ownApprovals.refresh();
        }
        Set<String> lookedUp = request.getLookedUpProtectorIds();
        current = ShownKey.listed(outcome.keys().stream().filter(RevealedKey::current).toList(), lookedUp);
        history = ShownKey.listed(outcome.keys().stream().filter(key -> !key.current()).toList(), lookedUp);
    }

    /** Whether this response answers a request (granted or denied). */
    public boolean isAnswered() {
        return outcome != null;
    }

    /** Whether the request waits for approval: nothing is shown; the approvers were told. */
    public boolean isAwaitingApproval() {
        return outcome != null && outcome.awaitingApproval();
    }

    /** The request that waits for approval, or the approval a grant was read under; {@code null} otherwise. */
    public ApprovalView getApproval() {
        return outcome == null ? null : outcome.approval();
    }

    public boolean isGranted() {
        return outcome != null && outcome.granted();
    }

    public boolean isNoKeys() {
        return isGranted() && outcome.keys().isEmpty();
    }

    public String getComputerName() {
        return outcome == null ? "" : outcome.computerName();
    }

    public String getDeniedSentence() {
        return outcome == null || outcome.granted() ? "" : AccessResultText.sentence(outcome.result());
    }

    public String getDeniedHelpText() {
        return outcome == null ? null : outcome.deniedHelpText();
    }

    public String getRuleDescription() {
        return outcome == null ? null : outcome.ruleDescription();
    }

    /** Whether each password is hidden until the user clicks its Show password button, which is audited. */
    public boolean isPasswordsHidden() {
        return isGranted() && outcome.passwordsHidden();
    }

    /** The audit record's number: the reference of this request for the helpdesk ticket and for auditors. */
    public long getAuditSequence() {
        return outcome == null ? 0 : outcome.auditSequence();
    }

    public List<ShownKey> getCurrentKeys() {
        return current;
    }

    public List<ShownKey> getHistory() {
        return history;
    }
}
