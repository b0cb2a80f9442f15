package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.wire.RegistryBody;
import io.parkgate.wire.SnapshotChunks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotTransferTest {

    private static final String LANE = "north-in";
    private static final String SECRET = "north-in-secret-0123456789";

    private final SnapshotTransfer transfer = new SnapshotTransfer(LANE, SECRET);

    /** Verifies that a transfer is applied only once its last chunk is in, and carries store and forced flag. */
    @Test
    void completeTransfer() {
        RegistrySnapshot s = registry(7, 40);
        List<byte[]> chunks = chunks(s, 1, SECRET, 50);
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertNull(transfer.accept(chunks.get(i)));
        }
        SnapshotTransfer.Complete done = transfer.accept(chunks.get(chunks.size() - 1));
        assertNotNull(done);
        assertEquals(s, done.snapshot());
        assertEquals("store-1", done.store());
        assertFalse(transfer.inProgress());
    }

    /** Verifies that a chunk signed with another lane's secret is refused as forged and a transfer goes on. */
    @Test
    void foreignSignatureIsRefusedWithoutDisturbingTheTransfer() {
        List<byte[]> good = chunks(registry(7, 40), 1, SECRET, 50);
        transfer.accept(good.get(0));
        SnapshotTransfer.Refused e = assertThrows(SnapshotTransfer.Refused.class,
                () -> transfer.accept(chunks(registry(9, 1), 2, "north-out-secret-0123456789", 50).get(0)));
        assertFalse(e.fromCentral());
        assertTrue(e.getMessage().contains("not signed with this lane's secret"), e.getMessage());
        SnapshotTransfer.Complete done = null;
        for (int i = 1; i < good.size(); i++) {
            done = transfer.accept(good.get(i));
        }
        assertNotNull(done);
        assertEquals(7, done.snapshot().version());
    }

    /** Verifies that a chunk cut short is refused, and the transfer cannot complete without it. */
    @Test
    void truncatedChunk() {
        List<byte[]> chunks = chunks(registry(7, 40), 1, SECRET, 50);
        byte[] cut = Arrays.copyOf(chunks.get(0), chunks.get(0).length - 1);
        assertThrows(SnapshotTransfer.Refused.class, () -> transfer.accept(cut));
        for (int i = 1; i < chunks.size(); i++) {
            assertNull(transfer.accept(chunks.get(i)));
        }
        assertTrue(transfer.inProgress());
    }

    /** Verifies that a new transfer drops an unfinished one. */
    @Test
    void newTransferDropsTheUnfinishedOne() {
        List<byte[]> first = chunks(registry(7, 40), 1, SECRET, 50);
        transfer.accept(first.get(0));
        List<byte[]> second = chunks(registry(8, 40), 2, SECRET, 50);
        SnapshotTransfer.Complete done = null;
        for (byte[] c : second) {
            done = transfer.accept(c);
        }
        assertEquals(8, done.snapshot().version());
        for (int i = 1; i < first.size(); i++) {
            assertNull(transfer.accept(first.get(i)), "chunks of the dropped transfer completed it");
        }
    }

    private static List<byte[]> chunks(RegistrySnapshot s, long id, String secret, int chunkBytes) {
        byte[] body = RegistryBody.encode(s);
        return new ArrayList<>(SnapshotChunks.chunks(LANE, secret, id, s.version(), "store-1", false, body,
                RegistryBody.sha256(body), chunkBytes));
    }

    private static RegistrySnapshot registry(long version, int n) {
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vehicles.add(new Vehicle(String.format("粤B%02d%03d", version, i), "o" + i, PlateColour.BLUE,
                    VehicleClass.SMALL));
        }
        return new RegistrySnapshot(version, List.of(), vehicles, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
