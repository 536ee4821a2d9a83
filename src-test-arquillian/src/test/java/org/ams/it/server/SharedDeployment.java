package org.ams.it.server;

import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;

/**
 * What of a test deployment goes into the shared server. Arquillian adds each test class to its deployment; a class
 * that runs wholly on the client ({@link RunAsClient} on the class) holds browser and agent types the server lacks and
 * never runs there, so it is left out. Every other test class the server needs must be in the shared archive from the
 * start, since later classes do not deploy anything.
 */
final class SharedDeployment {

    private static final String TEST_CLASSES = "/WEB-INF/classes/org/ams/it/";

    private SharedDeployment() {
    }

    static Archive<?> withoutClientClasses(Archive<?> archive) {
        for (ArchivePath path : Set.copyOf(archive.getContent().keySet())) {
            String name = path.get();
            if (name.startsWith(TEST_CLASSES) && name.endsWith(".class") && runsOnClientOnly(name)) {
                archive.delete(path);
            }
        }
        return archive;
    }

    /** Refuses a later class whose in-container test code is not in the server that is already running. */
    static void requireSameServer(Archive<?> running, Archive<?> requested) throws DeploymentException {
        Set<String> missing = testClasses(withoutClientClasses(requested));
        missing.removeAll(testClasses(running));
        if (!missing.isEmpty()) {
            throw new DeploymentException("The shared server is already running without " + missing + ". Every IT class"
                    + " that shares a server deploys Deployments.shared(), which must list each in-container test class"
                    + " and helper.");
        }
    }

    private static Set<String> testClasses(Archive<?> archive) {
        Set<String> names = new TreeSet<>();
        for (ArchivePath path : archive.getContent().keySet()) {
            if (path.get().startsWith(TEST_CLASSES) && path.get().endsWith(".class")) {
                names.add(path.get().substring(TEST_CLASSES.length()));
            }
        }
        return names;
    }

    private static boolean runsOnClientOnly(String path) {
        String binaryName = path.substring("/WEB-INF/classes/".length(), path.length() - ".class".length()).replace('/', '.');
        int nested = binaryName.indexOf('$');
        String topLevel = nested < 0 ? binaryName : binaryName.substring(0, nested);
        try {
            return Class.forName(topLevel, false, SharedDeployment.class.getClassLoader())
                    .isAnnotationPresent(RunAsClient.class);
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
