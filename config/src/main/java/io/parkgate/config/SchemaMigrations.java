package io.parkgate.config;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every parkgate database (central's, a lane's store, a lane's outbox) is brought up to date the same way:
 * Flyway applies the numbered scripts {@code V<n>__<name>.sql} found in the given locations, each once, in
 * order, in its own transaction, recorded in {@code flyway_schema_history}. Flyway refuses to go on when a
 * script changed after it was applied, a lower-numbered script was never applied, a script fails, or the
 * database was written by a newer version (it has scripts this one does not know).
 *
 * <p>Databases made before Flyway recorded their scripts in a table {@code schema_version} (column
 * {@code version}), with the same numbers: such a database is baselined at its recorded version and only
 * later scripts run. One whose tables exist with no record at all (the outbox made its tables inline) is
 * baselined at {@code unrecordedBaseline}.
 */
public final class SchemaMigrations {

    /** The table the runners before Flyway kept. */
    public static final String LEGACY_TABLE = "schema_version";
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /**
     * Where the database is and where its scripts are.
     *
     * @param name               the database as messages name it (a file, a URL without password)
     * @param jdbcUrl            what Flyway connects to (it uses a connection of its own)
     * @param user               null for SQLite
     * @param password           null for SQLite
     * @param locations          Flyway locations, e.g. {@code classpath:db/agent} or {@code filesystem:/dir}
     * @param unrecordedBaseline the version of a database with tables but no history at all; 0 = none such
     * @param placeholders       values for {@code ${name}} in the scripts (e.g. the site rows made before belong to)
     */
    public record Target(String name, String jdbcUrl, String user, String password, List<String> locations,
                         int unrecordedBaseline, java.util.Map<String, String> placeholders) {
        public Target {
            locations = List.copyOf(locations);
            placeholders = java.util.Map.copyOf(placeholders);
        }

        /** A target whose scripts use no placeholders. */
        public Target(String name, String jdbcUrl, String user, String password, List<String> locations,
                      int unrecordedBaseline) {
            this(name, jdbcUrl, user, password, locations, unrecordedBaseline, java.util.Map.of());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private SchemaMigrations() {
    }

    /**
     * Migrates the database's schema.
     *
     * @param probe a connection of the caller's to the same database, idle, used only to look at what is there
     * @return the schema version after migrating (0 when there are no scripts)
     * @throws IllegalStateException naming the database and what Flyway refused
     */
    public static int migrate(Target t, Connection probe) throws SQLException {
        var config = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(t.jdbcUrl(), t.user(), t.password())
                .locations(t.locations().toArray(String[]::new))
                .table(HISTORY_TABLE)
                .placeholders(t.placeholders())
                .validateMigrationNaming(true)
                // A database from a newer version is refused (Flyway's default would skip its unknown scripts).
                .ignoreMigrationPatterns(new String[0]);
        Integer baseline = baseline(t, probe);
        if (baseline != null) {
            LOG.info("{}: made before Flyway at schema version {}: baselining it there", t.name(), baseline);
            config = config.baselineOnMigrate(true).baselineVersion(String.valueOf(baseline))
                    .baselineDescription(LEGACY_TABLE + " " + baseline);
        }
        try {
            MigrateResult r = config.load().migrate();
            if (r.migrationsExecuted > 0) {
                LOG.info("{}: schema migrated from {} to {} ({} scripts)", t.name(),
                        r.initialSchemaVersion == null ? "nothing" : r.initialSchemaVersion, r.targetSchemaVersion,
                        r.migrationsExecuted);
            }
            String version = r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion;
            return version == null ? 0 : Integer.parseInt(version);
        } catch (FlywayException e) {
            throw new IllegalStateException(t.name() + ": schema migration refused: " + e.getMessage(), e);
        }
    }

    /** The version to baseline a database made before Flyway at, or null when Flyway keeps its history or it is new. */
    private static Integer baseline(Target t, Connection c) throws SQLException {
        if (hasTable(c, HISTORY_TABLE)) {
            return null;
        }
        if (hasTable(c, LEGACY_TABLE)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT max(version) FROM " + LEGACY_TABLE)) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
        if (t.unrecordedBaseline() > 0 && hasAnyTable(c)) {
            return t.unrecordedBaseline();
        }
        return null;
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    private static boolean hasAnyTable(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String schema = rs.getString("TABLE_SCHEM");
                if (schema == null || schema.equals("public") || schema.equals("main")) {
                    return true;
                }
            }
            return false;
        }
    }
}
