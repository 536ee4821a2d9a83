package org.ams.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatabaseKindTest {

    @Test
    void recognisesTheSupportedDatabases() {
        assertEquals(DatabaseKind.POSTGRESQL, DatabaseKind.of("jdbc:postgresql://127.0.0.1:5432/ams"));
        assertEquals(DatabaseKind.H2, DatabaseKind.of("jdbc:h2:file:/var/lib/ams/db/ams"));
    }

    @Test
    void refusesOtherDatabasesWithAnExplanation() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DatabaseKind.of("jdbc:mysql://localhost/ams"));

        assertTrue(refused.getMessage().contains("H2 (jdbc:h2:...) and PostgreSQL"), refused.getMessage());
    }
}
