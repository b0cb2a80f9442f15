package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

class RegistryBodyTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00.123456789Z");

    static RegistrySnapshot every() {
        return new RegistrySnapshot(42,
                List.of(new Owner("o1", "张三", "3-2-501", null), new Owner("o2", "李四", null, "13800000000")),
                List.of(new Vehicle("粤B12345", "o1", PlateColour.BLUE, VehicleClass.SMALL),
                        new Vehicle("粤BD12345", null, null, null)),
                List.of(new Card("0000ABCD", "o1", "粤B12345", Card.Status.ACTIVE),
                        new Card("0000ABCE", null, null, Card.Status.LOST)),
                List.of(new Pass("p1", "粤B12345", Pass.Type.MONTHLY, T, T.plusSeconds(86_400)),
                        new Pass("p2", "粤BD12345", Pass.Type.PERMANENT, T, null)),
                List.of(new Visitor("粤A00001", "o2", T, T.plusSeconds(3600), "来访")),
                List.of(new BlacklistEntry("粤C66666", "逃费"), new BlacklistEntry("粤C66667", null)),
                List.of(new ManagementExemption("粤B99999", "boss", T, T.plusSeconds(60), null)));
    }

    /** Verifies that every kind of record, nulls and sub-second instants included, comes back equal. */
    @Test
    void roundTrip() {
        RegistrySnapshot s = every();
        assertEquals(s, RegistryBody.decode(RegistryBody.encode(s)));
        assertEquals(RegistrySnapshot.empty(), RegistryBody.decode(RegistryBody.encode(RegistrySnapshot.empty())));
    }

    /** Verifies that a body cut anywhere is refused, never read as a smaller registry. */
    @Test
    void truncatedBodyIsRefused() {
        byte[] body = RegistryBody.encode(every());
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            assertThrows(WireFormatException.class, () -> RegistryBody.decode(cut), "cut at " + n);
        }
    }

    /** Verifies that a count past the limit is refused before any record is read. */
    @Test
    void hugeCountIsRefused() throws Exception {
        byte[] body = deflate(out -> {
            out.writeInt(0x50475242);
            out.writeInt(RegistryBody.FORMAT);
            out.writeLong(1);
            out.writeInt(RegistryBody.MAX_RECORDS + 1);
        });
        WireFormatException e = assertThrows(WireFormatException.class, () -> RegistryBody.decode(body));
        assertTrue(e.getMessage().contains("owners"), e.getMessage());
    }

    /** Verifies that an unknown enum name, another format and trailing bytes are refused with the reason. */
    @Test
    void badContentIsRefused() throws Exception {
        byte[] otherFormat = deflate(out -> {
            out.writeInt(0x50475242);
            out.writeInt(99);
        });
        assertTrue(assertThrows(WireFormatException.class, () -> RegistryBody.decode(otherFormat)).getMessage()
                .contains("format 99"));
        byte[] notDeflated = "{\"kind\":\"SNAPSHOT\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(WireFormatException.class, () -> RegistryBody.decode(notDeflated));
        byte[] badEnum = deflate(out -> {
            out.writeInt(0x50475242);
            out.writeInt(RegistryBody.FORMAT);
            out.writeLong(1);
            out.writeInt(0);
            out.writeInt(1);
            out.writeByte(3);
            out.write("P1".getBytes(StandardCharsets.UTF_8));
            out.writeByte(0);
            out.writeByte(5);
            out.write("PINK".getBytes(StandardCharsets.UTF_8));
        });
        assertTrue(assertThrows(WireFormatException.class, () -> RegistryBody.decode(badEnum)).getMessage()
                .contains("PINK"));
    }

    interface Body {
        void write(DataOutputStream out) throws Exception;
    }

    private static byte[] deflate(Body b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            b.write(out);
        }
        return bytes.toByteArray();
    }
}
