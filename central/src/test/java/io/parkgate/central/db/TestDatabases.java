package io.parkgate.central.db;

import java.nio.file.Path;

/**
 * The database central's tests run on: SQLite files, or with {@code -Dparkgate.test.database=postgresql} fresh
 * databases on a throwaway PostgreSQL server ({@link TestPostgres}). The build runs the database-facing tests
 * both ways.
 */
public final class TestDatabases {

    public static final String PROPERTY = "parkgate.test.database";

    private TestDatabases() {
    }

    public static boolean postgres() {
        String v = System.getProperty(PROPERTY, "sqlite");
        return switch (v) {
            case "postgresql" -> true;
            case "sqlite", "" -> false;
            default -> throw new IllegalArgumentException(PROPERTY + " must be sqlite or postgresql, was " + v);
        };
    }

    /** Where a test's central keeps its records: {@code dir/name} as SQLite, or a new PostgreSQL database. */
    public static DatabaseTarget target(Path dir, String name) {
        return postgres() ? TestPostgres.newDatabase() : new DatabaseTarget.Sqlite(dir.resolve(name));
    }

    public static Database open(Path dir, String name) {
        return Database.open(target(dir, name));
    }
}
