package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.it.CentralFixture;
import io.vertx.core.Vertx;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4 (central's side): central refuses to start on a database it cannot write or one that
 * fails SQLite's integrity check, instead of answering 500 to every login or serving damaged pages.
 */
class StoreChecksIT {

    @TempDir
    Path dir;

    @Test
    void aDamagedDatabaseIsRefusedAtStart() throws Exception {
        Path data = dir.resolve("central");
        try (CentralFixture f = new CentralFixture(data)) {
            // enough rows to fill several pages
            for (int i = 0; i < 40; i++) {
                f.user("user" + i, "ATTENDANT");
            }
        }
        Path db = data.resolve("central.db");
        long size = Files.size(db);
        assertTrue(size > 8 * 4096, "database of " + size + " bytes");
        try (RandomAccessFile raf = new RandomAccessFile(db.toFile(), "rw")) {
            byte[] junk = new byte[4096];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            // past the first pages (header, schema): a table or index page
            raf.seek(size / 2 / 4096 * 4096);
            raf.write(junk);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(data));
        assertTrue(e.getMessage().contains("integrity") || e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void aReadOnlyDatabaseIsRefusedAtStart() throws Exception {
        Path data = dir.resolve("central");
        new CentralFixture(data).close();
        Path db = data.resolve("central.db");
        // root ignores file modes: make the file immutable instead (ext4 and most Linux file systems)
        Process p = new ProcessBuilder("chattr", "+i", db.toString()).redirectErrorStream(true).start();
        Assumptions.assumeTrue(p.waitFor() == 0, "chattr +i not available here");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(data));
            assertTrue(e.getMessage().contains("read-only") || e.getMessage().contains("readonly"), e.getMessage());
        } finally {
            new ProcessBuilder("chattr", "-i", db.toString()).start().waitFor();
        }
    }

    private static void start(Path data) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            Central c = Central.start(vertx, io.parkgate.central.CentralConfig.defaults(CentralFixture.SITE, data,
                    java.util.List.of(), null), Clock.systemUTC());
            c.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
