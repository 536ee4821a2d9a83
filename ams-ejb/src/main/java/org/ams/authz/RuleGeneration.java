package org.ams.authz;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A counter every rule change increments in its own transaction. Each decision reads it (one primary-key row) and
 * rebuilds its in-memory snapshot when it moved, so a change made on any server of a cluster counts on every other
 * one from the next decision on, and none keeps stale rules. The update also serializes concurrent rule changes.
 */
@Entity
@Table(name = "authorization_rule_generation")
@NamedQuery(name = RuleGeneration.CURRENT, query = "SELECT g.generation FROM RuleGeneration g WHERE g.id = 1")
@NamedQuery(name = RuleGeneration.ADVANCE, query = "UPDATE RuleGeneration g SET g.generation = g.generation + 1 "
        + "WHERE g.id = 1")
class RuleGeneration {

    static final String CURRENT = "RuleGeneration.current";
    static final String ADVANCE = "RuleGeneration.advance";

    @Id
    private int id;

    @Column(nullable = false)
    private long generation;

    protected RuleGeneration() {
    }
}
