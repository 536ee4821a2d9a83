package org.ams.web.helpdesk;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessRequests;
import org.ams.access.AccessSettingsService;
import org.ams.access.ApprovalView;
import org.ams.access.ComputerCandidate;
import org.ams.access.KeyIdLookup;
import org.ams.access.KeyIdMatch;
import org.ams.access.ReasonMode;
import org.ams.access.VisibleComputers;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs {@code helpdesk/request-access.xhtml}: finding the computer (by name, with suggestions and a choice when
 * several computers share the name, or by recovery key ID) and the reason. It holds which computer was chosen and
 * never a password; the passwords are asked for and shown by the request-scoped {@link RecoveryPasswordsBacking}.
 */
@Named
@ViewScoped
public class RequestAccessBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private VisibleComputers computers;

    @EJB
    private AccessRequests accessRequests;

    @EJB
    private AccessSettingsService settings;


    private String computerName;
    private String keyId;
    private String reason;
    private final List<ComputerCandidate> candidates = new ArrayList<>();
    private final List<KeyIdMatch> keyIdMatches = new ArrayList<>();
    private ComputerCandidate selected;
    private String lookupDenied;
    private String lookupHelpText;
    private transient ReasonMode reasonMode;

    /** Suggestions for the name field: names of computers the signed-in user may see. */
    public List<String> completeComputer(String typed) {
        try {
            return computers.suggest(typed, VisibleComputers.MAX_SUGGESTIONS).stream().map(ComputerCandidate::name)
                    .distinct().toList();
        } catch (AccessRequestException e) {
            PageMessages.error(e.getMessage());
            return List.of();
        }
    }

    /**
     * Finds the computers with the typed name; one is chosen at once, several are listed to pick from. A name that
     * only computers the user may not see carry reads like an unknown one, and is audited as a denial.
     */
    public void find() {
        clearFindings();
        if (computerName == null || computerName.isBlank()) {
            PageMessages.error("Type the computer's name, or look it up by its recovery key ID.");
            return;
        }
        try {
            candidates.addAll(accessRequests.findComputers(clientAddress(), computerName, reason));
        } catch (AccessRequestException e) {
            PageMessages.error(e.getMessage());
            return;
        }
        if (candidates.isEmpty()) {
            PageMessages.error("There is no computer named " + computerName.strip() + " that you may see. Check the "
                    + "name, or look the computer up by the recovery key ID on its recovery screen.");
        } else if (candidates.size() == 1) {
            selected = candidates.remove(0);
        }
    }

    /** Picks one of the listed computers (from a name or a key ID lookup that matched several). */
    public void pick(UUID deviceId) {
        ComputerCandidate picked = candidates.stream().filter(c -> c.deviceId().equals(deviceId)).findFirst()
                .orElse(null);
        if (picked == null) {
            PageMessages.error("That computer is no longer in the list; find it again.");
            return;
        }
        selected = picked;
        candidates.clear();
        keyIdMatches.removeIf(match -> !match.deviceId().equals(deviceId));
    }

    /** Looks up the recovery key ID: an audited request of its own, counted against the rate limits. */
    public void lookUpKeyId() {
        clearFindings();
        KeyIdLookup lookup;
        try {
            lookup = accessRequests.lookUpKeyId(clientAddress(), keyId, reason);
        } catch (AccessRequestException e) {
            PageMessages.error(e.getMessage());
            return;
        }
        if (!lookup.performed()) {
            lookupDenied = AccessResultText.sentence(lookup.result());
            lookupHelpText = lookup.deniedHelpText();
            return;
        }
        keyIdMatches.addAll(lookup.matches());
        if (lookup.matches().isEmpty()) {
            PageMessages.error("No computer you may see has a recovery key ID starting with " + lookup.prefix()
                    + ". Check the characters on the recovery screen (0-9 and A-F), or find the computer by name.");
        } else if (lookup.uniqueComputer().isPresent()) {
            selected = lookup.uniqueComputer().get();
        } else {
            lookup.matches().stream().map(KeyIdMatch::computer)
                    .filter(computer -> candidates.stream().noneMatch(c -> c.deviceId().equals(computer.deviceId())))
                    .forEach(candidates::add);
        }
    }

    /** Finds the computer of one of the user's requests, to ask (again) for its passwords. */
    public void findApproved(ApprovalView request) {
        computerName = request.computerName();
        find();
    }

    public void clearSelection() {
        clearFindings();
    }

    private void clearFindings() {
        selected = null;
        candidates.clear();
        keyIdMatches.clear();
        lookupDenied = null;
        lookupHelpText = null;
    }

    public static String clientAddress() {
        return ((HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest())
                .getRemoteAddr();
    }

    /** Several candidates share the typed name, or the key ID matched protectors on several computers. */
    public boolean isChoosing() {
        return !candidates.isEmpty();
    }

    public boolean isKeyIdAmbiguous() {
        return isChoosing() && !keyIdMatches.isEmpty();
    }

    public List<ComputerCandidate> getCandidates() {
        return candidates;
    }

    public List<KeyIdMatch> getKeyIdMatches() {
        return keyIdMatches;
    }

    /** The protectors of the chosen computer that the key ID lookup matched; empty when it was found by name. */
    public Set<String> getLookedUpProtectorIds() {
        return selected == null ? Set.of() : keyIdMatches.stream()
                .filter(match -> match.deviceId().equals(selected.deviceId())).map(KeyIdMatch::protectorId)
                .collect(Collectors.toSet());
    }

    /** The protectors of a candidate the key ID matched, e.g. "C: 1B4C0E26 (history)". */
    public String matchedProtectors(ComputerCandidate candidate) {
        return String.join(", ", keyIdMatches.stream().filter(m -> m.deviceId().equals(candidate.deviceId()))
                .map(m -> (m.mountPoint() == null ? "" : m.mountPoint() + " ") + m.protectorId()
                        + (m.state() == org.ams.escrow.KeyState.CURRENT ? "" : " (history)"))
                .toList());
    }

    public String format(java.time.OffsetDateTime time) {
        return UtcTime.minute(time);
    }

    public String lastCheckIn(ComputerCandidate candidate) {
        return candidate.lastCheckInAt() == null ? "never" : UtcTime.minute(candidate.lastCheckInAt());
    }

    public ComputerCandidate getSelected() {
        return selected;
    }

    public boolean isComputerChosen() {
        return selected != null;
    }

    public String getLookupDenied() {
        return lookupDenied;
    }

    public String getLookupHelpText() {
        return lookupHelpText;
    }

    public ReasonMode getReasonMode() {
        if (reasonMode == null) {
            reasonMode = settings.current().getReasonMode();
        }
        return reasonMode;
    }

    public boolean isReasonShown() {
        return getReasonMode() != ReasonMode.HIDDEN;
    }

    public String getReasonLabel() {
        return getReasonMode() == ReasonMode.REQUIRED ? "Reason (required)" : "Reason (optional)";
    }

    public int getMaxReason() {
        return AccessRequests.MAX_REASON;
    }

    public String getComputerName() {
        return computerName;
    }

    public void setComputerName(String computerName) {
        this.computerName = computerName;
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
