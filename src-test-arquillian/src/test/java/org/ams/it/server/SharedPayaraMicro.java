package org.ams.it.server;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

/**
 * Payara Micro started once per test JVM and shared by every IT class that runs in it, instead of once per class.
 * <p>
 * Payara's own adapter starts a server process when a class deploys and stops it when the class undeploys, 25-40 s
 * each time. This adapter stands in for it (see {@link SharedServerExtension}): the first class's deployment starts
 * the server, later classes get the same server (the same address, database and data directory), and the server
 * stops when the suite ends. The IT classes that share a server must therefore deploy the same archive
 * ({@code Deployments.shared()}) and keep to data they make under their own names. A class whose point is a restart
 * calls {@link #stopServer()} and {@link #startServer()}: the same archive on the same ports, database and data
 * directory, in a new process.
 * <p>
 * Failsafe runs the classes that need a server of their own in JVMs of their own; there the first deployment is the
 * only one and this adapter behaves as Payara's does.
 */
public final class SharedPayaraMicro implements DeployableContainer<PayaraMicroContainerConfiguration> {

    private static final Logger LOG = Logger.getLogger(SharedPayaraMicro.class.getName());
    private static SharedPayaraMicro current;
    private static final int STOP_TIMEOUT_SECONDS = 60;

    private PayaraMicroContainerConfiguration configuration;
    private PayaraMicroDeployableContainer server;
    private Archive<?> deployed;
    private ProtocolMetaData metaData;

    @Override
    public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
        return PayaraMicroContainerConfiguration.class;
    }

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        this.configuration = configuration;
        synchronized (SharedPayaraMicro.class) {
            current = this;
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        return new PayaraMicroDeployableContainer().getDefaultProtocol();
    }

    @Override
    public void start() {
        // The server process starts with the first deployment: Payara Micro is given its application on the command line.
    }

    @Override
    public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        if (server != null) {
            SharedDeployment.requireSameServer(deployed, archive);
            return metaData;
        }
        startProcess(SharedDeployment.withoutClientClasses(archive));
        return metaData;
    }

    /** Keeps the server for the next class; it stops with the suite ({@link #stop()}). */
    @Override
    public void undeploy(Archive<?> archive) {
        LOG.fine(() -> "keeping " + archive.getName() + " deployed for the next class");
    }

    @Override
    public synchronized void stop() throws LifecycleException {
        try {
            stopProcess();
        } catch (DeploymentException e) {
            throw new LifecycleException("could not stop Payara Micro", e);
        } finally {
            server = null;
        }
    }

    /**
     * Stops the shared server process, as an administrator stopping the service would, for tests of what a stopped
     * server leaves behind and of a restart; {@link #startServer()} starts it again.
     */
    public static void stopServer() {
        current().stopOnly();
    }

    /**
     * Kills the shared server process (SIGKILL), as a crash or a power cut would stop it: nothing of it runs after
     * this. {@link #startServer()} starts it again.
     */
    public static void killServer() {
        current().killOnly();
    }

    /**
     * Starts the shared server again after {@link #stopServer()}: the same application on the same ports, database and
     * data directory, in a new process; returns when it is ready.
     */
    public static void startServer() {
        current().startAgain();
    }

    private static synchronized SharedPayaraMicro current() {
        if (current == null) {
            throw new IllegalStateException("no server has been set up in this JVM");
        }
        return current;
    }

    private synchronized void stopOnly() {
        if (deployed == null) {
            throw new IllegalStateException("the shared server was never started");
        }
        try {
            stopProcess();
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not stop Payara Micro", e);
        }
    }

    private synchronized void killOnly() {
        if (server == null) {
            throw new IllegalStateException("the shared server is not running");
        }
        List<ProcessHandle> payara = payaraProcesses();
        payara.forEach(ProcessHandle::destroyForcibly);
        try {
            awaitExit(payara);
            // The adapter's own stop now finds the process gone; it forgets it and its shutdown hook.
            stopProcess();
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not kill Payara Micro", e);
        }
    }

    private synchronized void startAgain() {
        if (server != null) {
            throw new IllegalStateException("the shared server is running");
        }
        try {
            // The ports are fixed per JVM (TestEnvironment), so the address every class was given stays right.
            startProcess(deployed);
        } catch (DeploymentException e) {
            throw new IllegalStateException("Payara Micro did not start again", e);
        }
    }

    /** Starts a Payara Micro process with the archive and keeps what Arquillian needs to reach it. */
    private void startProcess(Archive<?> archive) throws DeploymentException {
        long started = System.nanoTime();
        PayaraMicroDeployableContainer starting = new PayaraMicroDeployableContainer();
        starting.setup(configuration);
        metaData = starting.deploy(archive);
        server = starting;
        deployed = archive;
        SuiteClock.serverStarted(Duration.ofNanos(System.nanoTime() - started));
    }

    /** Stops the running process, if any; the archive is kept for a later start. */
    private void stopProcess() throws DeploymentException {
        if (server != null) {
            // Payara's adapter sends the process its stop signal and returns: waited for here, as a service manager
            // waits, so that a new process never starts beside the one still stopping (ports, the H2 file).
            List<ProcessHandle> payara = payaraProcesses();
            server.undeploy(deployed);
            server = null;
            awaitExit(payara);
        }
    }

    /** The Payara Micro processes this JVM started (the adapter starts them as its children). */
    private static List<ProcessHandle> payaraProcesses() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains("payara-micro")).toList();
    }

    private static void awaitExit(List<ProcessHandle> processes) throws DeploymentException {
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warning("Payara Micro (pid " + process.pid() + ") did not stop within " + STOP_TIMEOUT_SECONDS
                        + " s; killed");
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeploymentException("interrupted while Payara Micro stopped", e);
            } catch (ExecutionException e) {
                throw new DeploymentException("could not wait for Payara Micro to stop", e);
            }
        }
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed");
    }
}
