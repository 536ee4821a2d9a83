package org.ams.audit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ams.platform.DatabaseMigration;

/**
 * After an upgrade, hashes the audit records written before the log was a hash chain, once the migrations are done,
 * so that the first action or verification after the upgrade does not have to. When the database is not ready at
 * start-up, the first append or verification does it instead (see {@link AuditChain}).
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnchainedRecordsAtStartup {

    private static final Logger LOG = Logger.getLogger(UnchainedRecordsAtStartup.class.getName());

    @EJB
    private DatabaseMigration migration;

    @EJB
    private AuditChain chain;

    @PostConstruct
    void chainOlderRecords() {
        if (!migration.state().ready()) {
            return;
        }
        try {
            chain.chainUnchainedRecords(); // logs when it refuses
        } catch (RuntimeException e) {
            // Not fatal: the first append or verification chains them, under the same lock.
            LOG.log(Level.WARNING, "Could not chain the audit records written before the hash chain existed; "
                    + "the first audited action will do it", e);
        }
    }
}
