package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.it.CentralFixture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4 (central's side): central refuses to start on a database it cannot write or one that
 * fails SQLite's integrity check, instead of answering 500 to every login or serving damaged pages.
 */
@ExtendWith(VertxExtension.class)
class StoreChecksIT {

    @TempDir
    Path dir;

    @Test
    void aDamagedDatabaseIsRefusedAtStart(Vertx vertx) throws Exception {
        Path data = dir.resolve("central");
        try (CentralFixture f = new CentralFixture(vertx, data, CentralFixture.sqliteFile())) {
            JsonArray vehicles = new JsonArray();
            for (int i = 0; i < 3000; i++) {
                vehicles.add(new JsonObject().put("plate", String.format("粤B%05d", i)));
            }
            f.api.ok("PUT", "/api/registry", f.managerToken, new JsonObject().put("vehicles", vehicles));
        }
        Path db = data.resolve("central.db");
        // Damage the vehicles table's root page: nothing central reads while starting, so only a check notices.
        long page;
        long pageSize;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name='vehicles'")) {
                assertTrue(rs.next());
                page = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                rs.next();
                pageSize = rs.getLong(1);
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] junk = new byte[(int) pageSize];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            raf.seek((page - 1) * pageSize);
            raf.write(junk);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(vertx, data));
        assertTrue(e.getMessage().contains("integrity") || e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void aReadOnlyDatabaseIsRefusedAtStart(Vertx vertx) throws Exception {
        Path data = dir.resolve("central");
        new CentralFixture(vertx, data, CentralFixture.sqliteFile()).close();
        Path db = data.resolve("central.db");
        // root ignores file modes: make the file immutable instead (ext4 and most Linux file systems)
        Process p = new ProcessBuilder("chattr", "+i", db.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "chattr +i not available here");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(vertx, data));
            assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("readonly"), e.getMessage());
        } finally {
            new ProcessBuilder("chattr", "-i", db.toString()).start().waitFor();
        }
    }

    private static void start(Vertx vertx, Path data) throws Exception {
        Central.start(vertx, io.parkgate.central.CentralConfig.defaults(CentralFixture.SITE, data, java.util.List.of(),
                null), Clock.systemUTC()).close();
    }
}
