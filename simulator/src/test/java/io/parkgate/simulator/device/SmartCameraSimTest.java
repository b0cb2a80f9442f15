package io.parkgate.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.simulator.testutil.ByteCollector;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.wire.LinkReceiver;
import io.parkgate.simulator.wire.TcpLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The smart camera's lines on a real TCP wire, exactly as docs/protocols.md §3 writes them. */
class SmartCameraSimTest {

    private final SimFixture sim = new SimFixture();
    private TcpLink link;
    private ByteCollector agent;

    @BeforeEach
    void start() throws Exception {
        link = new TcpLink("lane/cam", "127.0.0.1", 0, LinkReceiver.IGNORE, Duration.ofMillis(20));
        agent = new ByteCollector(link.port());
        SimFixture.await("client connected", 3000, link::connected);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        link.close();
    }

    private SmartCameraSim camera(int firstSeq, long seed) {
        return new SmartCameraSim("lane", link::write, sim.scheduler, sim.events, new Random(seed), firstSeq);
    }

    /** Verifies one report byte for byte: fields, simulated epoch millis, XOR checksum of the UTF-8 bytes, CR LF. */
    @Test
    void lineIsExactlyAsDocumented() {
        camera(17, 1).vehicleOnLoop("粤B12345", PlateColour.BLUE, 1, false, "v1");
        sim.scheduler.advanceBy(Duration.ofSeconds(1));
        List<PlateReport> reports = decode(agent.awaitBytes(40), new ArrayList<>(), 1);
        PlateReport r = reports.get(0);
        String body = "PLATE,17,粤B12345,BLUE," + r.confidence() + "," + (SimFixture.T0.toEpochMilli() + 200);
        int x = 0;
        for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
            x ^= b & 0xFF;
        }
        String expected = "$" + body + "*" + String.format("%02X", x) + "\r\n";
        assertEquals(expected, new String(agent.bytes(), StandardCharsets.UTF_8));
        assertTrue(r.confidence() >= 85 && r.confidence() <= 99);
    }

    /** Verifies that three reports for one vehicle carry consecutive seqs that wrap at 65536. */
    @Test
    void seqIncrementsAndWraps() {
        SmartCameraSim cam = camera(65535, 2);
        cam.vehicleOnLoop("京AD12345", PlateColour.GREEN, 3, false, "v1");
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        SimFixture.await("3 lines", 3000, () -> decode(agent.bytes(), new ArrayList<>(), 0).size() == 3);
        List<PlateReport> r = decode(agent.bytes(), new ArrayList<>(), 3);
        assertEquals(List.of(65535, 0, 1), r.stream().map(PlateReport::seq).toList());
        assertEquals("京AD12345", r.get(2).plate());
        assertEquals(PlateColour.GREEN, r.get(2).colour());
        assertEquals(2, cam.nextSeq());
    }

    /** Verifies that a plateless vehicle is reported as _NONE_ and a misread swaps one confusable character. */
    @Test
    void platelessAndMisread() {
        SmartCameraSim cam = camera(0, 3);
        cam.vehicleOnLoop(null, PlateColour.BLUE, 1, false, "v1");
        cam.vehicleOnLoop("粤B80S51", PlateColour.BLUE, 2, true, "v2");
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        SimFixture.await("3 lines", 3000, () -> decode(agent.bytes(), new ArrayList<>(), 0).size() == 3);
        List<PlateReport> r = decode(agent.bytes(), new ArrayList<>(), 3);
        assertTrue(r.get(0).plateless());
        assertEquals(PlateColour.UNKNOWN, r.get(0).colour());
        String misread = r.get(1).plate();
        assertNotEquals("粤B80S51", misread);
        assertEquals(misread, r.get(2).plate(), "the same misread in every report");
        int diffs = 0;
        for (int i = 0; i < misread.length(); i++) {
            diffs += misread.charAt(i) != "粤B80S51".charAt(i) ? 1 : 0;
        }
        assertEquals(1, diffs);
        assertEquals('粤', misread.charAt(0));
    }

    /** Verifies that injected faults are dropped by the agent's decoder for the right reasons, using up a seq. */
    @Test
    void faultsAreRejected() {
        SmartCameraSim cam = camera(5, 4);
        cam.inject(WireFault.BAD_CHECKSUM, "粤B12345", "v1");
        cam.inject(WireFault.TRUNCATED, "粤B12345", "v1");
        cam.inject(WireFault.GARBAGE, "粤B12345", "v1");
        cam.vehicleOnLoop("粤B12345", PlateColour.BLUE, 1, false, "v1");
        sim.scheduler.advanceBy(Duration.ofSeconds(1));
        SimFixture.await("good line", 3000, () -> decode(agent.bytes(), new ArrayList<>(), 0).size() == 1);
        List<RejectReason> rejects = new ArrayList<>();
        List<PlateReport> r = decode(agent.bytes(), rejects, 1);
        assertEquals(8, r.get(0).seq(), "faulty lines used seqs 5..7: the agent sees a gap");
        assertEquals(3, rejects.size(), "rejects " + rejects);
        assertEquals(RejectReason.BAD_CHECKSUM, rejects.get(0));
        assertTrue(new String(PlateLine.encode(r.get(0)), StandardCharsets.UTF_8).startsWith("$PLATE,8,"));
    }

    private static List<PlateReport> decode(byte[] bytes, List<RejectReason> rejects, int atLeast) {
        List<PlateReport> out = new ArrayList<>();
        PlateLine.Decoder d = new PlateLine.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(PlateReport frame) {
                out.add(frame);
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                rejects.add(reason);
            }
        });
        d.accept(bytes, 0, bytes.length);
        if (out.size() < atLeast) {
            throw new AssertionError("expected " + atLeast + " reports, got " + out + " rejects " + rejects);
        }
        return out;
    }
}
