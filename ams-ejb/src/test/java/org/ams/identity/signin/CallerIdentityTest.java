package org.ams.identity.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.ams.identity.PrincipalRef;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallerIdentityTest {

    private static final SignedInPrincipal HELPDESK = new SignedInPrincipal(
            PrincipalRef.user("local", "4f1c2d3e-0000-4000-8000-000000000001", "helen"), Set.of());

    /** Shaped like GlassFish's and Payara's web principal: a name, and the principal the sign-in handed over. */
    public static final class ContainerPrincipal implements Principal {
        private final String name;
        private final Object custom;

        ContainerPrincipal(String name, Object custom) {
            this.name = name;
            this.custom = custom;
        }

        @Override
        public String getName() {
            return name;
        }

        public Object getCustomPrincipal() {
            return custom;
        }
    }

    @Test
    @DisplayName("The signed-in principal inside the container's own principal is found, when the names agree")
    void unwrapsTheContainersPrincipal() {
        assertEquals(Optional.of(HELPDESK), CallerIdentity.wrapped(new ContainerPrincipal("helen", HELPDESK)));
        assertTrue(CallerIdentity.wrapped(new ContainerPrincipal("mallory", HELPDESK)).isEmpty(),
                "a principal of another name is not taken");
    }

    @Test
    @DisplayName("Nothing is found in a principal without one inside, or with something else inside, or none")
    void anythingElseGivesNothing() {
        assertTrue(CallerIdentity.wrapped(null).isEmpty());
        assertTrue(CallerIdentity.wrapped(() -> "helen").isEmpty(), "no getCustomPrincipal method");
        assertTrue(CallerIdentity.wrapped(new ContainerPrincipal("helen", "helen")).isEmpty());
        assertTrue(CallerIdentity.wrapped(new ContainerPrincipal("helen", null)).isEmpty());
    }
}
