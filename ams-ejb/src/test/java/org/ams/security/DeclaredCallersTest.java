package org.ams.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.Singleton;
import jakarta.ejb.Stateful;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every service declares who may call it: a method a page, the agent API or a background job can reach is refused
 * by the container to anyone it does not name, whatever the web tier's URL constraints let through. A new public
 * method of an EJB without {@code @RolesAllowed}, {@code @PermitAll} or {@code @DenyAll} (on it or its class) fails
 * this test. Which role each method admits, and that the container enforces it, is {@code ServiceRolesIT}'s business.
 */
class DeclaredCallersTest {

    /**
     * Public methods of EJBs that need no declaration, with the reason. Empty today: keep it that way unless the
     * container never calls the method as a business method.
     */
    private static final Map<String, String> UNDECLARED = Map.of();

    /**
     * CDI beans of the EJB module: Jakarta EE 10 enforces no security annotations on them, so they must not be where a
     * caller is checked. Each is injected only by EJBs of its own component, which check their callers first.
     */
    private static final Map<String, String> CDI_BEANS = Map.of(
            "org.ams.crypto.CertificateKeys", "private keys for the crypto EJBs (SecretVault, rotation, certificates)",
            "org.ams.crypto.SoftwareKeyStore", "a port of CertificateKeys, injected by crypto's EJBs only",
            "org.ams.crypto.Pkcs11KeyStore", "a port of CertificateKeys, injected by crypto's EJBs only",
            // The metrics serve no caller's request: /metrics admits scrapers by address (the web module's
            // MetricsAccess), and what they read is counts and ages, never a secret, a name or an address.
            "org.ams.metrics.AmsMetrics", "the metrics registry: counters, and the gauges /metrics writes out",
            "org.ams.audit.AuditOrigin", "no service: the API token id the web tier's authentication noted for "
                    + "the request, which AuditTrail adds to the request's records");

    private static final Set<Class<? extends Annotation>> EJB_KINDS = Set.of(Stateless.class, Singleton.class,
            Stateful.class, MessageDriven.class);
    private static final Set<Class<? extends Annotation>> CDI_SCOPES = Set.of(ApplicationScoped.class,
            RequestScoped.class, SessionScoped.class, Dependent.class);
    private static final Set<String> ROLES = Set.of(RoleNames.ADMINISTRATOR, RoleNames.HELPDESK, RoleNames.AUDITOR,
            RoleNames.SELF_SERVICE);

    @Test
    @DisplayName("every public business method of every EJB declares who may call it")
    void everyBusinessMethodDeclaresItsCallers() {
        List<Class<?>> ejbs = classes().stream().filter(DeclaredCallersTest::isEjb).toList();
        assertTrue(ejbs.size() > 30, "the scan found only " + ejbs.size() + " EJBs: " + ejbs);

        Set<String> undeclared = new TreeSet<>();
        for (Class<?> ejb : ejbs) {
            for (Method method : businessMethods(ejb)) {
                if (declaration(method.getDeclaringClass(), method) == null) {
                    undeclared.add(name(method));
                }
            }
        }
        undeclared.removeAll(UNDECLARED.keySet());
        assertEquals(Set.of(), undeclared, "these EJB methods do not say who may call them: add @RolesAllowed (the "
                + "roles of org.ams.security.RoleNames), or @PermitAll with the reason in a comment, to the method or "
                + "its class");
    }

    @Test
    @DisplayName("the exceptions are still methods of EJBs")
    void exceptionsAreCurrent() {
        Set<String> methods = classes().stream().filter(DeclaredCallersTest::isEjb)
                .flatMap(ejb -> businessMethods(ejb).stream()).map(DeclaredCallersTest::name)
                .collect(Collectors.toSet());
        for (String exception : UNDECLARED.keySet()) {
            assertTrue(methods.contains(exception), exception + " is no longer a business method: remove it from "
                    + "the exceptions");
        }
    }

    @Test
    @DisplayName("@RolesAllowed names only application roles, never none")
    void rolesAreApplicationRoles() {
        for (Class<?> ejb : classes().stream().filter(DeclaredCallersTest::isEjb).toList()) {
            List<RolesAllowed> declared = new ArrayList<>();
            Stream.of(ejb.getAnnotation(RolesAllowed.class)).forEach(declared::add);
            businessMethods(ejb).forEach(method -> declared.add(method.getAnnotation(RolesAllowed.class)));
            for (RolesAllowed roles : declared) {
                if (roles != null) {
                    assertFalse(roles.value().length == 0, ejb.getName() + ": @RolesAllowed without a role");
                    assertTrue(ROLES.containsAll(Arrays.asList(roles.value())), ejb.getName() + ": "
                            + Arrays.toString(roles.value()) + " are not all roles of org.ams.security.RoleNames");
                }
            }
        }
    }

    @Test
    @DisplayName("no CDI service of the EJB module is where callers would have to be checked")
    void cdiBeansAreKnown() {
        Set<String> scoped = classes().stream()
                .filter(type -> CDI_SCOPES.stream().anyMatch(type::isAnnotationPresent))
                .filter(type -> !isEjb(type))
                .map(Class::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(CDI_BEANS.keySet()), scoped, "a CDI bean's @RolesAllowed is not enforced: make a "
                + "service that pages or agents reach an EJB, or list an internal one here with the reason");
    }

    /** The method's own declaration, else its class's; {@code null} when neither says. */
    static Annotation declaration(Class<?> type, Method method) {
        for (Class<? extends Annotation> kind : List.of(RolesAllowed.class, PermitAll.class, DenyAll.class)) {
            if (method.isAnnotationPresent(kind)) {
                return method.getAnnotation(kind);
            }
        }
        for (Class<? extends Annotation> kind : List.of(RolesAllowed.class, PermitAll.class, DenyAll.class)) {
            if (type.isAnnotationPresent(kind)) {
                return type.getAnnotation(kind);
            }
        }
        return null;
    }

    private static boolean isEjb(Class<?> type) {
        return EJB_KINDS.stream().anyMatch(type::isAnnotationPresent);
    }

    /** Public instance methods of the bean and its superclasses but Object, lifecycle callbacks excluded. */
    private static List<Method> businessMethods(Class<?> ejb) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> type = ejb; type != null && type != Object.class; type = type.getSuperclass()) {
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                        && !method.isSynthetic() && !method.isBridge()
                        && !method.isAnnotationPresent(PostConstruct.class)
                        && !method.isAnnotationPresent(PreDestroy.class)) {
                    methods.add(method);
                }
            }
        }
        return methods;
    }

    private static String name(Method method) {
        return method.getDeclaringClass().getName() + "#" + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** Every top-level and nested class compiled from the module's main sources. */
    private static List<Class<?>> classes() {
        Path root = mainClasses();
        try (Stream<Path> files = Files.walk(root.resolve("org/ams"))) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> !name.endsWith("package-info"))
                    .map(DeclaredCallersTest::load)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory the module's main classes were compiled to (the one holding this package's RoleNames). */
    private static Path mainClasses() {
        URL url = RoleNames.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DeclaredCallersTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
