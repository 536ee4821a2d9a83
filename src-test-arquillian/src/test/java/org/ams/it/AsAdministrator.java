package org.ams.it;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.concurrent.Callable;
import org.ams.security.RoleNames;

/**
 * Deployed with in-container tests only: calls the administrator's services as the Administrator role, the way
 * the console does for a signed-in administrator, so a test can act through the product's own use cases.
 */
@Stateless
@PermitAll
@RunAs(RoleNames.ADMINISTRATOR)
public class AsAdministrator {

    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
