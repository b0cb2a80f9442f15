package io.parkgate.central.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryServiceTest {

    private static final Principal CLERK = new Principal("clerk", "Clerk", Role.CARD_CLERK);
    private static final Principal ATTENDANT = new Principal("att", "Att", Role.ATTENDANT);
    @TempDir
    Path dir;
    private Database db;

    private RegistryService service() {
        db = io.parkgate.central.db.TestDatabases.open(dir, "central.db");
        return RegistryService.load(db, "site", Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"),
                java.time.ZoneOffset.UTC))
                .toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static <T> T await(Future<T> f) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private static RegistrySnapshot vehicles(String... plates) {
        List<Vehicle> v = java.util.Arrays.stream(plates)
                .map(p -> new Vehicle(p, "o1", PlateColour.BLUE, VehicleClass.SMALL)).toList();
        return new RegistrySnapshot(0, List.of(), v, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Verifies that each change takes the next version and a delta holds the last state of each key. */
    @Test
    void deltasFollowVersions() throws Exception {
        RegistryService s = service();
        assertEquals(2L, await(s.upsert(CLERK, vehicles("粤B10001", "粤B10002"))));
        assertEquals(3L, await(s.upsert(CLERK, vehicles("粤B10003"))));
        assertEquals(4L, await(s.remove(CLERK, new RegistryKey(RegistryKey.Kind.VEHICLE, "粤B10001"))));
        RegistryDelta d = (RegistryDelta) await(s.updateFor(2)).orElseThrow();
        assertEquals(2, d.fromVersion());
        assertEquals(4, d.toVersion());
        assertEquals(List.of("粤B10003"), d.upserts().vehicles().stream().map(Vehicle::plate).toList());
        assertEquals(List.of(new RegistryKey(RegistryKey.Kind.VEHICLE, "粤B10001")), d.removals());
        assertEquals(Optional.empty(), await(s.updateFor(4)));
        RegistrySnapshot snap = (RegistrySnapshot) await(s.updateFor(0)).orElseThrow();
        assertEquals(4, snap.version());
        assertEquals(2, snap.vehicles().size());
    }

    /** Verifies that listeners receive each committed change as a delta from the previous version. */
    @Test
    void listenersGetDeltas() throws Exception {
        RegistryService s = service();
        List<RegistryDelta> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.onChange(seen::add);
        await(s.upsert(CLERK, vehicles("粤B10001")));
        await(s.upsert(CLERK, new RegistrySnapshot(0, List.of(), List.of(),
                List.of(new Card("0E00A35C21", "o1", "粤B10001", Card.Status.ACTIVE)), List.of(), List.of(), List.of(),
                List.of())));
        await(s.setCardStatus(CLERK, "0E00A35C21", Card.Status.RETURNED));
        assertEquals(3, seen.size());
        assertEquals(Card.Status.RETURNED, seen.get(2).upserts().cards().get(0).status());
        assertEquals(2, seen.get(2).fromVersion());
    }

    /** Verifies that a change larger than a delta is announced as a bulk change with its version. */
    @Test
    void bulkChangeAnnounced() throws Exception {
        RegistryService s = service();
        List<Long> bulk = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<RegistryDelta> deltas = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.onBulkChange(bulk::add);
        s.onChange(deltas::add);
        String[] plates = new String[RegistryService.MAX_DELTA_CHANGES + 1];
        for (int i = 0; i < plates.length; i++) {
            plates[i] = String.format("粤B%05d", i);
        }
        long v = await(s.upsert(CLERK, vehicles(plates)));
        assertEquals(List.of(v), bulk);
        assertTrue(deltas.isEmpty());
        assertTrue(await(s.updateFor(0)).orElseThrow() instanceof RegistrySnapshot);
    }

    /** Verifies the roles: an attendant may register visitors only, and exemptions need a manager. */
    @Test
    void rolesEnforced() throws Exception {
        RegistryService s = service();
        CentralException e = org.junit.jupiter.api.Assertions.assertThrows(CentralException.class,
                () -> await(s.upsert(ATTENDANT, vehicles("粤B10001"))));
        assertEquals(CentralException.Kind.FORBIDDEN, e.kind());
        RegistrySnapshot exemption = new RegistrySnapshot(0, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(new ManagementExemption("粤B10009", "王经理", Instant.EPOCH,
                Instant.parse("2030-01-01T00:00:00Z"), "施工")));
        assertEquals(CentralException.Kind.FORBIDDEN, org.junit.jupiter.api.Assertions.assertThrows(
                CentralException.class, () -> await(s.upsert(CLERK, exemption))).kind());
        Principal manager = new Principal("m", "M", Role.MANAGER);
        assertTrue(await(s.upsert(manager, exemption)) > 0);
        RegistrySnapshot forever = new RegistrySnapshot(0, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(new ManagementExemption("粤B10008", "王经理", Instant.EPOCH, Instant.MAX, "永久")));
        CentralException bad = org.junit.jupiter.api.Assertions.assertThrows(CentralException.class,
                () -> await(s.upsert(manager, forever)));
        assertEquals(CentralException.Kind.BAD_REQUEST, bad.kind());
        assertTrue(bad.getMessage().contains("days ahead"), bad.getMessage());
    }
}
