package org.ams.identity.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A group the provider's tokens may carry, named by an administrator so that the principal pickers can offer it: the
 * claim value as the token sends it (a Keycloak group path, an Entra group's object id) and a name people know.
 */
@Entity
@Table(name = "oidc_group")
@NamedQuery(name = OidcGroup.ALL, query = "SELECT g FROM OidcGroup g ORDER BY g.displayName")
public class OidcGroup {

    static final String ALL = "OidcGroup.all";
    public static final int MAX_LENGTH = 256;

    @Id
    @Column(name = "claim_value", length = MAX_LENGTH)
    private String claimValue;

    @Column(name = "display_name", nullable = false, length = MAX_LENGTH)
    private String displayName;

    protected OidcGroup() {
    }

    OidcGroup(String claimValue, String displayName) {
        this.claimValue = claimValue;
        this.displayName = displayName;
    }

    public String getClaimValue() {
        return claimValue;
    }

    public String getDisplayName() {
        return displayName;
    }

    void rename(String name) {
        this.displayName = name;
    }
}
