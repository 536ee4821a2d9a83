package org.ams.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the schema up to date before anything else uses the database, makes sure the master key is the one the
 * database's sealed values were sealed with ({@link MasterKeyCheck}), then announces it ({@link DatabaseMigrated}),
 * so that, for example, the identity component makes sure an administrator exists, without the platform depending on
 * it.
 * <p>
 * A database that is down at start-up is not fatal: the server stays up, reports "not ready" with a one-line reason,
 * and tries again every {@value #RETRY_SECONDS} seconds, because in real deployments the database often starts after
 * the application server.
 * <p>
 * Bean-managed transactions: Flyway commits each migration itself, which a container transaction would forbid.
 */
@DataSourceDefinition(
        name = DatabaseMigration.DATA_SOURCE,
        className = "org.ams.platform.AmsDataSource",
        initialPoolSize = 0,
        minPoolSize = 0,
        maxPoolSize = DatabaseMigration.MAX_POOL_SIZE,
        properties = {
                // A property of the class itself (a String setter), which every server sets: WildFly refuses a data
                // source class given none of its own properties, and skips the Payara pool settings below.
                "applicationName=" + AmsDataSource.APPLICATION_NAME,
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.fail-all-connections=true"
        })
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
// Any caller: the health probes ask without signing in, and the start-up jobs wait for it without a caller.
@PermitAll
public class DatabaseMigration {

    public static final String DATA_SOURCE = "java:app/jdbc/ams";
    /** The most physical connections the pool of {@link #DATA_SOURCE} opens; the metrics publish it. */
    public static final int MAX_POOL_SIZE = 32;
    static final int RETRY_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = DATA_SOURCE)
    private DataSource dataSource;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private Event<DatabaseMigrated> migrated;

    private volatile DatabaseState state = new DatabaseState(DatabaseState.Phase.STARTING, "starting");
    private volatile ScheduledFuture<?> retry;
    private String url;

    @PostConstruct
    void start() {
        AmsSettings settings = AmsSettings.current();
        url = settings.databaseUrl();
        LOG.info(() -> "AMS data directory: " + settings.dataDirectory() + "; database: "
                + DatabaseKind.of(url) + " " + DatabaseProblem.redact(url));
        if (!attempt()) {
            retry = scheduler.scheduleWithFixedDelay(this::retry, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> pending = retry;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    public DatabaseState state() {
        return state;
    }

    /** Whether the database answers right now; the readiness check asks this on every probe. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void retry() {
        if (attempt()) {
            retry.cancel(false);
        }
    }

    private synchronized boolean attempt() {
        if (state.ready()) {
            return true;
        }
        try {
            Migrations.of(url)
                    .dataSource(dataSource)
                    .load()
                    .migrate();
            checkMasterKey();
            migrated.fire(new DatabaseMigrated());
            state = new DatabaseState(DatabaseState.Phase.READY, "migrations done");
            LOG.info("AMS database is ready.");
            return true;
        } catch (MasterKey.MasterKeyException e) {
            // Not the database's fault: the sentence says which key file or setting to restore. The server stays
            // unready (and retries, so a restored key takes effect without a restart); nothing is sealed or opened.
            return unavailable(e.getMessage(), e);
        } catch (RuntimeException e) {
            return unavailable(DatabaseProblem.describe(e, url), e);
        }
    }

    /** Before anything is sealed or opened: the master key must be the database's (see {@link MasterKeyCheck}). */
    private void checkMasterKey() {
        try (Connection connection = dataSource.getConnection()) {
            new MasterKeyCheck(AmsSettings.current()).atStart(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean unavailable(String reason, RuntimeException e) {
        boolean firstReport = !reason.equals(state.detail());
        state = new DatabaseState(DatabaseState.Phase.UNAVAILABLE, reason);
        if (firstReport) {
            LOG.severe(reason + " Retrying every " + RETRY_SECONDS + " s; /health/ready answers 503 until then.");
            LOG.log(Level.FINE, "Database start-up failure", e);
        }
        return false;
    }
}
