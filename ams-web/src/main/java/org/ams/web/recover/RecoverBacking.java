package org.ams.web.recover;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.util.List;
import org.ams.access.AccessRequestException;
import org.ams.access.SelfServiceOutcome;
import org.ams.access.SelfServiceReason;
import org.ams.access.SelfServiceRecovery;
import org.ams.security.RoleNames;
import org.ams.web.PageMessages;
import org.ams.web.helpdesk.RequestAccessBacking;
import org.ams.web.helpdesk.ShownKey;

/**
 * Backs {@code recover.xhtml}: one key ID, one reason, one answer. Request-scoped like the helpdesk's passwords: the
 * password exists only while the answer to that one POST is rendered, never in the view state, the session or a URL.
 */
@Named
@RequestScoped
public class RecoverBacking {

    @EJB
    private SelfServiceRecovery recovery;

    @Inject
    private SecurityContext security;

    private String keyId;
    private SelfServiceReason reason;
    private String otherReason;
    private SelfServiceOutcome outcome;

    public void recover() {
        try {
            // The service works out who is asking from the signed-in session itself: the page passes no identity.
            outcome = recovery.recover(RequestAccessBacking.clientAddress(), keyId, reason, otherReason);
        } catch (AccessRequestException e) {
            PageMessages.error(e.getMessage());
        }
    }

    /** Only holders of the SelfService role may read; everyone else who signed in is told so instead of a form. */
    public boolean isAllowed() {
        return security.isCallerInRole(RoleNames.SELF_SERVICE);
    }

    public SelfServiceReason[] getReasons() {
        return SelfServiceReason.values();
    }

    public boolean isAnswered() {
        return outcome != null;
    }

    public boolean isGranted() {
        return outcome != null && outcome.granted();
    }

    public String getRefusal() {
        return outcome == null || outcome.granted() ? "" : outcome.message();
    }

    public long getRequestNumber() {
        return outcome == null ? 0 : outcome.auditSequence();
    }

    public String getComputerName() {
        return isGranted() ? outcome.computerName() : "";
    }

    public String getDrive() {
        return isGranted() && outcome.mountPoint() != null ? outcome.mountPoint() : "";
    }

    public String getShownKeyId() {
        return isGranted() ? outcome.keyId() : "";
    }

    public boolean isRotationAsked() {
        return isGranted() && outcome.rotationAsked();
    }

    /** The canonical dashed form, for the copy button. */
    public String getPassword() {
        return isGranted() ? outcome.password().formatted() : null;
    }

    public List<String> getGroups() {
        return isGranted() ? List.of(getPassword().split("-")) : List.of();
    }

    public List<String> getSpokenGroups() {
        return getGroups().stream().map(ShownKey::spoken).toList();
    }

    public String getKeyId() {
        return keyId;
    }

    public void setKeyId(String keyId) {
        this.keyId = keyId;
    }

    public SelfServiceReason getReason() {
        return reason;
    }

    public void setReason(SelfServiceReason reason) {
        this.reason = reason;
    }

    public String getOtherReason() {
        return otherReason;
    }

    public void setOtherReason(String otherReason) {
        this.otherReason = otherReason;
    }
}
