package org.ams.web.api.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.ams.platform.DatabaseMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DatabaseOutageTest {

    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger(DatabaseOutage.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private boolean reachable;
    private int probes;
    private DatabaseOutage outage;

    @BeforeEach
    void listen() {
        log.addHandler(capture);
        outage = new DatabaseOutage(new DatabaseMigration() {
            @Override
            public boolean reachable() {
                probes++;
                return reachable;
            }
        });
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    @DisplayName("An outage is logged once when it begins and once when an answer succeeds again, not per request")
    void oneLinePerOutage() {
        reachable = false;
        for (int i = 0; i < 50; i++) {
            assertTrue(outage.explains(failure()));
        }
        outage.answered();
        outage.answered();

        assertEquals(2, logged.size(), logged.toString());
        LogRecord began = logged.get(0);
        assertEquals(Level.WARNING, began.getLevel());
        assertTrue(began.getMessage().contains("database \"ams\" is not currently accepting connections"),
                began.getMessage());
        assertTrue(began.getMessage().contains("Retry-After: 5"), began.getMessage());
        assertFalse(began.getMessage().contains("\n"), "one line");
        assertEquals(null, began.getThrown(), "no stack trace");
        assertEquals(Level.INFO, logged.get(1).getLevel());
        assertTrue(logged.get(1).getMessage().contains("50 request(s) were answered 503"), logged.get(1).getMessage());
    }

    @Test
    @DisplayName("A failure while the database answers is a defect: not explained, nothing logged here")
    void failureWithTheDatabaseUpIsNoOutage() {
        reachable = true;

        assertFalse(outage.explains(failure()));
        outage.answered();

        assertTrue(logged.isEmpty(), logged.toString());
    }

    @Test
    @DisplayName("Once an outage is known, requests are turned away before any service, the database asked at most "
            + "once a second; when it answers, requests go ahead")
    void requestsDuringAnOutage() throws Exception {
        reachable = true;
        assertFalse(outage.continuing(), "no outage, no question to the database");
        assertEquals(0, probes);

        reachable = false;
        outage.explains(failure());
        probes = 0;
        for (int i = 0; i < 100; i++) {
            assertTrue(outage.continuing());
        }
        assertTrue(probes <= 1, probes + " questions to the database");

        Thread.sleep(DatabaseOutage.PROBE_INTERVAL.toMillis() + 50);
        reachable = true;
        assertFalse(outage.continuing(), "the database answers: the request goes ahead");
        outage.answered();
        assertTrue(logged.get(logged.size() - 1).getMessage().contains("101 request(s) were answered 503"),
                logged.get(logged.size() - 1).getMessage());
    }

    @Test
    @DisplayName("A second outage is logged again")
    void everyOutageIsLogged() {
        reachable = false;
        outage.explains(failure());
        outage.answered();
        outage.explains(failure());

        assertEquals(3, logged.size(), logged.toString());
        assertEquals(Level.WARNING, logged.get(2).getLevel());
    }

    private static RuntimeException failure() {
        return new RuntimeException("EJB failed", new IllegalStateException("JPA failed",
                new SQLException("FATAL: database \"ams\" is not currently accepting connections\n  detail", "55000")));
    }
}
