package io.parkgate.config;

/**
 * Central's records on a PostgreSQL server instead of its own SQLite file (the site file's
 * {@code central.database}). The password is not here: it is a secret, read from central's secrets file
 * ({@link #PASSWORD_KEY}) or the environment ({@link #PASSWORD_ENV}).
 *
 * @param url  the JDBC URL, {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?parameters]}
 * @param user the database user central logs in as (it owns central's tables)
 */
public record CentralDatabase(String url, String user) {

    public static final String PASSWORD_KEY = "central.database.password";
    public static final String PASSWORD_ENV = "PARKGATE_DATABASE_PASSWORD";
}
