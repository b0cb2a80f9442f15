package io.parkgate.central.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 8: central's database (lane secrets, owners' personal data) and an agent's outbox are
 * readable by their owner only: files 0600, directories 0700, from creation on, WAL files included.
 */
@ExtendWith(VertxExtension.class)
class FilePermissionsIT {

    @TempDir
    Path dir;

    @Test
    void databasesAreOwnerOnly(Vertx vertx) throws Exception {
        Path centralDir = dir.resolve("data").resolve("central");
        Path agentDir = dir.resolve("data").resolve("agent");
        try (CentralFixture f = new CentralFixture(vertx, centralDir, CentralFixture.sqliteFile());
             TestAgent a = f.agent(CentralFixture.IN, agentDir)) {
            f.user("wang", "ATTENDANT");
            assertEquals("rwx------", mode(centralDir));
            assertEquals("rwx------", mode(agentDir));
            for (Path d : new Path[] {centralDir, agentDir}) {
                try (Stream<Path> files = Files.list(d)) {
                    for (Path p : files.filter(p -> p.getFileName().toString().contains(".db")).toList()) {
                        assertEquals("rw-------", mode(p), p.toString());
                    }
                }
            }
            assertTrue(Files.exists(centralDir.resolve("central.db-wal")), "WAL file checked too");
        }
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
