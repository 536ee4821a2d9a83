package org.ams.web.admin.settings;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ams.identity.PrincipalKind;
import org.ams.identity.PrincipalRef;
import org.ams.identity.signin.RoleService;
import org.ams.token.ApiScope;
import org.ams.token.ApiToken;
import org.ams.token.ApiTokenException;
import org.ams.token.ApiTokens;
import org.ams.token.NewApiToken;
import org.ams.web.PageMessages;
import org.ams.web.UtcTime;

/**
 * Backs {@code admin/settings/api-tokens.xhtml}: the API tokens, issuing one to a user found with the principal
 * picker, and revoking. A new token's secret is held by the view only until the dialog that shows it is closed.
 */
@Named
@ViewScoped
public class ApiTokensBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private ApiTokens tokens;

    @EJB
    private RoleService roles;

    private List<ApiToken> tokenList;
    private final PrincipalPicker picker = new PrincipalPicker();
    private PrincipalRef owner;
    private List<String> scopes = new ArrayList<>(List.of(ApiScope.READ_METADATA.name()));
    private LocalDate expires = LocalDate.now(ZoneOffset.UTC).plusDays(90);
    private String note;

    /** Shown once, right after creation, then forgotten. */
    private transient String createdSecret;
    private String createdOwner;

    public List<ApiToken> getTokens() {
        if (tokenList == null) {
            tokenList = tokens.list();
        }
        return tokenList;
    }

    public void search() {
        picker.search(roles, principal -> principal.kind() == PrincipalKind.USER);
    }

    public void choose(PrincipalRef principal) {
        owner = principal;
        picker.clear();
    }

    public void create() {
        try {
            // The token works through the whole chosen day (UTC) and stops at its end.
            OffsetDateTime expiresAt = expires == null ? null
                    : expires.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
            Set<ApiScope> chosen = EnumSet.noneOf(ApiScope.class);
            if (scopes != null) {
                scopes.stream().map(ApiScope::valueOf).forEach(chosen::add);
            }
            NewApiToken created = tokens.create(owner, chosen, expiresAt, note);
            createdSecret = created.secret();
            createdOwner = created.token().getOwnerName();
            tokenList = null;
            owner = null;
            note = null;
            scopes = new ArrayList<>(List.of(ApiScope.READ_METADATA.name()));
            expires = LocalDate.now(ZoneOffset.UTC).plusDays(90);
        } catch (ApiTokenException e) {
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may issue API tokens.");
        }
    }

    public void revoke(ApiToken token) {
        try {
            tokens.revoke(token.getId());
            tokenList = null;
            PageMessages.info("The token of " + token.getOwnerName() + " (" + token.getSecretHint()
                    + "...) is revoked: every call with it is refused from now on.");
        } catch (ApiTokenException e) {
            tokenList = null;
            PageMessages.error(e.getMessage());
        } catch (EJBAccessException e) {
            PageMessages.error("Only administrators may revoke API tokens.");
        }
    }

    public void forgetCreatedSecret() {
        createdSecret = null;
        createdOwner = null;
    }

    public String state(ApiToken token) {
        return switch (token.stateAt(OffsetDateTime.now(ZoneOffset.UTC))) {
            case ACTIVE -> "Active";
            case EXPIRED -> "Expired";
            case REVOKED -> "Revoked";
        };
    }

    /** A time as the list shows it, in UTC to the minute, e.g. "2027-03-05 00:00 UTC". */
    public String when(OffsetDateTime time) {
        return UtcTime.minute(time);
    }

    public boolean revocable(ApiToken token) {
        return token.getRevokedAt() == null;
    }

    public String scopeLabels(ApiToken token) {
        return token.scopes().stream().map(ApiScope::label).collect(Collectors.joining(", "));
    }

    public ApiScope[] getScopeChoices() {
        return Arrays.stream(ApiScope.values()).filter(ApiScope::inUse).toArray(ApiScope[]::new);
    }

    public LocalDate getLatestExpiry() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(ApiTokens.MAX_LIFETIME.toDays() - 1);
    }

    public LocalDate getEarliestExpiry() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public String getCreatedSecret() {
        return createdSecret;
    }

    public String getCreatedOwner() {
        return createdOwner;
    }

    public PrincipalRef getOwner() {
        return owner;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public void setScopes(List<String> scopes) {
        this.scopes = scopes;
    }

    public LocalDate getExpires() {
        return expires;
    }

    public void setExpires(LocalDate expires) {
        this.expires = expires;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getSearchText() {
        return picker.getSearchText();
    }

    public void setSearchText(String searchText) {
        picker.setSearchText(searchText);
    }

    public List<PrincipalRef> getFound() {
        return picker.getFound();
    }

    public List<String> getSearchProblems() {
        return picker.getProblems();
    }

    public boolean isSearched() {
        return picker.isSearched();
    }
}
