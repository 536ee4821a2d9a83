package org.ams.it;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import java.util.concurrent.Callable;

/**
 * Deployed with in-container tests only: calls services with no caller at all, as the agent API and background jobs
 * do, through the same kind of EJB boundary as {@link AsAdministrator} and the others ({@link ServiceRolesIT}).
 */
@Stateless
@PermitAll
public class AsNobody {

    public <T> T call(Callable<T> work) throws Exception {
        return work.call();
    }
}
