package io.parkgate.central.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings central's schema up to date with Flyway, from the numbered scripts {@code V<nnn>__<name>.sql} under
 * {@code db/migration/common} (one script for both databases) and {@code db/migration/<vendor>} (a script
 * whose SQL differs between SQLite and PostgreSQL, written once per vendor with the same number).
 *
 * <p>Databases made before Flyway recorded their scripts in {@code schema_version} (numbers 1..10 are the
 * same scripts): such a database is baselined at its recorded version and only the later scripts run.
 */
final class SchemaMigrations {

    /** The table the runner before Flyway kept. */
    static final String LEGACY_TABLE = "schema_version";
    static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {
    }

    /**
     * Migrates the target's schema. {@code c} is central's own connection, used only to look at what is there;
     * Flyway works on a connection of its own.
     */
    static MigrateResult apply(DatabaseTarget target, Connection c) throws SQLException {
        var config = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .locations("classpath:db/migration/common", "classpath:db/migration/" + target.dialect().vendor())
                .table(HISTORY_TABLE)
                .validateMigrationNaming(true);
        config = target instanceof DatabaseTarget.Postgres p ? config.dataSource(p.jdbcUrl(), p.user(), p.password())
                : config.dataSource(target.jdbcUrl(), null, null);
        Integer legacy = legacyVersion(c);
        if (legacy != null) {
            LOG.info("database made before Flyway at schema version {}: baselining it there", legacy);
            config = config.baselineOnMigrate(true).baselineVersion(String.valueOf(legacy))
                    .baselineDescription(LEGACY_TABLE + " " + legacy);
        }
        MigrateResult r = config.load().migrate();
        if (r.migrationsExecuted > 0) {
            LOG.info("database migrated from {} to {} ({} scripts)", r.initialSchemaVersion, r.targetSchemaVersion,
                    r.migrationsExecuted);
        }
        return r;
    }

    /** The version the runner before Flyway recorded, or null when Flyway keeps the history (or nothing does). */
    private static Integer legacyVersion(Connection c) throws SQLException {
        if (!hasTable(c, LEGACY_TABLE) || hasTable(c, HISTORY_TABLE)) {
            return null;
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT max(version) FROM " + LEGACY_TABLE)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
            return rs.next();
        }
    }
}
