package org.ams.identity.local;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.logging.Logger;
import org.ams.identity.IdentityException;
import org.ams.platform.AmsSettings;
import org.ams.platform.DatabaseMigrated;

/**
 * Makes sure a fresh installation can be signed in to, without a default password that every installation shares:
 * the first start creates {@value #ADMIN_USERNAME} with {@code AMS_ADMIN_PASSWORD} when it is set, otherwise with a
 * random password written once to the server log. Later starts leave an existing account alone, so the setting
 * cannot be used to reset a password behind the administrator's back.
 */
@Stateless
public class AdministratorBootstrap {

    public static final String ADMIN_USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());
    /** No look-alike characters, since a person may type this from a log. */
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int GENERATED_LENGTH = 20;

    @EJB
    private LocalAccountService accounts;

    /**
     * Runs once the migrations are done, before the server reports ready; a failure here fails that start-up attempt
     * and it is retried. Any caller: start-up has none, and an account that exists is never changed.
     */
    @PermitAll
    // Outside a transaction: the account is created (and committed) in createFirstAdministrator's own, so that losing
    // a race is seen here.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void ensureAdministrator(@Observes DatabaseMigrated migrated) {
        var configured = AmsSettings.current().find(AmsSettings.ADMIN_PASSWORD);
        char[] password = configured.map(String::toCharArray).orElseGet(AdministratorBootstrap::generatePassword);
        boolean created;
        try {
            created = accounts.createFirstAdministrator(password);
        } catch (EJBException | IdentityException e) {
            // Servers started together on a new database (a cluster): another one created the account first, and
            // either the unique user name refused this one's at commit or the account appeared between this one's two
            // checks for it ("already exists"). Asked again, it finds that account; anything else fails again.
            created = accounts.createFirstAdministrator(password);
            if (!created) {
                LOG.info("The administrator account '" + ADMIN_USERNAME + "' was created by another server starting "
                        + "on the same database at the same time.");
            }
        }
        if (!created) {
            return;
        }
        if (configured.isPresent()) {
            LOG.info("Created the administrator account '" + ADMIN_USERNAME + "' with the password from "
                    + AmsSettings.environmentName(AmsSettings.ADMIN_PASSWORD) + ".");
        } else {
            // The one place a secret is logged, on purpose: it is the only way into a fresh installation, and it
            // is shown exactly once.
            LOG.warning("Created the administrator account '" + ADMIN_USERNAME + "' with the generated password: "
                    + new String(password) + "  (shown only this once; sign in and change it)");
        }
    }

    static char[] generatePassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return password;
    }
}
