package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.store.AlarmRecord;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gate agent on real byte streams: pseudo-terminals made by socat and TCP connections, with a
 * recording lane I/O controller on the other end. Every assertion is about bytes the agent wrote.
 */
class LaneOverWiresIT {

    /** {@code 01 05 0000 FF00} + CRC: write coil 0 (OPEN) ON at unit 1. */
    private static final byte[] OPEN_FRAME = HexFormat.of().parseHex("01050000FF008C3A");
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private GateAgent agent;
    private RecordingIoController io;
    private final List<AutoCloseable> closeables = new java.util.ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (io != null) {
            io.close();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private DeviceEndpoint track(DeviceEndpoint e) {
        closeables.add(e);
        return e;
    }

    private void startLane(DeviceEndpoint ioEnd, DeviceEndpoint card, DeviceEndpoint camera, String window)
            throws Exception {
        Path site = LaneRig.writeSite(dir, "lane-1", "IN", ioEnd.transportUri(),
                card == null ? null : card.transportUri(), camera == null ? null : camera.transportUri(), window);
        LaneRig.seed(SiteConfigLoader.load(site), "lane-1", LaneRig.registry(20), clock);
        agent = LaneRig.start(site, "lane-1", clock, LaneListener.NONE);
        io = new RecordingIoController(1, ioEnd.in(), ioEnd.out());
        // The lane has watched an empty loop first: a car already there at start is an unseen arrival.
        Await.until(PATIENCE, "first poll", () -> !io.requests(r -> r.function() == 2).isEmpty());
    }

    private LaneSnapshot snapshot() {
        try {
            return agent.runtime().snapshot().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sets the controller's inputs and waits until the agent has polled and seen them. */
    private void inputs(boolean arming, boolean safety, boolean open, boolean closed) {
        io.setInputs(arming, safety, open, closed);
        LaneInputs expected = new LaneInputs(arming, safety, open, closed);
        Await.until(PATIENCE, "agent sees " + expected, () -> snapshot().inputs().equals(expected));
    }

    private List<RecordingIoController.Request> opens() {
        return io.requests(r -> r.isCoilOn(0));
    }

    private List<RecordingIoController.Request> closes() {
        return io.requests(r -> r.isCoilOn(1));
    }

    private static Predicate<PassageRecord> plate(String p) {
        return r -> p.equals(r.plate());
    }

    /** Verifies that a resident's card on a pseudo-terminal opens the barrier with the exact OPEN frame and is
     * registered. */
    @Test
    void residentCardOpensBarrierOverPseudoTerminals() throws Exception {
        DeviceEndpoint ioEnd = track(DeviceEndpoint.pty(dir.resolve("io"), 9600));
        DeviceEndpoint card = track(DeviceEndpoint.pty(dir.resolve("card"), 9600));
        startLane(ioEnd, card, null, "2s");
        Await.until(PATIENCE, "pulse time written", () -> io.requests(r -> r.function() == 6).size() > 0);
        assertEquals(30, io.pulseRegister(), "300 ms pulse in 10 ms units");

        inputs(true, false, false, true);
        card.write(Em4100.encode(LaneRig.RESIDENT_CARD));

        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        assertArrayEquals(OPEN_FRAME, opens().get(0).bytes());
        List<PassageRecord> register = LaneRig.register(agent.store(), 1, PATIENCE);
        assertEquals(1, register.stream().filter(plate(LaneRig.RESIDENT_PLATE)).count(), register.toString());
    }

    /** Verifies that a resident's plate and card over TCP open the barrier once, however often they repeat. */
    @Test
    void residentPlateAndCardOverTcpOpenOnce() throws Exception {
        DeviceEndpoint ioEnd = track(DeviceEndpoint.tcp());
        DeviceEndpoint card = track(DeviceEndpoint.tcp());
        DeviceEndpoint camera = track(DeviceEndpoint.tcp());
        startLane(ioEnd, card, camera, "2s");
        inputs(true, false, false, true);
        for (int seq = 1; seq <= 3; seq++) {
            camera.write(PlateLine.encode(new PlateReport(seq, LaneRig.RESIDENT_PLATE, PlateColour.BLUE, 93,
                    System.currentTimeMillis())));
            card.write(Em4100.encode(LaneRig.RESIDENT_CARD));
        }
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        Await.until(PATIENCE, "repeats handled", () -> snapshot().phase() == LaneStateMachine.Phase.AUTHORISED);
        assertEquals(1, opens().size(), "repeated reads of one vehicle are one passage");
        assertEquals(1, LaneRig.register(agent.store(), 1, PATIENCE).size());
    }

    /** Verifies that a card frame with a bad checksum opens nothing: the vehicle is held as unidentified. */
    @Test
    void badChecksumFrameOpensNothing() throws Exception {
        DeviceEndpoint ioEnd = track(DeviceEndpoint.tcp());
        DeviceEndpoint card = track(DeviceEndpoint.tcp());
        startLane(ioEnd, card, null, "1s");
        inputs(true, false, false, true);
        card.write(Em4100.encodeWithBadChecksum(LaneRig.RESIDENT_CARD));
        card.write(new byte[] {0x02, 'Z', 'Z', 0x03, (byte) 0xFF, 0x00});
        Await.until(PATIENCE, "vehicle held after the window",
                () -> snapshot().phase() == LaneStateMachine.Phase.WAITING);
        assertTrue(opens().isEmpty(), "no OPEN for a bad frame: " + opens().size());
        assertTrue(agent.store().passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .noneMatch(plate(LaneRig.RESIDENT_PLATE)));
    }

    /** Verifies that CLOSE is never written while either loop reads occupied, and is written once both clear. */
    @Test
    void neverClosesWhileALoopIsOccupied() throws Exception {
        DeviceEndpoint ioEnd = track(DeviceEndpoint.tcp());
        DeviceEndpoint card = track(DeviceEndpoint.tcp());
        startLane(ioEnd, card, null, "2s");
        inputs(true, false, false, true);
        card.write(Em4100.encode(LaneRig.RESIDENT_CARD));
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        inputs(true, false, true, false);   // arm up
        inputs(false, true, true, false);   // crossing
        inputs(true, true, true, false);    // a second car rolls onto the arming loop behind it
        inputs(true, false, true, false);   // first car gone, second still on the arming loop
        Await.until(PATIENCE, "second vehicle identifying",
                () -> snapshot().phase() == LaneStateMachine.Phase.IDENTIFYING);
        assertTrue(closes().isEmpty(), "CLOSE while the arming loop is occupied");
        inputs(false, false, true, false);  // it reverses away
        Await.until(PATIENCE, "CLOSE written once clear", () -> !closes().isEmpty());
        for (RecordingIoController.Request close : closes()) {
            assertFalse(close.armingLoop() || close.safetyLoop(), "CLOSE written over an occupied loop");
        }
    }

    /** Verifies that a vehicle on the safety loop under the closed arm raises a forced-passage alarm, with no OPEN. */
    @Test
    void forcedPassageRaisesAlarm() throws Exception {
        DeviceEndpoint ioEnd = track(DeviceEndpoint.tcp());
        startLane(ioEnd, track(DeviceEndpoint.tcp()), null, "2s");
        inputs(false, true, false, true);
        Await.until(PATIENCE, "alarm journalled", () -> agent.store()
                .alarmsBetween(Instant.EPOCH, Instant.now().plusSeconds(60)).stream()
                .map(AlarmRecord::kind).anyMatch(k -> k.name().equals("FORCED_PASSAGE")));
        assertTrue(opens().isEmpty());
    }
}
