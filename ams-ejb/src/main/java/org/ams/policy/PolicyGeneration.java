package org.ams.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A value per platform that every policy change replaces, under a row lock. The lock serialises changes to the
 * ordered list (two administrators moving policies at once cannot leave two at one place); the value tells every
 * server whether the policies it compiled are still current.
 */
@Entity
@Table(name = "agent_policy_generation")
public class PolicyGeneration {

    @Id
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Platform platform;

    @Column(nullable = false)
    private long generation;

    protected PolicyGeneration() {
    }

    /**
     * A new random value rather than the next number: a change that rolls back must never leave a server holding
     * policies compiled from it under a value that a later, committed change could take again.
     */
    void advance() {
        long next;
        do {
            next = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (next == generation);
        generation = next;
    }

    public long getGeneration() {
        return generation;
    }
}
