package org.ams.it.upgrade;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Plain JDBC as the fixture needs it: a row written column by column, the same statement text on H2 (PostgreSQL
 * mode) and PostgreSQL. Values bind as their Java types (UUID, OffsetDateTime, byte[], Boolean ...), which both
 * drivers map to the columns the migrations declare; {@code null} binds as an untyped NULL.
 */
final class Rows {

    private final Connection connection;

    Rows(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    /** Inserts one row; {@code columnsAndValues} alternates column names and values. */
    void insert(String table, Object... columnsAndValues) throws SQLException {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("columns and values come in pairs");
        }
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            columns.add((String) columnsAndValues[i]);
            marks.add("?");
            values.add(columnsAndValues[i + 1]);
        }
        update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ")", values.toArray());
    }

    /** Runs one statement with parameters; returns the number of rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** The first column of every row. */
    <T> List<T> column(String sql, Class<T> type, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> found = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getObject(1, type));
                }
            }
            return found;
        }
    }

    <T> T single(String sql, Class<T> type, Object... parameters) throws SQLException {
        List<T> found = column(sql, type, parameters);
        if (found.size() != 1) {
            throw new IllegalStateException(sql + " gave " + found.size() + " rows instead of one");
        }
        return found.get(0);
    }

    /** The bytes of the first column of the one row the query finds. */
    byte[] bytes(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException(sql + " found no row");
                }
                return rows.getBytes(1);
            }
        }
    }

    private static void bind(PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof byte[] bytes) {
                statement.setBytes(i + 1, bytes);
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
