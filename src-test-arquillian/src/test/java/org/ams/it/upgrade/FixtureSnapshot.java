package org.ams.it.upgrade;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every application table's row count and a digest of its contents (rows sorted, every column), so that the state
 * before a migration can be compared with the state after it: a migration that drops, adds or changes a single
 * value in any row shows as a different digest. Flyway's own history table is left out.
 */
record FixtureSnapshot(Map<String, Table> tables) {

    record Table(long rows, String digest) {
    }

    static FixtureSnapshot of(Connection connection) throws SQLException {
        Map<String, Table> tables = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (ResultSet found = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (found.next()) {
                String schema = found.getString("TABLE_SCHEM");
                String name = found.getString("TABLE_NAME");
                if ("public".equalsIgnoreCase(schema) && !name.equalsIgnoreCase("flyway_schema_history")) {
                    names.add(name);
                }
            }
        }
        for (String name : names) {
            tables.put(name.toLowerCase(java.util.Locale.ROOT), table(connection, name));
        }
        return new FixtureSnapshot(tables);
    }

    /** The tables whose rows differ from {@code later}'s, or that only one of the two has. */
    List<String> differencesFrom(FixtureSnapshot later) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Table> table : tables.entrySet()) {
            Table after = later.tables.get(table.getKey());
            if (after == null) {
                differences.add(table.getKey() + " is gone");
            } else if (!after.equals(table.getValue())) {
                differences.add(table.getKey() + ": " + table.getValue().rows() + " rows before, " + after.rows()
                        + " after" + (after.rows() == table.getValue().rows() ? ", contents changed" : ""));
            }
        }
        return differences;
    }

    long totalRows() {
        return tables.values().stream().mapToLong(Table::rows).sum();
    }

    private static Table table(Connection connection, String name) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT * FROM " + name)) {
            ResultSetMetaData columns = found.getMetaData();
            while (found.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    Object value = found.getObject(i);
                    String text = value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value);
                    row.append(columns.getColumnName(i).toLowerCase(java.util.Locale.ROOT)).append('=')
                            .append(text.length()).append(':').append(text).append(';');
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            rows.forEach(row -> digest.update(row.getBytes(StandardCharsets.UTF_8)));
            return new Table(rows.size(), HexFormat.of().formatHex(digest.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
