package io.parkgate.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One JDBC connection with its prepared statements cached by SQL text, so a hot write (a passage,
 * a stay) costs a bind and a step, not a parse. Used by one thread at a time (the caller holds the
 * connection's lock).
 */
final class Session implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Session(Connection connection) {
        this.connection = connection;
    }

    /** A cached statement; callers set every parameter and close the result sets they open. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Runs a statement once, uncached (DDL, pragmas). */
    void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    void begin(boolean immediate) throws SQLException {
        prepare(immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED").execute();
    }

    void commit() throws SQLException {
        prepare("COMMIT").execute();
    }

    /** Rolls back the open transaction; a failed BEGIN leaves none, which SQLite reports and we ignore. */
    void rollback() throws SQLException {
        try {
            prepare("ROLLBACK").execute();
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                throw e;
            }
        }
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
