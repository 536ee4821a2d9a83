package org.ams.web.session;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;

/**
 * A post to a page whose view the session no longer holds (the session ended, or newer pages pushed the view out):
 * nothing of the post is done, and instead of a bare error the browser is sent, by a redirect that an Ajax request
 * follows too, to the sign-in page, which says so ({@code expired=true}) and, for a user still signed in, offers the
 * way back instead of the form.
 * <p>
 * A redirect rather than web.xml's error page: an error page rendered in answer to the post would itself be taken
 * for a post back to a view that does not exist, and fail again.
 */
public class ExpiredViewRedirect extends ExceptionHandlerWrapper {

    static final String TARGET = "/login.xhtml?expired=true";

    public ExpiredViewRedirect(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
                events.hasNext(); ) {
            if (expiredView(events.next().getContext().getException()).isPresent()) {
                events.remove();
                redirect(faces);
            }
        }
        super.handle();
    }

    private static void redirect(FacesContext faces) {
        if (faces.getResponseComplete()) {
            return;
        }
        ExternalContext external = faces.getExternalContext();
        try {
            external.redirect(external.getRequestContextPath() + TARGET);
        } catch (IOException e) {
            throw new FacesException("The answer to a post to an expired page could not be sent", e);
        }
        faces.responseComplete();
    }

    static Optional<ViewExpiredException> expiredView(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ViewExpiredException expired) {
                return Optional.of(expired);
            }
        }
        return Optional.empty();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ExpiredViewRedirect(getWrapped().getExceptionHandler());
        }
    }
}
