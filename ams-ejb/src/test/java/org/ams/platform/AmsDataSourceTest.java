package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The count of physical connections below the pool, which {@code ams_database_connections_open} publishes. */
class AmsDataSourceTest {

    private final AmsDataSource dataSource = new AmsDataSource(AmsSettings.of(
            Map.of(AmsSettings.DB_URL, "jdbc:h2:mem:ams-data-source-test;DB_CLOSE_DELAY=-1"), Map.of()));

    @Test
    @DisplayName("Each connection opened counts until it is closed; closing it twice counts once")
    void countsOpenConnections() throws SQLException {
        int before = AmsDataSource.openConnections();

        Connection first = dataSource.getConnection();
        Connection second = dataSource.getConnection();
        assertEquals(before + 2, AmsDataSource.openConnections());

        first.close();
        first.close();
        assertEquals(before + 1, AmsDataSource.openConnections(), "the second close is a no-op, as JDBC says");
        assertTrue(first.isClosed());

        second.close();
        assertEquals(before, AmsDataSource.openConnections());
    }

    @Test
    @DisplayName("A connection that fails to open is not counted")
    void aFailedOpenIsNotCounted() {
        AmsDataSource unreachable = new AmsDataSource(AmsSettings.of(
                Map.of(AmsSettings.DB_URL, "jdbc:h2:mem:ams-data-source-test;NO_SUCH_SETTING=1"),
                Map.of()));
        int before = AmsDataSource.openConnections();

        assertThrows(SQLException.class, unreachable::getConnection);

        assertEquals(before, AmsDataSource.openConnections());
    }

    @Test
    @DisplayName("The counted connection works as the driver's, and unwrap reaches the driver's own connection")
    void behavesAsTheDriversConnection() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(connection.isWrapperFor(JdbcConnection.class));
            JdbcConnection physical = connection.unwrap(JdbcConnection.class);
            assertSame(physical, connection.unwrap(Connection.class));

            connection.setAutoCommit(false);
            assertFalse(physical.getAutoCommit(), "calls reach the driver's connection");
            try (Statement statement = connection.createStatement();
                 ResultSet answer = statement.executeQuery("SELECT 41 + 1")) {
                assertTrue(answer.next());
                assertEquals(42, answer.getInt(1));
            }
            connection.rollback();

            SQLException failure = assertThrows(SQLException.class,
                    () -> connection.prepareStatement("SELECT * FROM NO_SUCH_TABLE"));
            assertTrue(failure.getMessage().contains("NO_SUCH_TABLE"), "the driver's own exception: " + failure);

            assertEquals(connection, connection);
            assertEquals(connection.hashCode(), connection.hashCode());
            assertNotEquals(connection, physical, "the wrapper is not the driver's connection");
        }
    }
}
