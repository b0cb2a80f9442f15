package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vehicle a lane holds after its decision, as carried in the lane's status for the console. */
class LaneStatusWaitingTest {

    private static final Instant T = Instant.parse("2026-11-23T03:00:58Z");

    /** Verifies that a status with a vehicle waiting for its fee survives encode and decode, Chinese included. */
    @Test
    void waitingRoundTrip() {
        LaneStatus s = new LaneStatus("north-out", true, T, BarrierState.CLOSED,
                List.of(new LaneStatus.DeviceStatus("IO", "CONNECTED", null)), 1,
                new LaneStatus.Waiting("e-7", T, "粤B6T239", "粤B6T239", 95, null, "COLLECT_FEE", "TEMPORARY",
                        "临时车辆粤B6T239，停车2小时00分，应收6.00元", 600L, "http://10.0.0.5:8080/frames/1.jpg"));
        assertEquals(s, MessageCodec.decodeStatus(MessageCodec.encode(s)));
    }

    /** Verifies that a status from an agent that does not report waiting vehicles decodes with none. */
    @Test
    void statusWithoutWaitingDecodes() {
        LaneStatus s = MessageCodec.decodeStatus(("{\"laneId\":\"a\",\"online\":true,\"barrier\":\"OPEN\","
                + "\"devices\":[],\"queue\":0}").getBytes(StandardCharsets.UTF_8));
        assertNull(s.waiting());
    }

    /** Verifies that a waiting vehicle without its event id, or not an object, is rejected naming the field. */
    @Test
    void badWaitingRejected() {
        WireFormatException a = assertThrows(WireFormatException.class, () -> MessageCodec.decodeStatus(
                ("{\"laneId\":\"a\",\"online\":true,\"devices\":[],\"waiting\":{\"since\":\"" + T
                        + "\",\"verdict\":\"HOLD\"}}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(a.getMessage().contains("'eventId'"), a.getMessage());
        WireFormatException b = assertThrows(WireFormatException.class, () -> MessageCodec.decodeStatus(
                "{\"laneId\":\"a\",\"online\":true,\"devices\":[],\"waiting\":7}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(b.getMessage().contains("'waiting'"), b.getMessage());
    }
}
