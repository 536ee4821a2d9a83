package org.ams.web.admin.agent;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** The page's message area: what happened, in a sentence the administrator can act on. */
public final class PageMessages {

    private PageMessages() {
    }

    public static void info(String summary) {
        add(FacesMessage.SEVERITY_INFO, summary);
    }

    public static void error(String summary) {
        add(FacesMessage.SEVERITY_ERROR, summary);
        FacesContext.getCurrentInstance().validationFailed();
    }

    private static void add(FacesMessage.Severity severity, String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, summary, null));
    }
}
