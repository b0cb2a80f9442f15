package io.parkgate.agent.device.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.protocol.RejectReason;
import io.parkgate.retry.Backoff;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FrameFaultsTest {

    private final RecordingLaneEventSink sink = new RecordingLaneEventSink();
    private final DeviceConnection connection = new DeviceConnection(LaneDevice.CARD_READER,
            DeviceConnectionTest.FakeLink::new, new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), sink,
            DeviceMetrics.NOOP);
    private final FrameFaults faults = new FrameFaults(LaneDevice.CARD_READER, "card frame", connection,
            DeviceMetrics.NOOP, LoggerFactory.getLogger(FrameFaultsTest.class));

    /**
     * Verifies that only an unbroken run of five drops faults the link: a good frame or a reconnect starts the
     * count again, and a good frame after the fault reports the device healthy, once.
     */
    @Test
    void aRunOfFiveDropsFaultsTheLinkAndAGoodFrameEndsIt() {
        assertNotNull(connection.tryConnect());
        dropped(FrameFaults.FAULT_AFTER_REJECTS - 1);
        faults.good();
        dropped(FrameFaults.FAULT_AFTER_REJECTS - 1);
        faults.reconnected();
        dropped(FrameFaults.FAULT_AFTER_REJECTS - 1);
        assertEquals(DeviceState.CONNECTED, connection.state(), "no run of five yet");

        dropped(1);
        assertEquals(DeviceState.FAULT, connection.state());
        dropped(3);
        faults.good();
        faults.good();
        assertEquals(List.of(DeviceState.CONNECTING, DeviceState.CONNECTED, DeviceState.FAULT,
                DeviceState.CONNECTED), sink.stateSequence());
        String reason = sink.states.get(2).detail();
        assertTrue(reason.contains("5 card frames in a row dropped, last BAD_CHECKSUM: frame 0"), reason);
        assertTrue(sink.states.get(3).detail().contains("good card frames again"), sink.states.get(3).detail());
        assertEquals(3 * 4 + 1 + 3, faults.count(RejectReason.BAD_CHECKSUM), "every drop counted");
        assertEquals(0, faults.count(RejectReason.UNEXPECTED_BYTES));
    }

    private void dropped(int n) {
        for (int i = 0; i < n; i++) {
            faults.rejected(RejectReason.BAD_CHECKSUM, "frame " + i);
        }
    }
}
