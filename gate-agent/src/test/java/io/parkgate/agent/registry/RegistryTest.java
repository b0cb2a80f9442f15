package io.parkgate.agent.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.MatchResult;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private final Registry registry = new SnapshotBuilder().version(7)
            .vehicle("粤B12345").card("0E00A35C21", "粤B12345", Card.Status.ACTIVE)
            .pass("p1", "粤B12345", T0, T0.plus(Duration.ofDays(10)))
            .pass("p2", "粤B12345", T0.plus(Duration.ofDays(10)), T0.plus(Duration.ofDays(40)))
            .vehicle("京AD12345").pass("p3", "京AD12345", T0, null)
            .visitor("湘A88888", "o-粤B12345", T0, T0.plus(Duration.ofDays(30)))
            .blacklist("粤C66666", "欠费拒缴")
            .exemption("粤B99999", T0, T0.plus(Duration.ofDays(365)), "救护车")
            .registry();

    /** Verifies lookups by plate, card, pass, visitor, blacklist and exemption, with normalised keys. */
    @Test
    void looksUpEveryKindOfRecord() {
        assertEquals(7, registry.version());
        assertEquals("o-粤B12345", registry.vehicle("粤b·12345").orElseThrow().ownerId());
        assertEquals("粤B12345", registry.card("0e00a35c21").orElseThrow().plate());
        assertTrue(registry.card("FFFFFFFFFF").isEmpty());
        assertTrue(registry.card(null).isEmpty());
        assertEquals(2, registry.passes("粤B12345").size());
        assertEquals("p2", registry.validPass("粤B12345", NOW).orElseThrow().id());
        assertEquals("p1", registry.lastExpiredPass("粤B12345", NOW).orElseThrow().id());
        assertEquals("p3", registry.validPass("京AD12345", NOW).orElseThrow().id());
        assertTrue(registry.lastExpiredPass("京AD12345", NOW).isEmpty());
        assertTrue(registry.visitorAt("湘A88888", NOW).isPresent());
        assertTrue(registry.visitorAt("湘A88888", T0.plus(Duration.ofDays(31))).isEmpty());
        assertEquals("欠费拒缴", registry.blacklisted("粤C66666").orElseThrow().reason());
        assertEquals("救护车", registry.exemptionAt("粤B99999", NOW).orElseThrow().reason());
        assertTrue(registry.exemptionAt("粤B99999", T0.minusSeconds(1)).isEmpty());
        assertEquals("业主粤B12345", registry.owner("o-粤B12345").orElseThrow().name());
    }

    /** Verifies that plates of every record kind are matched exactly and fuzzily. */
    @Test
    void matchesPlatesOfAllRecordKinds() {
        assertEquals(MatchResult.Kind.EXACT, registry.matchPlate("粤C66666").kind());
        assertEquals("粤C66666", registry.matchPlate("粤CG666G").best().orElseThrow().plate());
        assertEquals("湘A88888", registry.matchPlate("A8888B").best().orElseThrow().plate());
        assertEquals("粤B12345", registry.matchPlate("粤B1234S").best().orElseThrow().plate());
        assertEquals(MatchResult.Kind.NONE, registry.matchPlate("粤B54321").kind());
    }

    /** Verifies that a delta upserts and removes records by key and gives a new index, leaving the old one. */
    @Test
    void appliesDelta() {
        RegistrySnapshot upserts = new RegistrySnapshot(0, List.of(new Owner("o-新", "新业主", "2-202", "139")),
                List.of(new Vehicle("粤B77777", "o-新", PlateColour.YELLOW, VehicleClass.LARGE)),
                List.of(new Card("0E00A35C21", "o-粤B12345", "粤B12345", Card.Status.LOST)),
                List.of(new Pass("p9", "粤B77777", Pass.Type.MONTHLY, T0, NOW.plus(Duration.ofDays(3)))),
                List.of(), List.of(), List.of());
        RegistryDelta delta = new RegistryDelta(7, 8, upserts, List.of(
                new RegistryKey(RegistryKey.Kind.BLACKLIST, "粤C66666"),
                new RegistryKey(RegistryKey.Kind.PASS, "p1"),
                new RegistryKey(RegistryKey.Kind.VISITOR, "湘A 88888")));
        Registry next = registry.apply(delta);
        assertEquals(8, next.version());
        assertEquals(VehicleClass.LARGE, next.vehicle("粤B77777").orElseThrow().vehicleClass());
        assertEquals(Card.Status.LOST, next.card("0E00A35C21").orElseThrow().status());
        assertEquals(List.of("p2"), next.passes("粤B12345").stream().map(Pass::id).toList());
        assertTrue(next.blacklisted("粤C66666").isEmpty());
        assertTrue(next.visitors("湘A88888").isEmpty());
        assertEquals(MatchResult.Kind.NONE, next.matchPlate("粤C66666").kind());
        assertEquals(MatchResult.Kind.EXACT, next.matchPlate("粤B77777").kind());
        assertEquals(1, next.snapshot().cards().size());
        // the old index is untouched
        assertEquals(Card.Status.ACTIVE, registry.card("0E00A35C21").orElseThrow().status());
        assertTrue(registry.blacklisted("粤C66666").isPresent());
    }

    /** Verifies that a delta not starting at the held version is refused with both versions named. */
    @Test
    void refusesDeltaFromAnotherVersion() {
        RegistryDelta delta = new RegistryDelta(5, 6, RegistrySnapshot.empty(), List.of());
        RegistryVersionException e = assertThrows(RegistryVersionException.class,
                () -> registry.apply(delta));
        assertEquals("registry delta 5 -> 6 does not apply: the lane holds version 7 (a delta applies only onto"
                + " exactly its fromVersion; request a snapshot)", e.getMessage());
        assertEquals(7, e.localVersion());
        assertEquals(5, e.fromVersion());
    }

    /** Verifies that the empty registry knows nothing and is shared. */
    @Test
    void emptyRegistry() {
        assertSame(Registry.empty(), Registry.empty());
        assertEquals(0, Registry.empty().version());
        assertFalse(Registry.empty().vehicle("粤B12345").isPresent());
        assertEquals(MatchResult.Kind.NONE, Registry.empty().matchPlate("粤B12345").kind());
    }

    /** Verifies that 100,000 vehicles with cards and passes index without error and are all found. */
    @Test
    void indexesOneHundredThousandVehicles() {
        List<Vehicle> vehicles = new ArrayList<>(100_000);
        List<Card> cards = new ArrayList<>(100_000);
        List<Pass> passes = new ArrayList<>(100_000);
        String provinces = io.parkgate.plate.Plate.PROVINCES;
        for (int i = 0; i < 100_000; i++) {
            String plate = provinces.charAt(i % 31) + "A" + Integer.toString(100_000 + i).substring(1);
            vehicles.add(new Vehicle(plate, "o" + i, PlateColour.BLUE, VehicleClass.SMALL));
            cards.add(new Card(cardNumber(i), "o" + i, plate, Card.Status.ACTIVE));
            passes.add(new Pass("p" + i, plate, Pass.Type.PERMANENT, T0, null));
        }
        Registry big = Registry.of(new RegistrySnapshot(1, List.of(), vehicles, cards, passes, List.of(),
                List.of(), List.of()));
        assertEquals(100_000, big.vehicleCount());
        for (int i = 0; i < 100_000; i += 1009) {
            String plate = vehicles.get(i).plate();
            assertEquals(plate, big.card(cardNumber(i)).orElseThrow().plate());
            assertTrue(big.validPass(plate, NOW).isPresent());
            assertEquals(plate, big.matchPlate(plate.replace('0', 'D')).best().orElseThrow().plate());
        }
    }

    private static String cardNumber(int i) {
        return "0E" + Integer.toHexString(0x10000000 + i).toUpperCase(java.util.Locale.ROOT);
    }
}
