package io.parkgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");

    /** Verifies that a fully populated lane event survives encode and decode unchanged, Chinese included. */
    @Test
    void eventRoundTrip() {
        LaneEvent e = new LaneEvent("e-1", "north-in", EventType.EXIT, T, "粤B12345", "粤B1234S", PlateColour.BLUE, 93,
                "0E00A35C21", "SHORT_STAY", "停车时间短，免费", 0L, PaymentMethod.CASH, "短时停车免费", "snap/1.jpg",
                "e-0");
        assertEquals(e, MessageCodec.decodeEvent(MessageCodec.encode(e)));
    }

    /** Verifies that an event without its id is rejected with a message naming the field. */
    @Test
    void eventMissingIdNamesField() {
        byte[] bad = "{\"laneId\":\"a\",\"type\":\"ENTRY\",\"occurredAt\":\"2026-11-22T06:00:00Z\"}"
                .getBytes(StandardCharsets.UTF_8);
        WireFormatException ex = assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(bad));
        assertTrue(ex.getMessage().contains("'eventId'"), ex.getMessage());
    }

    /** Verifies that an unknown event type, a bad instant, a negative fee and non-JSON are each rejected. */
    @Test
    void badEventFieldsRejected() {
        String base = "{\"eventId\":\"x\",\"laneId\":\"a\",\"type\":\"%s\",\"occurredAt\":\"%s\",\"feeFen\":%d}";
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(
                String.format(base, "FLY", T, 0).getBytes(StandardCharsets.UTF_8)));
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(
                String.format(base, "ENTRY", "yesterday", 0).getBytes(StandardCharsets.UTF_8)));
        WireFormatException neg = assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(
                String.format(base, "EXIT", T, -5).getBytes(StandardCharsets.UTF_8)));
        assertTrue(neg.getMessage().contains("feeFen"), neg.getMessage());
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(new byte[] {1, 2, 3}));
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvent(new byte[0]));
    }

    /** Verifies that a batch of encoded events decodes to the events, and a single event to a list of one. */
    @Test
    void batchRoundTrip() {
        LaneEvent a = LaneEvent.of("a", "l1", EventType.ENTRY, T, "粤B1", "TEMPORARY", "临时车");
        LaneEvent b = LaneEvent.of("b", "l1", EventType.EXIT, T, "粤B2", "SHORT_STAY", "短时");
        assertEquals(List.of(a, b), MessageCodec.decodeEvents(MessageCodec.encodeBatch("l1",
                List.of(MessageCodec.encode(a), MessageCodec.encode(b)))));
        assertEquals(List.of(a), MessageCodec.decodeEvents(MessageCodec.encode(a)));
        LaneEvent other = LaneEvent.of("c", "l2", EventType.ENTRY, T, "粤B3", null, null);
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeEvents(MessageCodec.encodeBatch("l1",
                List.of(MessageCodec.encode(a), MessageCodec.encode(other)))));
    }

    /** Verifies that acks, hellos, status and commands round-trip. */
    @Test
    void otherMessagesRoundTrip() {
        EventAck ack = new EventAck("l1", List.of("a", "b"));
        assertEquals(ack, MessageCodec.decodeAck(MessageCodec.encode(ack)));
        Hello h = new Hello("l1", 42, 7);
        assertEquals(h, MessageCodec.decodeHello(MessageCodec.encode(h)));
        LaneStatus s = new LaneStatus("l1", true, T, BarrierState.CLOSED,
                List.of(new LaneStatus.DeviceStatus("IO", "CONNECTED", null)), 2);
        assertEquals(s, MessageCodec.decodeStatus(MessageCodec.encode(s)));
        assertEquals(LaneStatus.offline("l1"), MessageCodec.decodeStatus(MessageCodec.encode(LaneStatus.offline(
                "l1"))));
        Command c = new Command("c1", "l1", CommandKind.RELEASE, "x1", "粤B12345", "zhang", "核实车主", T,
                T.plusSeconds(60), "n1", "abcd");
        assertEquals(c, MessageCodec.decodeCommand(MessageCodec.encode(c)));
        Prepayment p = new Prepayment("p1", "粤B12345", 1500, PaymentMethod.MOBILE, T, T.plusSeconds(900));
        assertEquals(p, MessageCodec.decodePrepayment(MessageCodec.encode(p)));
    }

    /**
     * Verifies that a hello names the chunked snapshot format only when the agent reads it, and that the hello of
     * an agent from before it (no such field) asks for the JSON snapshot.
     */
    @Test
    void helloSnapshotFormat() {
        Hello chunked = new Hello("l1", 42, 7, SnapshotChunks.FORMAT);
        assertEquals(chunked, MessageCodec.decodeHello(MessageCodec.encode(chunked)));
        Hello old = MessageCodec.decodeHello("{\"laneId\":\"l1\",\"registryVersion\":42,\"outboxPending\":7}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, old.snapshotFormat());
        assertEquals(false, new String(MessageCodec.encode(new Hello("l1", 1, 0)),
                java.nio.charset.StandardCharsets.UTF_8).contains("snapshotFormat"));
        org.junit.jupiter.api.Assertions.assertThrows(WireFormatException.class, () -> MessageCodec.decodeHello(
                "{\"laneId\":\"l1\",\"registryVersion\":1,\"snapshotFormat\":-1}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * Verifies the clock check's three fields: the hello's clock, central's echo on the ack topic, and the result
     * in the lane's status; each optional, so messages of older agents and centrals still read.
     */
    @Test
    void clockCheckFieldsRoundTripAndStayOptional() {
        Hello h = new Hello("l1", 42, 7, SnapshotChunks.FORMAT, T.plusNanos(123_456_789));
        assertEquals(h, MessageCodec.decodeHello(MessageCodec.encode(h)));
        EventAck echo = new EventAck("l1", List.of(), new EventAck.ClockEcho(h.sentAt(), T.plusSeconds(10_800)));
        assertEquals(echo, MessageCodec.decodeAck(MessageCodec.encode(echo)));
        assertEquals(null, MessageCodec.decodeAck(utf8("{\"laneId\":\"l1\",\"eventIds\":[\"e1\"]}")).clock());
        LaneStatus s = new LaneStatus("l1", true, T, BarrierState.CLOSED, List.of(), 0, null,
                new LaneStatus.ClockOffset(-10_800, true, T));
        assertEquals(s, MessageCodec.decodeStatus(MessageCodec.encode(s)));
        assertEquals(null, MessageCodec.decodeStatus(MessageCodec.encode(LaneStatus.offline("l1"))).clock());
    }

    /** Verifies that a malformed clock field is refused with its name, as every other field is. */
    @Test
    void malformedClockFieldsAreRefused() {
        String[] bad = {
            "{\"laneId\":\"l1\",\"eventIds\":[],\"clock\":\"now\"}",
            "{\"laneId\":\"l1\",\"eventIds\":[],\"clock\":{\"helloSentAt\":\"2026-11-22T06:00:00Z\"}}",
            "{\"laneId\":\"l1\",\"eventIds\":[],\"clock\":{\"helloSentAt\":\"yesterday\","
                    + "\"centralAt\":\"2026-11-22T06:00:00Z\"}}",
        };
        for (String b : bad) {
            assertThrows(WireFormatException.class, () -> MessageCodec.decodeAck(utf8(b)), b);
        }
        String status = "{\"laneId\":\"l1\",\"online\":true,\"devices\":[],\"clock\":";
        String at = ",\"checkedAt\":\"2026-11-22T06:00:00Z\"}}";
        String[] badStatus = {"[]}", "{\"aheadSeconds\":\"-3h\",\"wrong\":true" + at,
            "{\"aheadSeconds\":-99999999999,\"wrong\":true" + at, "{\"aheadSeconds\":5" + at,
            "{\"aheadSeconds\":5,\"wrong\":true}}"};
        for (String b : badStatus) {
            assertThrows(WireFormatException.class, () -> MessageCodec.decodeStatus(utf8(status + b)), b);
        }
        assertThrows(WireFormatException.class, () -> MessageCodec.decodeHello(
                utf8("{\"laneId\":\"l1\",\"registryVersion\":1,\"sentAt\":1700000000}")));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
