package org.ams.web.session;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;
import java.util.Optional;
import org.ams.identity.AuthenticatedUser;

/**
 * The signed-in user as identity sources described them at sign-in: their stable id and every group they belong to.
 * Authorization decisions match these, not the display name.
 */
@SessionScoped
public class SignedInUser implements Serializable {

    private static final long serialVersionUID = 1L;

    private transient AuthenticatedUser user;

    public void signedIn(AuthenticatedUser authenticated) {
        this.user = authenticated;
    }

    public Optional<AuthenticatedUser> user() {
        return Optional.ofNullable(user);
    }
}
