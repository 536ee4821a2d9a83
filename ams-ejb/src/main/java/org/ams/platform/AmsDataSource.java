package org.ams.platform;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The data source the application server pools for AMS. It reads {@link AmsSettings} when the pool first asks for a
 * connection and delegates to the driver the URL names, so that one build runs on the embedded H2 file database or on
 * PostgreSQL with nothing but configuration, and both drivers travel inside the application.
 * <p>
 * Sitting below the pool, it also sees every physical connection the pool opens and closes, and counts those still
 * open ({@link #openConnections()}): the one figure of the pool's use the application can have without the
 * application server's monitoring. How many of them are lent out at one instant only the pool knows.
 */
public class AmsDataSource implements DataSource {

    /** Seconds to wait for the database server before reporting it unreachable. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** The name AMS's connections give the database server (PostgreSQL's {@code application_name}). */
    static final String APPLICATION_NAME = "AMS";

    /** Static: the pool instantiates this class itself, and the metrics cannot reach its instance. */
    private static final AtomicInteger OPEN = new AtomicInteger();

    private volatile DataSource delegate;
    private String applicationName = APPLICATION_NAME;
    private PrintWriter logWriter;
    private int loginTimeout;

    public AmsDataSource() {
    }

    /** On the given settings rather than the current ones. */
    AmsDataSource(AmsSettings settings) {
        this.delegate = create(settings, APPLICATION_NAME);
    }

    /** Set by the application server from the data source definition's properties, before the first connection. */
    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    /**
     * The physical connections opened through this class in this server and not closed yet: the connections the pool
     * holds, busy or idle.
     */
    public static int openConnections() {
        return OPEN.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return Counted.counted(delegate().getConnection());
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
                    delegate = create(AmsSettings.current(), applicationName);
                }
                current = delegate;
            }
        }
        return current;
    }

    static DataSource create(AmsSettings settings, String applicationName) {
        String url = settings.databaseUrl();
        switch (DatabaseKind.of(url)) {
            case POSTGRESQL:
                PGSimpleDataSource postgres = new PGSimpleDataSource();
                postgres.setURL(url);
                postgres.setUser(settings.databaseUser());
                postgres.setPassword(settings.databasePassword());
                postgres.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
                postgres.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
                postgres.setApplicationName(applicationName);
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

    /**
     * The driver's connection, unchanged but for counting its closing once, however often the pool closes it.
     * {@code unwrap} and {@code isWrapperFor} go to the driver's connection, so they still reach it and its own
     * interfaces; {@code equals} and {@code hashCode} are the wrapper's identity, as the pool keeps the wrapper.
     */
    private static final class Counted implements InvocationHandler {

        private final Connection physical;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Counted(Connection physical) {
            this.physical = physical;
        }

        static Connection counted(Connection physical) {
            Connection wrapper = (Connection) Proxy.newProxyInstance(AmsDataSource.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new Counted(physical));
            OPEN.incrementAndGet();
            return wrapper;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    default:
                        return physical.toString();
                }
            }
            boolean closing = method.getName().equals("close") && method.getParameterCount() == 0;
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                // Even when the driver's close fails: the pool gives the connection up either way.
                if (closing && closed.compareAndSet(false, true)) {
                    OPEN.decrementAndGet();
                }
            }
        }
    }
}
