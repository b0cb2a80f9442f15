package io.parkgate.central.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A SQLite database as the migration runner before Flyway made it (its code, kept here for the tests): the
 * scripts applied in order, split at a semicolon ending a line, and recorded in {@code schema_version}.
 */
final class LegacySchema {

    /** The scripts and where they live now (the names, and so their numbers, are unchanged). */
    static final List<String> SCRIPTS = List.of("sqlite/V001__core.sql", "sqlite/V002__registry.sql",
            "sqlite/V003__passages.sql", "sqlite/V004__exceptions_shifts.sql", "sqlite/V005__lane_notes.sql",
            "common/V006__shift_names.sql", "common/V007__accounts.sql", "sqlite/V008__quarantine.sql",
            "sqlite/V009__store_identity.sql", "common/V010__receipts_partial.sql");

    private LegacySchema() {
    }

    /** Creates the database file at {@code version} (1..10) the way the old runner did. */
    static void create(java.nio.file.Path file, int version) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script TEXT NOT "
                        + "NULL,"
                        + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
            }
            for (int i = 0; i < version; i++) {
                String path = SCRIPTS.get(i);
                String sql = read("db/migration/" + path);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String stmt : sql.split(";\\s*\\n")) {
                        String body = stripComments(stmt);
                        if (!body.isBlank()) {
                            s.execute(body);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_version(version, script) VALUES (?,?)")) {
                        ps.setInt(1, i + 1);
                        ps.setString(2, path.substring(path.indexOf('/') + 1));
                        ps.executeUpdate();
                    }
                    c.commit();
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private static String stripComments(String stmt) {
        StringBuilder b = new StringBuilder();
        for (String line : stmt.split("\n")) {
            if (!line.strip().startsWith("--")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = LegacySchema.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
