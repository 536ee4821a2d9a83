package org.ams.web.admin.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.ams.access.AccessSettings;
import org.ams.access.AccessSettingsException;
import org.ams.access.AccessSettingsService;
import org.ams.access.ReasonMode;
import org.ams.web.PageMessages;

/**
 * Backs {@code admin/settings/user-interface.xhtml}: the reason mode, the help text shown with a denial, and whether
 * the helpdesk page hides each recovery password until the user clicks Show on it.
 */
@Named
@ViewScoped
public class UserInterfaceBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccessSettingsService settings;

    private ReasonMode reasonMode;
    private String deniedHelpText;
    private boolean hidePasswordsUntilShown;
    private boolean savedHiding;
    private long version;

    @PostConstruct
    void load() {
        AccessSettings current = settings.current();
        reasonMode = current.getReasonMode();
        deniedHelpText = current.getDeniedHelpText();
        hidePasswordsUntilShown = current.isHidePasswordsUntilShown();
        savedHiding = hidePasswordsUntilShown;
        version = current.getVersion();
    }

    /** Saves the reason and help text; the password hiding too when it was changed, as a change of its own. */
    public void save() {
        try {
            version = settings.changeUserInterface(version, reasonMode, deniedHelpText).getVersion();
            if (hidePasswordsUntilShown != savedHiding) {
                version = settings.changePasswordHiding(version, hidePasswordsUntilShown).getVersion();
                savedHiding = hidePasswordsUntilShown;
            }
            PageMessages.info("The user interface settings were saved; they apply to the next access request.");
        } catch (AccessSettingsException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public List<ReasonMode> getReasonModes() {
        return List.of(ReasonMode.values());
    }

    public ReasonMode getReasonMode() {
        return reasonMode;
    }

    public void setReasonMode(ReasonMode reasonMode) {
        this.reasonMode = reasonMode;
    }

    public String getDeniedHelpText() {
        return deniedHelpText;
    }

    public void setDeniedHelpText(String deniedHelpText) {
        this.deniedHelpText = deniedHelpText;
    }

    public boolean isHidePasswordsUntilShown() {
        return hidePasswordsUntilShown;
    }

    public void setHidePasswordsUntilShown(boolean hidePasswordsUntilShown) {
        this.hidePasswordsUntilShown = hidePasswordsUntilShown;
    }

    public int getMaxHelpText() {
        return AccessSettings.MAX_HELP_TEXT;
    }
}
