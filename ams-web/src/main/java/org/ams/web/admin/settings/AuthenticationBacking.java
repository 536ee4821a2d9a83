package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.ams.identity.IdentityException;
import org.ams.identity.ldap.DirectorySource;
import org.ams.identity.ldap.DirectorySourceService;
import org.ams.identity.ldap.LdapSettings;
import org.ams.identity.local.LocalAccount;
import org.ams.identity.local.LocalAccountService;
import org.ams.identity.local.LocalGroup;
import org.ams.identity.local.LocalGroupService;
import org.ams.web.PageMessages;

/**
 * Backs {@code admin/settings/authentication.xhtml}: the identity sources sign-in asks, in order (local accounts
 * first, then the directories), editing a directory with a "Test connection" that binds and reports in plain words,
 * and the local accounts and local groups.
 */
@Named
@ViewScoped
public class AuthenticationBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private DirectorySourceService directories;

    @EJB
    private LocalAccountService localAccounts;

    @EJB
    private LocalGroupService localGroups;

    private List<DirectorySource> directoryList;
    private List<LocalAccount> accountList;
    private List<LocalGroup> groupList;

    /** The directory being edited: {@code null} id for a new one; {@code editing} false when the form is closed. */
    private boolean editing;
    private UUID editedId;
    private String name;
    private String url;
    private LdapSettings.Security security = LdapSettings.Security.LDAPS;
    private String trustedCertificates;
    private String bindDn;
    private String bindPassword;
    private String userBase;
    private String groupBase;
    private String userAttribute = "sAMAccountName";
    private LdapSettings.Membership membership = LdapSettings.Membership.AD_IN_CHAIN;
    private LdapSettings.StableId stableId = LdapSettings.StableId.OBJECT_GUID;
    private int connectTimeoutMillis = 5000;
    private int responseTimeoutMillis = 10000;
    private String testResult;
    private String testProblem;

    private String newUsername;
    private String newDisplayName;
    private String newPassword;
    private UUID resettingId;
    private String resetPassword;
    private UUID emailingId;
    private String accountEmail;

    private String newGroupName;
    private String newGroupDescription;
    private String memberUsername;

    public List<DirectorySource> getDirectories() {
        if (directoryList == null) {
            directoryList = directories.list();
        }
        return directoryList;
    }

    public List<LocalAccount> getAccounts() {
        if (accountList == null) {
            accountList = localAccounts.list();
        }
        return accountList;
    }

    public List<LocalGroup> getGroups() {
        if (groupList == null) {
            groupList = localGroups.list();
        }
        return groupList;
    }

    public void startAdding() {
        clearForm();
        editing = true;
    }

    public void startEditing(DirectorySource directory) {
        clearForm();
        LdapSettings settings = directory.settings();
        editing = true;
        editedId = directory.getId();
        name = directory.getName();
        url = settings.url();
        security = settings.security();
        trustedCertificates = settings.trustedCertificates();
        bindDn = settings.bindDn();
        userBase = settings.userBase();
        groupBase = settings.groupBase();
        userAttribute = settings.userAttribute();
        membership = settings.membership();
        stableId = settings.stableId();
        connectTimeoutMillis = settings.connectTimeoutMillis();
        responseTimeoutMillis = settings.responseTimeoutMillis();
    }

    public void cancel() {
        clearForm();
    }

    public void testConnection() {
        testResult = null;
        testProblem = null;
        try {
            testResult = directories.testConnection(editedId, settings(), passwordChars());
        } catch (IdentityException e) {
            testProblem = e.getMessage();
        }
    }

    public void save() {
        attempt(() -> {
            if (editedId == null) {
                directories.add(name, settings(), passwordChars());
                PageMessages.info("Directory '" + name.trim()
                        + "' added. Sign-in now asks it after the local accounts.");
            } else {
                directories.update(editedId, name, settings(), passwordChars());
                PageMessages.info("Directory '" + name.trim() + "' saved.");
            }
            clearForm();
        });
    }

    public void enable(DirectorySource directory, boolean enable) {
        attempt(() -> directories.enable(directory.getId(), enable));
    }

    public void move(DirectorySource directory, int direction) {
        attempt(() -> directories.move(directory.getId(), direction));
    }

    public void remove(DirectorySource directory) {
        attempt(() -> {
            directories.remove(directory.getId());
            PageMessages.info("Directory '" + directory.getName()
                    + "' removed, with the roles granted to its users and groups.");
        });
    }

    public void addAccount() {
        attempt(() -> {
            LocalAccount account = localAccounts.add(newUsername, newDisplayName, chars(newPassword));
            PageMessages.info("Local account '" + account.getUsername()
                    + "' created. Grant it a role under Settings / Roles.");
            newUsername = null;
            newDisplayName = null;
        });
        newPassword = null;
    }

    public void startResetting(LocalAccount account) {
        resettingId = account.getId();
        resetPassword = null;
    }

    public void resetAccountPassword() {
        attempt(() -> {
            localAccounts.resetPassword(resettingId, chars(resetPassword));
            PageMessages.info("Password reset.");
            resettingId = null;
        });
        resetPassword = null;
    }

    public void startEditingEmail(LocalAccount account) {
        emailingId = account.getId();
        accountEmail = account.getEmail().orElse(null);
    }

    public void saveAccountEmail() {
        attempt(() -> {
            localAccounts.changeEmail(emailingId, accountEmail);
            PageMessages.info(accountEmail == null || accountEmail.isBlank() ? "Email address removed."
                    : "Email address saved.");
            emailingId = null;
            accountEmail = null;
        });
    }

    public UUID getEmailingId() {
        return emailingId;
    }

    public String getAccountEmail() {
        return accountEmail;
    }

    public void setAccountEmail(String accountEmail) {
        this.accountEmail = accountEmail;
    }

    public void enableAccount(LocalAccount account, boolean enable) {
        attempt(() -> localAccounts.enable(account.getId(), enable));
    }

    public void addGroup() {
        attempt(() -> {
            LocalGroup group = localGroups.create(newGroupName, newGroupDescription);
            PageMessages.info("Local group '" + group.getName() + "' created. Add members, then grant it a role under "
                    + "Settings / Roles.");
            newGroupName = null;
            newGroupDescription = null;
        });
    }

    public void deleteGroup(LocalGroup group) {
        attempt(() -> {
            localGroups.delete(group.getId());
            PageMessages.info("Local group '" + group.getName() + "' deleted, with the roles granted to it.");
        });
    }

    public void addMember(LocalGroup group) {
        attempt(() -> {
            localGroups.addMember(group.getId(), memberUsername);
            PageMessages.info(memberUsername.strip() + " is now a member of " + group.getName() + ".");
        });
        memberUsername = null;
    }

    public void removeMember(LocalGroup group, LocalAccount member) {
        attempt(() -> {
            localGroups.removeMember(group.getId(), member.getId());
            PageMessages.info(member.getUsername() + " left " + group.getName()
                    + "; roles granted to the group no longer reach them from their next sign-in.");
        });
    }

    private LdapSettings settings() {
        return new LdapSettings(url, security, trustedCertificates, bindDn, userBase, groupBase, userAttribute,
                membership, stableId, connectTimeoutMillis, responseTimeoutMillis);
    }

    private char[] passwordChars() {
        return chars(bindPassword);
    }

    private static char[] chars(String value) {
        return value == null ? new char[0] : value.toCharArray();
    }

    private void attempt(Runnable change) {
        try {
            change.run();
            directoryList = null;
            accountList = null;
            groupList = null;
        } catch (IdentityException e) {
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may change authentication settings.");
        }
    }

    private void clearForm() {
        editing = false;
        editedId = null;
        name = null;
        url = null;
        security = LdapSettings.Security.LDAPS;
        trustedCertificates = null;
        bindDn = null;
        bindPassword = null;
        userBase = null;
        groupBase = null;
        userAttribute = "sAMAccountName";
        membership = LdapSettings.Membership.AD_IN_CHAIN;
        stableId = LdapSettings.StableId.OBJECT_GUID;
        connectTimeoutMillis = 5000;
        responseTimeoutMillis = 10000;
        testResult = null;
        testProblem = null;
    }

    public LdapSettings.Security[] getSecurityChoices() {
        return LdapSettings.Security.values();
    }

    public LdapSettings.Membership[] getMembershipChoices() {
        return LdapSettings.Membership.values();
    }

    public LdapSettings.StableId[] getStableIdChoices() {
        return LdapSettings.StableId.values();
    }

    public boolean isEditing() {
        return editing;
    }

    public boolean isAdding() {
        return editing && editedId == null;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public LdapSettings.Security getSecurity() {
        return security;
    }

    public void setSecurity(LdapSettings.Security security) {
        this.security = security;
    }

    public String getTrustedCertificates() {
        return trustedCertificates;
    }

    public void setTrustedCertificates(String trustedCertificates) {
        this.trustedCertificates = trustedCertificates;
    }

    public String getBindDn() {
        return bindDn;
    }

    public void setBindDn(String bindDn) {
        this.bindDn = bindDn;
    }

    public String getBindPassword() {
        return null;
    }

    /** An empty field keeps what was typed before (the field is never shown again) or, when editing, the stored one. */
    public void setBindPassword(String bindPassword) {
        if (bindPassword != null && !bindPassword.isEmpty()) {
            this.bindPassword = bindPassword;
        }
    }

    public String getUserBase() {
        return userBase;
    }

    public void setUserBase(String userBase) {
        this.userBase = userBase;
    }

    public String getGroupBase() {
        return groupBase;
    }

    public void setGroupBase(String groupBase) {
        this.groupBase = groupBase;
    }

    public String getUserAttribute() {
        return userAttribute;
    }

    public void setUserAttribute(String userAttribute) {
        this.userAttribute = userAttribute;
    }

    public LdapSettings.Membership getMembership() {
        return membership;
    }

    public void setMembership(LdapSettings.Membership membership) {
        this.membership = membership;
    }

    public LdapSettings.StableId getStableId() {
        return stableId;
    }

    public void setStableId(LdapSettings.StableId stableId) {
        this.stableId = stableId;
    }

    public int getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    public void setConnectTimeoutMillis(int connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }

    public int getResponseTimeoutMillis() {
        return responseTimeoutMillis;
    }

    public void setResponseTimeoutMillis(int responseTimeoutMillis) {
        this.responseTimeoutMillis = responseTimeoutMillis;
    }

    public String getTestResult() {
        return testResult;
    }

    public String getTestProblem() {
        return testProblem;
    }

    public String getNewUsername() {
        return newUsername;
    }

    public void setNewUsername(String newUsername) {
        this.newUsername = newUsername;
    }

    public String getNewDisplayName() {
        return newDisplayName;
    }

    public void setNewDisplayName(String newDisplayName) {
        this.newDisplayName = newDisplayName;
    }

    public String getNewPassword() {
        return null;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public UUID getResettingId() {
        return resettingId;
    }

    public String getResetPassword() {
        return null;
    }

    public void setResetPassword(String resetPassword) {
        this.resetPassword = resetPassword;
    }

    public String getNewGroupName() {
        return newGroupName;
    }

    public void setNewGroupName(String newGroupName) {
        this.newGroupName = newGroupName;
    }

    public String getNewGroupDescription() {
        return newGroupDescription;
    }

    public void setNewGroupDescription(String newGroupDescription) {
        this.newGroupDescription = newGroupDescription;
    }

    /** Shown empty in every row: the user name typed in the row whose Add member was pressed. */
    public String getMemberUsername() {
        return null;
    }

    public void setMemberUsername(String memberUsername) {
        this.memberUsername = memberUsername;
    }
}
