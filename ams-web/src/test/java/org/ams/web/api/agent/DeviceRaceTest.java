package org.ams.web.api.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJBException;
import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DeviceRaceTest {

    private static EJBException lostRace() {
        EJBTransactionRolledbackException rolledBack = new EJBTransactionRolledbackException("rolled back");
        rolledBack.initCause(new PersistenceException(new OptimisticLockException("the device changed")));
        return rolledBack;
    }

    @Test
    @DisplayName("A call that lost the race for its device is made again and answers as the next attempt does")
    void lostRaceIsRetried() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = DeviceRace.retried(() -> {
            if (attempts.incrementAndGet() < DeviceRace.ATTEMPTS) {
                throw lostRace();
            }
            return "checked in";
        });
        assertEquals("checked in", answer);
        assertEquals(DeviceRace.ATTEMPTS, attempts.get());
    }

    @Test
    @DisplayName("After the last attempt the race is the caller's to answer")
    void givesUpAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        EJBException last = lostRace();
        EJBException thrown = assertThrows(EJBException.class, () -> DeviceRace.retried(() -> {
            attempts.incrementAndGet();
            throw last;
        }));
        assertSame(last, thrown);
        assertEquals(DeviceRace.ATTEMPTS, attempts.get());
    }

    @Test
    @DisplayName("Any other failure is not retried")
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(EJBException.class, () -> DeviceRace.retried(() -> {
            attempts.incrementAndGet();
            throw new EJBException(new IllegalStateException("a defect"));
        }));
        assertEquals(1, attempts.get());
        assertThrows(IllegalArgumentException.class, () -> DeviceRace.retried(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("a refusal");
        }));
        assertEquals(2, attempts.get());
    }
}
