package org.ams.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/**
 * What an action did, or why it did nothing, in a sentence the user can act on: every page says it here, so every
 * page says it the same way. The text lands in the layout's message area ({@code p:messages id="messages"} in
 * {@code WEB-INF/templates/layout.xhtml}, which every Ajax response updates), as a global message (no client id)
 * of summary only, escaped as text there: a device or user name in a message is never markup. Messages belong to
 * the current response; an action that speaks renders its page rather than redirecting, so nothing travels in the
 * flash.
 */
public final class PageMessages {

    private PageMessages() {
    }

    /** What was done. */
    public static void info(String text) {
        add(FacesMessage.SEVERITY_INFO, text);
    }

    /**
     * What went wrong or was refused. The request is also marked failed, so that an Ajax callback that continues
     * only after success ({@code args.validationFailed} in an {@code oncomplete}) leaves the page as it was.
     */
    public static void error(String text) {
        add(FacesMessage.SEVERITY_ERROR, text);
        FacesContext.getCurrentInstance().validationFailed();
    }

    private static void add(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }
}
