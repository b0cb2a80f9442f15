package io.parkgate.central.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.ops.LaneCredentials;
import io.parkgate.config.CentralDatabase;
import io.parkgate.config.SecretsException;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central on PostgreSQL as the service configures it: the site file names the database and its user, the
 * password comes from the secrets file or the environment, and central keeps its records there.
 */
@ExtendWith(VertxExtension.class)
class SiteDatabaseTest {

    @TempDir
    Path dir;

    /** Verifies that a site file naming a PostgreSQL database starts central on it, with the secrets file's password.
     * */
    @Test
    void siteFileNamesThePostgresqlDatabaseAndTheSecretsFileItsPassword(Vertx vertx) throws Exception {
        DatabaseTarget.Postgres pg = TestPostgres.newDatabase();
        SiteConfig site = site(pg.jdbcUrl(), pg.user());
        CentralConfig cfg = CentralConfig.fromSite(site, dir.resolve("data"), secrets(Map.of(
                CentralDatabase.PASSWORD_KEY, pg.password())), "boss", "central").withPorts(0, 0);
        DatabaseTarget.Postgres target = assertInstanceOf(DatabaseTarget.Postgres.class, cfg.database());
        assertEquals(pg, target);
        assertFalse(cfg.toString().contains(pg.password()), cfg.toString());

        Central.start(vertx, cfg, Clock.systemUTC()).close();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM lanes")) {
            rs.next();
            assertEquals(site.lanes().size(), rs.getInt(1), "central provisioned the site's lanes in PostgreSQL");
        }
        assertFalse(Files.exists(dir.resolve("data/central.db")), "no SQLite file beside it");
    }

    /** Verifies that the password may come from the environment, and that without one the error names both places. */
    @Test
    void passwordFromTheEnvironmentOrAClearError() throws Exception {
        SiteConfig site = site("jdbc:postgresql://db.example:5432/parkgate", "parkgate");
        Path file = secretsFile(Map.of());
        CentralConfig cfg = CentralConfig.fromSite(site, dir, SecretsFile.load(file,
                env -> CentralDatabase.PASSWORD_ENV.equals(env) ? "from-the-environment" : null), "boss", "central");
        assertEquals("from-the-environment", ((DatabaseTarget.Postgres) cfg.database()).password());

        SecretsException e = assertThrows(SecretsException.class, () -> CentralConfig.fromSite(site, dir,
                SecretsFile.load(file, env -> null), "boss", "central"));
        assertTrue(e.getMessage().contains(CentralDatabase.PASSWORD_KEY) && e.getMessage()
                .contains(CentralDatabase.PASSWORD_ENV) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    /** The two-lane example site with a {@code central.database} section. */
    private SiteConfig site(String url, String user) throws Exception {
        String text = Files.readString(Path.of("../config/examples/compound-2-lanes.yaml"));
        text = text.replaceFirst("(?m)^central:\\n", "central:\n  database:\n    url: " + url + "\n    user: " + user
                + "\n");
        Path file = dir.resolve("site.yaml");
        Files.writeString(file, text);
        SiteConfig site = SiteConfigLoader.load(file);
        assertEquals(new CentralDatabase(url, user), site.central().database());
        return site;
    }

    private SecretsFile secrets(Map<String, String> extra) throws Exception {
        return SecretsFile.load(secretsFile(extra), env -> null);
    }

    /** Every lane's secrets and the first manager's password, plus {@code extra}, in a file only we may read. */
    private Path secretsFile(Map<String, String> extra) throws Exception {
        StringBuilder b = new StringBuilder();
        SiteConfig plain = SiteConfigLoader.load(Path.of("../config/examples/compound-2-lanes.yaml"));
        plain.lanes().forEach(l -> b.append(LaneCredentials.laneMqttPassword(l.id())).append("=pw-").append(l.id())
                .append("-0123456789\n").append(LaneCredentials.laneCommandSecret(l.id())).append("=secret-")
                .append(l.id()).append("-0123456789\n"));
        b.append(LaneCredentials.MANAGER_PASSWORD).append("=boss-password-1\n");
        extra.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        Path file = Files.createTempFile(dir, "secrets", ".properties",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, b);
        return file;
    }
}
