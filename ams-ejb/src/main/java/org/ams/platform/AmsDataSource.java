package org.ams.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The data source the application server pools for AMS. It reads {@link AmsSettings} when the pool first asks for a
 * connection and delegates to the driver the URL names, so that one build runs on the embedded H2 file database or on
 * PostgreSQL with nothing but configuration, and both drivers travel inside the application.
 */
public class AmsDataSource implements DataSource {

    /** Seconds to wait for the database server before reporting it unreachable. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private volatile DataSource delegate;
    private PrintWriter logWriter;
    private int loginTimeout;

    @Override
    public Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    /** The pool may pass its own credentials; AMS's configuration is the one source of truth for them. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private DataSource delegate() {
        DataSource current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = create(AmsSettings.current());
                }
                current = delegate;
            }
        }
        return current;
    }

    static DataSource create(AmsSettings settings) {
        String url = settings.databaseUrl();
        switch (DatabaseKind.of(url)) {
            case POSTGRESQL:
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setURL(url);
                postgres.setUser(settings.databaseUser());
                postgres.setPassword(settings.databasePassword());
                postgres.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
                postgres.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
                postgres.setApplicationName("AMS");
                return postgres;
            case H2:
            default:
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(url);
                h2.setUser(settings.databaseUser());
                h2.setPassword(settings.databasePassword());
                return h2;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("AMS data source logs through its drivers");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
