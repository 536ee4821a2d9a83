package org.ams.it;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import java.util.concurrent.Callable;
import org.ams.security.RoleNames;

/**
 * Deployed with in-container tests only: calls services as the SelfService role alone, the way the self-service page
 * does for a user who holds only that role, so a test can check what the services let that user do
 * ({@link ServiceRolesIT}).
 */
@Stateless
@PermitAll
@RunAs(RoleNames.SELF_SERVICE)
public class AsSelfService {

    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
