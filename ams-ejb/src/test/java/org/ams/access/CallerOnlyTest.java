package org.ams.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ams.identity.PrincipalRef;
import org.ams.identity.Role;
import org.ams.identity.signin.AuthenticatedUser;
import org.ams.security.RoleNames;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The access services decide for their caller only: none of their business methods accepts a user, a principal or a
 * collection (of groups) from whoever calls; only the Helpdesk role may call the helpdesk's, only the SelfService
 * role self-service recovery, and the rate limits' row locks serve both.
 */
class CallerOnlyTest {

    private static final List<Class<?>> SERVICES = List.of(AccessRequests.class, VisibleComputers.class,
            RateLimitLocks.class, SelfServiceRecovery.class);
    private static final Map<Class<?>, List<String>> CALLERS = Map.of(
            AccessRequests.class, List.of(RoleNames.HELPDESK),
            VisibleComputers.class, List.of(RoleNames.HELPDESK),
            RateLimitLocks.class, List.of(RoleNames.HELPDESK, RoleNames.SELF_SERVICE),
            SelfServiceRecovery.class, List.of(RoleNames.SELF_SERVICE));
    /** What could carry a user or their groups: these, their subtypes, arrays and plain objects. */
    private static final Set<Class<?>> IDENTITIES = Set.of(AuthenticatedUser.class, PrincipalRef.class,
            java.security.Principal.class, Collection.class, Map.class);

    @Test
    @DisplayName("No business method of the access services takes a user, a principal or groups")
    void noMethodTakesAnIdentity() {
        for (Class<?> service : SERVICES) {
            for (Method method : service.getDeclaredMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                for (Class<?> parameter : method.getParameterTypes()) {
                    assertTrue(parameter != Object.class && !parameter.isArray()
                                    && IDENTITIES.stream().noneMatch(type -> type.isAssignableFrom(parameter)),
                            service.getSimpleName() + "." + method.getName() + " takes a " + parameter.getSimpleName());
                }
            }
        }
    }

    @Test
    @DisplayName("Only the Helpdesk role (and for self-service, the SelfService role) may call them: the "
            + "Administrator role alone reads no recovery password")
    void helpdeskOnly() {
        for (Class<?> service : SERVICES) {
            assertEquals(CALLERS.get(service), Arrays.asList(service.getAnnotation(RolesAllowed.class)
                    .value()), service.getSimpleName());
            for (Method method : service.getDeclaredMethods()) {
                assertTrue(method.getAnnotation(RolesAllowed.class) == null, service.getSimpleName() + "."
                        + method.getName() + " declares roles of its own");
            }
        }
    }
}
