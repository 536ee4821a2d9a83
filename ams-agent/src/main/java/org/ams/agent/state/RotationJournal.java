package org.ams.agent.state;

import java.io.IOException;

/**
 * Where the agent persists its {@link Rotations} between the steps of a rotation. Every {@link #save} must be durable
 * and atomic before it returns: the rotation's safety rests on it (see {@code KeyRotation}).
 */
public interface RotationJournal {

    Rotations load() throws IOException;

    void save(Rotations rotations) throws IOException;

    /** For the load generator and tests that need no crash safety: forgotten when the process ends. */
    static RotationJournal inMemory() {
        return new RotationJournal() {
            private Rotations rotations = Rotations.NONE;

            @Override
            public synchronized Rotations load() {
                return rotations;
            }

            @Override
            public synchronized void save(Rotations next) {
                rotations = next;
            }
        };
    }
}
