package org.ams.platform;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a background task one pass at a time and folds wake-ups together: a {@link #run()} that comes while a pass is
 * under way does not wait and does not start a second pass beside it; it asks the running one for one more pass
 * afterwards. However many wake-ups come during a pass, they ask for one more pass, not one each.
 * <p>
 * What happens after a pass is up to the pass ({@link Next}): it may ask for another one right away (work is left),
 * finish (another pass only if a wake-up came meanwhile), or stop (nothing can be done now, wake-ups included).
 * <p>
 * A pass that throws a {@link RuntimeException} ends the run, wake-ups that came during it included; the exception
 * goes to the failure handler and the next {@code run()} starts afresh. An {@link Error} ends the run too and leaves
 * {@code run()} as it came. Either way the runner is free again for the next call.
 * <p>
 * A wake-up that comes in the instant between a pass's end and the runner becoming free again is served by the
 * thread that finished the pass, once the runner is free.
 * <p>
 * Thread-safe; {@code run()} never blocks on another thread's pass.
 */
public final class CoalescingRunner {

    /** What a pass asks the runner to do next. */
    public enum Next {
        /** Run another pass right away, wake-up or not: the pass knows work is left (it took a full batch). */
        MORE,
        /** This pass is done: run another only if a wake-up came while it ran. */
        DONE,
        /**
         * Nothing can be done now (the database is not ready, there is nothing to claim): end the run, ignoring
         * wake-ups that came while this pass ran. The next {@code run()} tries again.
         */
        STOP
    }

    /** One pass of the task; called by one thread at a time. */
    @FunctionalInterface
    public interface Pass {
        /** @return what to do next, never {@code null} */
        Next run();
    }

    private final Pass pass;
    private final Consumer<RuntimeException> onFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    /**
     * @param onFailure told about a {@link RuntimeException} a pass threw (typically: log it and let the next tick try
     *                  again); called before the runner is free again
     */
    public CoalescingRunner(Pass pass, Consumer<RuntimeException> onFailure) {
        this.pass = Objects.requireNonNull(pass, "pass");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * Runs passes until the task says it is done and no wake-up came meanwhile; or, when a pass is already under way
     * on another thread, asks it for one more pass and returns at once.
     */
    public void run() {
        again.set(true);
        // The outer loop closes the gap between a pass's last look at 'again' and the runner becoming free: a
        // wake-up that came in that instant failed to take the runner, so it is this thread's to serve.
        while (again.get() && running.compareAndSet(false, true)) {
            Next next = Next.STOP;
            try {
                do {
                    again.set(false);
                    next = Objects.requireNonNull(pass.run(), "A pass must say what to do next");
                } while (next == Next.MORE || next == Next.DONE && again.get());
            } catch (RuntimeException e) {
                onFailure.accept(e);
            } finally {
                running.set(false);
            }
            if (next == Next.STOP) {
                return; // stopped or failed: wake-ups that came during this pass wait for the next run()
            }
        }
    }
}
