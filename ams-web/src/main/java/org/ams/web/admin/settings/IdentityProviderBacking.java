package org.ams.web.admin.settings;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.ams.identity.IdentityException;
import org.ams.identity.oidc.OidcClientAuth;
import org.ams.identity.oidc.OidcClientKey;
import org.ams.identity.oidc.OidcGroup;
import org.ams.identity.oidc.OidcProviderService;
import org.ams.identity.oidc.OidcSettings;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs the OpenID Connect provider section of {@code admin/settings/authentication.xhtml}: the provider's settings
 * with a Test of its discovery document, and the groups its tokens carry that administrators named.
 */
@Named
@ViewScoped
public class IdentityProviderBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private OidcProviderService providers;

    private boolean configured;
    private boolean enabled = true;
    private String issuer;
    private String clientId;
    private String clientSecret;
    private String scopes = "openid profile email";
    private String usernameClaim = "preferred_username";
    private String groupsClaim = "groups";
    private String buttonLabel;
    private boolean passwordAdminOnly;
    private OidcClientAuth clientAuth = OidcClientAuth.CLIENT_SECRET;
    private String clientKeyId = "";
    private String clientKeyCreated = "";
    private String testResult;
    private String testProblem;

    private List<OidcGroup> groupList;
    private String groupClaimValue;
    private String groupDisplayName;

    @PostConstruct
    void load() {
        Optional<OidcSettings> saved = providers.settings();
        configured = saved.isPresent();
        saved.ifPresent(settings -> {
            enabled = settings.enabled();
            issuer = settings.issuer();
            clientId = settings.clientId();
            scopes = settings.scopes();
            usernameClaim = settings.usernameClaim();
            groupsClaim = settings.groupsClaim();
            buttonLabel = settings.buttonLabel();
            passwordAdminOnly = settings.passwordAdminOnly();
        });
        providers.clientAuth().ifPresent(way -> clientAuth = way);
        providers.clientKey().ifPresentOrElse(this::showKey, () -> showKey(null));
    }

    /**
     * Makes AMS's client key (replacing the one before) and keeps what the administrator typed in the form: only the
     * key's part of the page changes.
     */
    public void generateClientKey() {
        boolean replacing = !clientKeyId.isEmpty();
        showKey(providers.generateClientKey());
        PageMessages.info((replacing ? "A new client key replaces the old one: register it at the provider again "
                : "AMS's client key is ready: register it at the provider ") + "(its JWKS address, or the "
                + "certificate for Entra ID), then choose the private key JWT and save.");
    }

    public void removeClientKey() {
        try {
            providers.removeClientKey();
            showKey(null);
            PageMessages.info("AMS's client key was removed.");
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public List<OidcClientAuth> getClientAuthChoices() {
        return List.of(OidcClientAuth.values());
    }

    public OidcClientAuth getClientAuth() {
        return clientAuth;
    }

    public void setClientAuth(OidcClientAuth clientAuth) {
        this.clientAuth = clientAuth;
    }

    private void showKey(OidcClientKey key) {
        clientKeyId = key == null ? "" : key.getKeyId();
        clientKeyCreated = key == null ? "" : UtcTime.minute(key.getCreatedAt());
    }

    /** The client key's id, or "" while none was generated. */
    public String getClientKeyId() {
        return clientKeyId;
    }

    public String getClientKeyCreated() {
        return clientKeyCreated;
    }

    public void test() {
        testResult = null;
        testProblem = null;
        try {
            testResult = providers.test(issuer);
        } catch (IdentityException e) {
            testProblem = e.getMessage();
        }
    }

    public void save() {
        try {
            providers.save(new OidcSettings(enabled, issuer, clientId, scopes, usernameClaim, groupsClaim,
                    buttonLabel, passwordAdminOnly), clientSecret == null ? null : clientSecret.toCharArray(),
                    clientAuth);
            clientSecret = null;
            // Shows what was saved: the issuer without a trailing slash, openid among the scopes.
            load();
            PageMessages.info("Identity provider saved." + (enabled ? " The sign-in page offers \"Sign in with "
                    + buttonLabel.trim() + "\"." : " It is switched off."));
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void remove() {
        providers.remove();
        configured = false;
        PageMessages.info("Identity provider removed: only passwords sign in now.");
    }

    public List<OidcGroup> getGroups() {
        if (groupList == null) {
            groupList = providers.groups();
        }
        return groupList;
    }

    public void nameGroup() {
        try {
            OidcGroup group = providers.nameGroup(groupClaimValue, groupDisplayName);
            PageMessages.info("Group '" + group.getDisplayName() + "' (" + group.getClaimValue() + ") can now be "
                    + "chosen under Settings / Roles and in authorization rules.");
            groupClaimValue = null;
            groupDisplayName = null;
            groupList = null;
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        }
    }

    public void forgetGroup(OidcGroup group) {
        providers.forgetGroup(group.getClaimValue());
        groupList = null;
    }

    public boolean isConfigured() {
        return configured;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return null;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getScopes() {
        return scopes;
    }

    public void setScopes(String scopes) {
        this.scopes = scopes;
    }

    public String getUsernameClaim() {
        return usernameClaim;
    }

    public void setUsernameClaim(String usernameClaim) {
        this.usernameClaim = usernameClaim;
    }

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    public String getButtonLabel() {
        return buttonLabel;
    }

    public void setButtonLabel(String buttonLabel) {
        this.buttonLabel = buttonLabel;
    }

    public boolean isPasswordAdminOnly() {
        return passwordAdminOnly;
    }

    public void setPasswordAdminOnly(boolean passwordAdminOnly) {
        this.passwordAdminOnly = passwordAdminOnly;
    }

    public String getTestResult() {
        return testResult;
    }

    public String getTestProblem() {
        return testProblem;
    }

    public String getGroupClaimValue() {
        return groupClaimValue;
    }

    public void setGroupClaimValue(String groupClaimValue) {
        this.groupClaimValue = groupClaimValue;
    }

    public String getGroupDisplayName() {
        return groupDisplayName;
    }

    public void setGroupDisplayName(String groupDisplayName) {
        this.groupDisplayName = groupDisplayName;
    }
}
