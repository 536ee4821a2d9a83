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
import org.ams.web.admin.agent.PageMessages;

/** Backs {@code admin/settings/user-interface.xhtml}: the reason mode and the help text shown with a denial. */
@Named
@ViewScoped
public class UserInterfaceBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AccessSettingsService settings;

    private ReasonMode reasonMode;
    private String deniedHelpText;
    private long version;

    @PostConstruct
    void load() {
        AccessSettings current = settings.current();
        reasonMode = current.getReasonMode();
        deniedHelpText = current.getDeniedHelpText();
        version = current.getVersion();
    }

    public void save() {
        try {
            AccessSettings saved = settings.changeUserInterface(version, reasonMode, deniedHelpText);
            version = saved.getVersion();
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

    public int getMaxHelpText() {
        return AccessSettings.MAX_HELP_TEXT;
    }
}
