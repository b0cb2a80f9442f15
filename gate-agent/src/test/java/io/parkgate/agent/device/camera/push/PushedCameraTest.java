package io.parkgate.agent.device.camera.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.PushOutcome;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.CameraConfig;
import io.parkgate.config.CameraKind;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.vendor.PushProblem;
import io.parkgate.protocol.vendor.VendorSamples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a pushed camera makes of readable pushes, without HTTP: deliveries, counters, spool recovery. */
class PushedCameraTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-04T01:20:00Z"), ZoneId.of("Asia/Shanghai"));
    private final List<PlateRead> plates = new CopyOnWriteArrayList<>();
    private final List<DeviceState> states = new CopyOnWriteArrayList<>();
    private PushedCamera camera;

    private final LaneEventSink sink = new LaneEventSink() {
        @Override
        public void inputs(LaneInputs inputs, Instant at) {
        }

        @Override
        public void card(String cardNumber, Instant at) {
        }

        @Override
        public void plate(PlateRead read, Instant at) {
            plates.add(read);
        }

        @Override
        public void deviceState(LaneDevice device, DeviceState state, String detail) {
            states.add(state);
        }
    };

    @AfterEach
    void tearDown() {
        if (camera != null) {
            camera.close();
        }
    }

    private PushedCamera zhenshi() {
        CameraConfig config = new CameraConfig(CameraKind.ZHENSHI, null, null, 80, List.of("127.0.0.1"));
        return new PushedCamera("lane-1", config, dir, sink, clock, DeviceMetrics.NOOP, new SnapshotStore(dir, clock),
                name -> "ref:" + name, null);
    }

    private PushedCamera.Reply push(String sample) throws Exception {
        return camera.receive(VendorSamples.bytes(sample), "application/json", "/lanes/lane-1/push/zhenshi",
                "127.0.0.1").get(10, TimeUnit.SECONDS);
    }

    /** Verifies that a push without pictures and one with unknown fields are still delivered, and counted. */
    @Test
    void missingImageAndUnknownFieldsAreUsedAndCounted() throws Exception {
        camera = zhenshi();
        camera.start();
        push("zhenshi-no-image.json");
        push("zhenshi-unknown-fields.json");
        push("zhenshi-no-plate.json");

        assertEquals(3, plates.size());
        assertNull(plates.get(0).snapshotRef(), "no picture, no snapshot");
        assertNotNull(plates.get(1).snapshotRef());
        assertTrue(plates.get(1).snapshotRef().startsWith("ref:"));
        assertTrue(plates.get(2).plateless(), "_无_ is a vehicle without a plate");
        assertEquals(1, camera.counters().problems(PushProblem.MISSING_IMAGE));
        assertEquals(1, camera.counters().problems(PushProblem.UNKNOWN_FIELDS));
        assertEquals(List.of(DeviceState.CONNECTING, DeviceState.CONNECTED), states);
    }

    /** Verifies that a push the agent took but had not handled before it stopped is recorded late, never delivered. */
    @Test
    void spooledPushIsRecordedLateAtStart() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("camera-spool"));
        byte[] head = "application/json\n/lanes/lane-1/push/zhenshi\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = VendorSamples.bytes("zhenshi-plate.json");
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        Files.write(spool.resolve("1-1.push"), all);
        camera = zhenshi();
        camera.start();
        push("zhenshi-no-plate.json"); // runs after the recovery on the camera's thread

        assertEquals(1, camera.counters().outcomes(PushOutcome.LATE));
        assertEquals(1, plates.size(), "only the live push reaches the lane");
        assertTrue(plates.get(0).plateless());
        assertTrue(Files.readString(dir.resolve("late-plates.jsonl")).contains("recovered from the spool"));
        try (var left = Files.list(spool)) {
            assertEquals(0, left.count());
        }
        push("zhenshi-plate.json");
        assertEquals(1, camera.counters().problems(PushProblem.DUPLICATE), "the recovered record is known");
    }

    /**
     * Verifies that an OPEN for the camera's relay that no push or heartbeat came to carry fails (the lane
     * raises a device fault) and is never sent late.
     */
    @Test
    void relayOpenNotCarriedInTimeFailsAndNeverFiresLate() throws Exception {
        CameraConfig config = new CameraConfig(CameraKind.ZHENSHI, null, null, 80, List.of("127.0.0.1"), null,
                null, true);
        camera = new PushedCamera("lane-1", config, dir, sink, clock, DeviceMetrics.NOOP, null, null, null);
        camera.start();
        java.util.concurrent.CompletableFuture<Void> open = camera.requestOpen();
        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> open.get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof io.parkgate.agent.port.DeviceFaultException, failed.toString());
        PushedCamera.Reply r = camera.receive(VendorSamples.bytes("zhenshi-heartbeat.form"),
                "application/x-www-form-urlencoded", "/lanes/lane-1/push/zhenshi", "127.0.0.1").get(10,
                        TimeUnit.SECONDS);
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("\"info\":\"no\""));
    }

    /** Verifies the Zhenshi reply of a lane without a display: info no and retransfer_stop, nothing else. */
    @Test
    void replyWithoutDisplay() throws Exception {
        camera = zhenshi();
        camera.start();
        PushedCamera.Reply r = push("zhenshi-plate.json");
        assertEquals(200, r.status());
        assertEquals("{\"Response_AlarmInfoPlate\":{\"info\":\"no\",\"channelNum\":0,\"content\":\"retransfer_stop\"}}",
                new String(r.body(), StandardCharsets.UTF_8));
    }
}
