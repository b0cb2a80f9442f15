package io.parkgate.central.db;

import java.nio.file.Path;
import java.util.Objects;

/** Which database central keeps its records in: a SQLite file (the default) or a PostgreSQL server. */
public sealed interface DatabaseTarget {

    Dialect dialect();

    /** The JDBC URL Flyway and central connect with. */
    String jdbcUrl();

    /** Central's own SQLite file, e.g. {@code <dataDir>/central.db}. */
    record Sqlite(Path file) implements DatabaseTarget {
        public Sqlite {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public Dialect dialect() {
            return Dialect.SQLITE;
        }

        @Override
        public String jdbcUrl() {
            return "jdbc:sqlite:" + file;
        }

        @Override
        public String toString() {
            return file.toString(); // as messages named the file before PostgreSQL was an option
        }
    }

    /**
     * A PostgreSQL database (created beforehand, owned by {@code user}); the password never prints.
     *
     * @param jdbcUrl e.g. {@code jdbc:postgresql://db.example:5432/parkgate}
     */
    record Postgres(String jdbcUrl, String user, String password) implements DatabaseTarget {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, was "
                        + jdbcUrl);
            }
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRESQL;
        }

        @Override
        public String toString() {
            return "PostgreSQL " + jdbcUrl + " as " + user;
        }
    }
}
