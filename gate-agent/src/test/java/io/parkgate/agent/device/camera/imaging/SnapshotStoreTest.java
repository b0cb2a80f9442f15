package io.parkgate.agent.device.camera.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots on a real directory: named by the lane's local day, resolved safely, pruned after the retention. */
class SnapshotStoreTest {

    @TempDir
    Path dir;

    /** Verifies that a saved frame is filed under its local day, resolvable by name, and that foreign names resolve to
     * nothing. */
    @Test
    void savesUnderTheLocalDayAndResolvesOnlyItsOwnNames() throws Exception {
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-22T17:30:00Z"),
                java.time.ZoneId.of("Asia/Shanghai")); // 01:30 the next day in Shanghai
        SnapshotStore store = new SnapshotStore(dir, clock);
        String name = store.save(new byte[] {1, 2, 3}, clock.instant());
        assertTrue(name.startsWith("2026-11-23/") && name.endsWith(".jpg"), name);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(store.resolve(name).orElseThrow()));
        Files.writeString(dir.resolve("secret.txt"), "x");
        assertTrue(store.resolve("../secret.txt").isEmpty());
        assertTrue(store.resolve("2026-11-23/../../secret.txt").isEmpty());
        assertTrue(store.resolve("2026-11-23/00000000-0000-0000-0000-000000000000.jpg").isEmpty());
        assertTrue(store.resolve(null).isEmpty());
    }

    /** Verifies that days older than the retention are deleted and younger ones kept. */
    @Test
    void prunesDaysOlderThanTheRetention() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T04:00:00Z"));
        SnapshotStore store = new SnapshotStore(dir, clock);
        String old = store.save(new byte[] {1}, clock.instant());
        clock.advance(Duration.ofDays(45));
        String young = store.save(new byte[] {2}, clock.instant());
        clock.advance(SnapshotStore.RETENTION.minus(Duration.ofDays(44)));
        assertEquals(1, store.prune());
        assertFalse(store.resolve(old).isPresent());
        assertTrue(store.resolve(young).isPresent());
        assertEquals(0, store.prune());
    }
}
