package org.ams.it;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real agent run held still at the entry of one of its methods, through the JDK's debugger interface, so that a test
 * can change the world (stop the server, rotate its certificate) at an exact point between two steps of the agent and
 * then let it go on. The agent jar is the one devices run; only the JVM is started with a debugger port.
 */
final class PausedAgent {

    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);
    private static final long EVENT_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);

    private final AgentProcess.Running run;
    private final VirtualMachine vm;

    private PausedAgent(AgentProcess.Running run, VirtualMachine vm) {
        this.run = run;
        this.vm = vm;
    }

    /**
     * Starts the device's check-in and returns once the agent entered {@code className.method}, with every thread of
     * the agent stopped there.
     *
     * @throws AssertionError if the agent ended without reaching it
     */
    static PausedAgent checkInStoppedAt(AgentDevice device, String volumesFile, String className, String method)
            throws Exception {
        int port = ServerProcess.freePort();
        AgentProcess.Running run = device.startCheckIn(volumesFile, List.of(
                "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port));
        VirtualMachine vm = attach(run, port);
        ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
        prepared.addClassFilter(className);
        prepared.enable();
        vm.resume();
        while (true) {
            EventSet events = vm.eventQueue().remove(EVENT_TIMEOUT_MS);
            if (events == null) {
                vm.dispose();
                run.process().destroyForcibly();
                throw new AssertionError("the agent did not reach " + className + "." + method + ": " + run.output());
            }
            for (Event event : events) {
                if (event instanceof ClassPrepareEvent loaded) {
                    ReferenceType type = loaded.referenceType();
                    BreakpointRequest entry = vm.eventRequestManager().createBreakpointRequest(
                            type.methodsByName(method).get(0).location());
                    entry.setSuspendPolicy(EventRequest.SUSPEND_ALL);
                    entry.enable();
                } else if (event instanceof BreakpointEvent) {
                    vm.eventRequestManager().deleteAllBreakpoints();
                    return new PausedAgent(run, vm);
                } else if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    throw new AssertionError("the agent ended before " + className + "." + method + ": "
                            + run.await().output());
                }
            }
            events.resume();
        }
    }

    /** Lets the agent go on from where it stopped and waits for its run to end. */
    AgentProcess.Result resume() throws IOException, InterruptedException {
        vm.dispose();
        return run.await();
    }

    private static VirtualMachine attach(AgentProcess.Running run, int port) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(connector -> connector.transport().name().equals("dt_socket")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(String.valueOf(port));
        Instant deadline = Instant.now().plus(ATTACH_TIMEOUT);
        while (true) {
            try {
                return socket.attach(arguments);
            } catch (IOException notListeningYet) {
                if (!run.process().isAlive() || Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not attach to the agent: " + run.output(), notListeningYet);
                }
                // The JVM opens its debugger port a moment after it starts: nothing to be notified by.
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (IllegalConnectorArgumentsException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
