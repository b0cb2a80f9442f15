package io.parkgate.central.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the numbered scripts {@code db/V<nnn>__<name>.sql} from the classpath, each once and in
 * order, recording them in {@code schema_version}. Statements end with a semicolon at the end of a
 * line (trigger bodies keep theirs inside the line).
 */
public final class Migrations {

    /** The scripts in order; a new script is appended here and never edited after release. */
    static final List<String> SCRIPTS = List.of("V001__core.sql", "V002__registry.sql", "V003__passages.sql",
            "V004__exceptions_shifts.sql", "V005__lane_notes.sql", "V006__shift_names.sql", "V007__accounts.sql",
            "V008__quarantine.sql", "V009__store_identity.sql", "V010__receipts_partial.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void apply(Connection c) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, script TEXT NOT NULL,"
                    + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        }
        int current = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
            if (rs.next()) {
                current = rs.getInt(1);
            }
        }
        for (int i = current; i < SCRIPTS.size(); i++) {
            String name = SCRIPTS.get(i);
            String sql = read("db/" + name);
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
                    ps.setString(2, name);
                    ps.executeUpdate();
                }
                c.commit();
                LOG.info("database migrated to {} ({})", i + 1, name);
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException("migration " + name + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
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
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("migration script " + resource + " not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
