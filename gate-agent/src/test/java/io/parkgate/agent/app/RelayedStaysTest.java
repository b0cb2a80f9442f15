package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.StayChange;
import io.parkgate.wire.StayCodec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayedStaysTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T08:00:00Z"), ZoneOffset.UTC);
    private final Instant entry = Instant.parse("2026-11-22T07:00:00Z");

    /** Verifies that another lane's entry is persisted and indexed once, and its exit removes it everywhere. */
    @Test
    void otherLanesStaysArePersistedIdempotentlyAndClosed() {
        String id = UUID.randomUUID().toString();
        StayChange opened = new StayChange(StayChange.Kind.OPENED, id, "north-in", "粤B12345", null, "TEMPORARY",
                entry);
        // Through the wire codec, as the uplink receives it.
        List<StayChange> received = StayCodec.decode(StayCodec.encode(List.of(opened, opened)));
        try (AgentStore store = AgentStore.open(dir, "north-out", clock)) {
            OpenStays stays = new OpenStays();
            RelayedStays relay = new RelayedStays("north-out", store, stays);
            relay.changes(received);
            assertEquals(1, store.openStays().size());
            assertEquals(PayerCategory.TEMPORARY, stays.byPlate("粤B12345").orElseThrow().payer());

            relay.changes(List.of(new StayChange(StayChange.Kind.CLOSED, id, "south-out", "粤B12345", null, null,
                    entry.plusSeconds(3600))));
            assertTrue(store.openStays().isEmpty());
            assertTrue(stays.byPlate("粤B12345").isEmpty());
        }
        try (AgentStore reopened = AgentStore.open(dir, "north-out", clock)) {
            assertTrue(reopened.openStays().isEmpty(), "the close was persisted");
        }
    }

    /** Verifies that the lane's own entries are not applied twice and a bad record does not stop the rest. */
    @Test
    void ownEntriesIgnoredAndBadRecordsSkipped() {
        try (AgentStore store = AgentStore.open(dir, "north-in", clock)) {
            OpenStays stays = new OpenStays();
            new RelayedStays("north-in", store, stays).changes(List.of(
                    new StayChange(StayChange.Kind.OPENED, UUID.randomUUID().toString(), "north-in", "粤B1", null,
                            "RESIDENT_PASS", entry),
                    new StayChange(StayChange.Kind.OPENED, "not-a-uuid", "east-in", "粤B2", null, null, entry),
                    new StayChange(StayChange.Kind.OPENED, UUID.randomUUID().toString(), "east-in", "粤B3", null,
                            "RESIDENT_PASS", entry)));
            assertEquals(1, store.openStays().size());
            assertEquals(PayerCategory.PASS_HOLDER, stays.byPlate("粤B3").orElseThrow().payer());
        }
    }
}
