package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCodecTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");

    static RegistrySnapshot sample(long version) {
        return new RegistrySnapshot(version, List.of(new Owner("o1", "张三", "3-2-501", "13800000000")),
                List.of(new Vehicle("粤B12345", "o1", PlateColour.BLUE, VehicleClass.SMALL)),
                List.of(new Card("0E00A35C21", "o1", "粤B12345", Card.Status.ACTIVE)),
                List.of(new Pass("p1", "粤B12345", Pass.Type.MONTHLY, T, T.plusSeconds(86400 * 30)),
                        new Pass("p2", "粤B12345", Pass.Type.PERMANENT, T, null)),
                List.of(new Visitor("粤A99999", "o1", T, T.plusSeconds(3600), "亲戚")),
                List.of(new BlacklistEntry("粤C00000", "冲卡")),
                List.of(new ManagementExemption("粤B55555", "王经理", T, T.plusSeconds(7200), "施工车辆")));
    }

    /** Verifies that a snapshot with every record kind round-trips. */
    @Test
    void snapshotRoundTrip() {
        RegistrySnapshot s = sample(7);
        RegistryCodec.RegistryMessage m = RegistryCodec.decode(RegistryCodec.encode(s));
        assertEquals(s, m.snapshot());
        assertNull(m.delta());
    }

    /** Verifies that a delta with upserts and removals round-trips. */
    @Test
    void deltaRoundTrip() {
        RegistryDelta d = new RegistryDelta(7, 8, sample(8), List.of(new RegistryKey(RegistryKey.Kind.CARD, "AA")));
        assertEquals(d, RegistryCodec.decode(RegistryCodec.encode(d)).delta());
    }

    /** Verifies that a resync notice decodes to its version only. */
    @Test
    void resyncRoundTrip() {
        RegistryCodec.RegistryMessage m = RegistryCodec.decode(RegistryCodec.encodeResync(300_000));
        assertEquals(300_000L, m.resyncTo());
        assertNull(m.snapshot());
        assertNull(m.delta());
    }

    /** Verifies that an unknown kind and a card with a bad status are rejected with the field named. */
    @Test
    void badMessagesRejected() {
        assertThrows(WireFormatException.class,
                () -> RegistryCodec.decode("{\"kind\":\"PATCH\"}".getBytes(StandardCharsets.UTF_8)));
        WireFormatException e = assertThrows(WireFormatException.class, () -> RegistryCodec.decode(
                "{\"kind\":\"SNAPSHOT\",\"version\":1,\"cards\":[{\"number\":\"A\",\"status\":\"STOLEN\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("status"), e.getMessage());
    }
}
