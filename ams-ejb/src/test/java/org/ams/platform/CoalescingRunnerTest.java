package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.ams.platform.CoalescingRunner.Next;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingRunnerTest {

    private static final long WAIT_SECONDS = 10;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS), "a test thread is still running");
    }

    @Test
    void aRunWithoutWakeUpsIsOnePass() {
        Script script = new Script(() -> Next.DONE);

        runner(script).run();

        assertEquals(1, script.passes());
        assertTrue(failures.isEmpty());
    }

    @Test
    void wakeUpsDuringAPassAskForExactlyOneMorePass() throws Exception {
        Blocker first = new Blocker(Next.DONE);
        Script script = new Script(first, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        Future<?> running = startBlocked(runner, first);
        // Several threads wake the runner at the same moment while the first pass is under way.
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> wakeUps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            wakeUps.add(threads.submit(() -> {
                go.await();
                runner.run();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> wakeUp : wakeUps) {
            // Returns while the pass is still blocked: a wake-up neither waits nor runs a pass beside it.
            wakeUp.get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        assertEquals(1, script.passes(), "a wake-up ran a pass beside the running one");
        assertFalse(running.isDone());

        first.release();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(2, script.passes(), "eight wake-ups during a pass should ask for one more pass");
    }

    @Test
    void aWakeUpDuringTheExtraPassAsksForYetAnother() throws Exception {
        Blocker first = new Blocker(Next.DONE);
        Blocker second = new Blocker(Next.DONE);
        Script script = new Script(first, second, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        Future<?> running = startBlocked(runner, first);
        runner.run();
        first.release();
        second.awaitEntered();
        runner.run();
        second.release();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertEquals(3, script.passes());
    }

    @Test
    void aPassAskingForMoreRunsAgainWithoutAWakeUp() {
        Script script = new Script(() -> Next.MORE, () -> Next.MORE, () -> Next.DONE);

        runner(script).run();

        assertEquals(3, script.passes());
    }

    @Test
    void aPassThatStopsEndsTheRunDespiteWakeUps() throws Exception {
        Blocker first = new Blocker(Next.STOP);
        Script script = new Script(first, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        runWokenDuring(runner, first);
        assertEquals(1, script.passes());

        // The wake-up that was ignored does not linger: the next run is one pass again.
        runner.run();
        assertEquals(2, script.passes());
    }

    @Test
    void aPassThatThrowsGoesToTheFailureHandlerAndLaterRunsGoOn() throws Exception {
        IllegalStateException broken = new IllegalStateException("database gone");
        Blocker first = new Blocker(() -> {
            throw broken;
        });
        Script script = new Script(first, () -> Next.DONE, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        runWokenDuring(runner, first);

        // The failure ends the run, wake-ups during the failed pass included, and reaches the handler only.
        assertEquals(1, script.passes());
        assertEquals(List.of(broken), failures);

        runner.run();
        assertEquals(2, script.passes(), "a failed pass must not keep the runner busy");
        runner.run();
        assertEquals(3, script.passes());
        assertEquals(1, failures.size());
    }

    @Test
    void anErrorLeavesTheRunButFreesTheRunner() {
        AssertionError fatal = new AssertionError("fatal");
        Script script = new Script(() -> {
            throw fatal;
        }, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        assertSame(fatal, assertThrows(AssertionError.class, runner::run));
        assertTrue(failures.isEmpty());

        runner.run();
        assertEquals(2, script.passes());
    }

    @Test
    void aPassThatSaysNothingIsAFailure() {
        Script script = new Script(() -> null, () -> Next.DONE);
        CoalescingRunner runner = runner(script);

        runner.run();
        assertEquals(1, failures.size());
        assertInstanceOf(NullPointerException.class, failures.get(0));

        runner.run();
        assertEquals(2, script.passes());
    }

    @Test
    void passesNeverOverlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicInteger passes = new AtomicInteger();
        CoalescingRunner runner = new CoalescingRunner(() -> {
            if (inside.incrementAndGet() != 1) {
                overlapped.set(true);
            }
            passes.incrementAndGet();
            Thread.yield();
            inside.decrementAndGet();
            return Next.DONE;
        }, failures::add);

        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(threads.submit(() -> {
                go.await();
                for (int call = 0; call < 5_000; call++) {
                    runner.run();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> caller : callers) {
            caller.get(WAIT_SECONDS * 3, TimeUnit.SECONDS);
        }

        assertFalse(overlapped.get(), "two passes ran at the same time");
        assertTrue(passes.get() > 0);
        assertTrue(failures.isEmpty());
        // Free again afterwards: a last call runs a pass of its own.
        int before = passes.get();
        runner.run();
        assertEquals(before + 1, passes.get());
    }

    /** Starts a run on another thread and returns once its pass waits in the blocker. */
    private Future<?> startBlocked(CoalescingRunner runner, Blocker blocker) throws InterruptedException {
        Future<?> running = threads.submit(runner::run);
        blocker.awaitEntered();
        return running;
    }

    /** Runs with one wake-up coming while the blocker's pass is under way. */
    private void runWokenDuring(CoalescingRunner runner, Blocker blocker) throws Exception {
        Future<?> running = startBlocked(runner, blocker);
        runner.run();
        blocker.release();
        running.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private CoalescingRunner runner(Script script) {
        return new CoalescingRunner(script, failures::add);
    }

    /** Plays one step per pass, in order; a pass beyond the last step fails the test. */
    private static final class Script implements CoalescingRunner.Pass {

        private final List<Supplier<Next>> steps;
        private final AtomicInteger passes = new AtomicInteger();

        @SafeVarargs
        Script(Supplier<Next>... steps) {
            this.steps = List.of(steps);
        }

        @Override
        public Next run() {
            int pass = passes.getAndIncrement();
            if (pass >= steps.size()) {
                throw new AssertionError("unexpected pass " + (pass + 1));
            }
            return steps.get(pass).get();
        }

        int passes() {
            return passes.get();
        }
    }

    /** A step that waits, once entered, until the test lets it go on. */
    private static final class Blocker implements Supplier<Next> {

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Supplier<Next> then;

        Blocker(Next then) {
            this(() -> then);
        }

        Blocker(Supplier<Next> then) {
            this.then = then;
        }

        @Override
        public Next get() {
            entered.countDown();
            try {
                if (!released.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("the test never released the pass");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return then.get();
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.await(WAIT_SECONDS, TimeUnit.SECONDS), "the pass never started");
        }

        void release() {
            released.countDown();
        }
    }
}
