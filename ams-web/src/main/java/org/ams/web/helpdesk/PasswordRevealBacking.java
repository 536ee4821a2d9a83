package org.ams.web.helpdesk;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.util.Map;
import org.ams.access.AccessRequestException;
import org.ams.access.AccessRequests;
import org.ams.web.PageMessages;
import org.primefaces.PrimeFaces;

/**
 * The "Show password" button of one key when the passwords page hides each password until then: an Ajax call with
 * the request's number and the key ID, never the password, which the page already holds. The key is shown once
 * {@link AccessRequests#recordReveal} has recorded the click; the callback parameter {@value #REVEALED} names it.
 */
@Named
@RequestScoped
public class PasswordRevealBacking {

    static final String REQUEST_NUMBER = "requestNumber";
    static final String KEY_ID = "keyId";
    static final String REVEALED = "revealedKeyId";

    @EJB
    private AccessRequests accessRequests;

    public void record() {
        Map<String, String> parameters = FacesContext.getCurrentInstance().getExternalContext()
                .getRequestParameterMap();
        Long requestNumber = number(parameters.get(REQUEST_NUMBER));
        if (requestNumber == null) {
            PageMessages.error("That is not a request number; nothing was recorded.");
            return;
        }
        String keyId = parameters.get(KEY_ID);
        try {
            accessRequests.recordReveal(RequestAccessBacking.clientAddress(), requestNumber, keyId);
        } catch (AccessRequestException e) {
            PageMessages.error(e.getMessage());
            return;
        }
        PrimeFaces.current().ajax().addCallbackParam(REVEALED, keyId);
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
