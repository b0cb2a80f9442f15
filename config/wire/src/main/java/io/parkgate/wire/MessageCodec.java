package io.parkgate.wire;

import static io.parkgate.wire.Fields.bool;
import static io.parkgate.wire.Fields.enumValue;
import static io.parkgate.wire.Fields.instant;
import static io.parkgate.wire.Fields.number;
import static io.parkgate.wire.Fields.optEnum;
import static io.parkgate.wire.Fields.optInstant;
import static io.parkgate.wire.Fields.optNumber;
import static io.parkgate.wire.Fields.optString;
import static io.parkgate.wire.Fields.str;
import static io.parkgate.wire.Fields.string;

import io.parkgate.plate.PlateColour;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** JSON codecs of the lane messages (docs/mqtt.md): events, acks, hellos, status and commands. */
public final class MessageCodec {

    /** A clock offset beyond a century is no clock reading (Instant's own range is far wider). */
    private static final long MAX_CLOCK_OFFSET_SECONDS = 100L * 366 * 24 * 3600;

    private MessageCodec() {
    }

    public static JsonObject toJson(LaneEvent e) {
        JsonObject o = new JsonObject()
                .put("eventId", e.eventId())
                .put("laneId", e.laneId())
                .put("type", e.type().name())
                .put("occurredAt", e.occurredAt().toString());
        putIf(o, "plate", e.plate());
        putIf(o, "plateAsRead", e.plateAsRead());
        putIf(o, "colour", e.colour() == null ? null : e.colour().name());
        putIf(o, "confidence", e.confidence());
        putIf(o, "card", e.card());
        putIf(o, "code", e.code());
        putIf(o, "reason", e.reason());
        putIf(o, "feeFen", e.feeFen());
        putIf(o, "paymentMethod", e.paymentMethod() == null ? null : e.paymentMethod().name());
        putIf(o, "remark", e.remark());
        putIf(o, "snapshotRef", e.snapshotRef());
        putIf(o, "relatedId", e.relatedId());
        return o;
    }

    public static byte[] encode(LaneEvent e) {
        return toJson(e).toBuffer().getBytes();
    }

    public static LaneEvent decodeEvent(byte[] payload) {
        return eventFromJson(Fields.parse("event", payload));
    }

    public static LaneEvent eventFromJson(JsonObject o) {
        String w = "event";
        Long conf = optNumber(w, o, "confidence");
        Long fee = optNumber(w, o, "feeFen");
        if (fee != null && fee < 0) {
            throw new WireFormatException("event: field 'feeFen' must not be negative, was " + fee);
        }
        return new LaneEvent(string(w, o, "eventId"), string(w, o, "laneId"), enumValue(w, o, "type", EventType.class),
                instant(w, o, "occurredAt"), optString(w, o, "plate"), optString(w, o, "plateAsRead"),
                optEnum(w, o, "colour", PlateColour.class), conf == null ? null : conf.intValue(),
                optString(w, o, "card"), optString(w, o, "code"), optString(w, o, "reason"), fee,
                optEnum(w, o, "paymentMethod", PaymentMethod.class), optString(w, o, "remark"),
                optString(w, o, "snapshotRef"), optString(w, o, "relatedId"));
    }

    /**
     * Several journalled events of one lane in one message, {@code {"laneId":..,"events":[..]}}, built from
     * their already encoded JSON (an agent draining a backlog sends these; a single event may also be sent
     * alone as a plain event object).
     */
    public static byte[] encodeBatch(String laneId, List<byte[]> encodedEvents) {
        StringBuilder b = new StringBuilder(64 + encodedEvents.size() * 400);
        b.append("{\"laneId\":").append(io.vertx.core.json.Json.encode(laneId)).append(",\"events\":[");
        for (int i = 0; i < encodedEvents.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(new String(encodedEvents.get(i), java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A message on an event topic: one event, or a batch as written by {@link #encodeBatch}. */
    public static List<LaneEvent> decodeEvents(byte[] payload) {
        JsonObject o = Fields.parse("event", payload);
        if (!o.containsKey("events")) {
            return List.of(eventFromJson(o));
        }
        String lane = string("events", o, "laneId");
        JsonArray arr = Fields.array("events", o, "events");
        List<LaneEvent> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            LaneEvent e = eventFromJson(Fields.object("events", arr, i));
            if (!e.laneId().equals(lane)) {
                throw new WireFormatException("events: element " + i + " is of lane " + e.laneId() + ", batch of "
                        + lane);
            }
            out.add(e);
        }
        return out;
    }

    public static byte[] encode(EventAck a) {
        JsonObject o = new JsonObject().put("laneId", a.laneId())
                .put("eventIds", new JsonArray(new ArrayList<>(a.eventIds())));
        if (a.clock() != null) {
            o.put("clock", new JsonObject().put("helloSentAt", str(a.clock().helloSentAt()))
                    .put("centralAt", str(a.clock().centralAt())));
        }
        return o.toBuffer().getBytes();
    }

    public static EventAck decodeAck(byte[] payload) {
        JsonObject o = Fields.parse("ack", payload);
        JsonArray ids = Fields.array("ack", o, "eventIds");
        List<String> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (!(ids.getValue(i) instanceof String s)) {
                throw new WireFormatException("ack: eventIds[" + i + "] must be a string");
            }
            out.add(s);
        }
        EventAck.ClockEcho clock = null;
        if (o.getValue("clock") != null) {
            if (!(o.getValue("clock") instanceof JsonObject c)) {
                throw new WireFormatException("ack: field 'clock' must be an object");
            }
            clock = new EventAck.ClockEcho(instant("ack", c, "helloSentAt"), instant("ack", c, "centralAt"));
        }
        return new EventAck(string("ack", o, "laneId"), out, clock);
    }

    public static byte[] encode(Hello h) {
        JsonObject o = new JsonObject().put("laneId", h.laneId()).put("registryVersion", h.registryVersion())
                .put("outboxPending", h.outboxPending());
        if (h.snapshotFormat() > 0) {
            o.put("snapshotFormat", h.snapshotFormat());
        }
        putIf(o, "sentAt", str(h.sentAt()));
        return o.toBuffer().getBytes();
    }

    public static Hello decodeHello(byte[] payload) {
        JsonObject o = Fields.parse("hello", payload);
        Long pending = optNumber("hello", o, "outboxPending");
        Long format = optNumber("hello", o, "snapshotFormat");
        if (format != null && (format < 0 || format > Integer.MAX_VALUE)) {
            throw new WireFormatException("hello: field 'snapshotFormat' out of range: " + format);
        }
        return new Hello(string("hello", o, "laneId"), number("hello", o, "registryVersion"),
                pending == null ? 0 : pending, format == null ? 0 : format.intValue(),
                optInstant("hello", o, "sentAt"));
    }

    public static byte[] encode(LaneStatus s) {
        JsonArray devices = new JsonArray();
        for (LaneStatus.DeviceStatus d : s.devices()) {
            JsonObject dj = new JsonObject().put("device", d.device()).put("state", d.state());
            putIf(dj, "detail", d.detail());
            devices.add(dj);
        }
        JsonObject o = new JsonObject().put("laneId", s.laneId()).put("online", s.online())
                .put("barrier", s.barrier().name()).put("devices", devices).put("queue", s.queue());
        putIf(o, "at", str(s.at()));
        LaneStatus.Waiting v = s.waiting();
        if (v != null) {
            JsonObject wj = new JsonObject().put("eventId", v.eventId()).put("since", str(v.since()))
                    .put("verdict", v.verdict());
            putIf(wj, "plate", v.plate());
            putIf(wj, "plateAsRead", v.plateAsRead());
            putIf(wj, "confidence", v.confidence());
            putIf(wj, "card", v.card());
            putIf(wj, "code", v.code());
            putIf(wj, "reason", v.reason());
            putIf(wj, "feeFen", v.feeFen());
            putIf(wj, "snapshotRef", v.snapshotRef());
            o.put("waiting", wj);
        }
        LaneStatus.ClockOffset c = s.clock();
        if (c != null) {
            o.put("clock", new JsonObject().put("aheadSeconds", c.aheadSeconds()).put("wrong", c.wrong())
                    .put("checkedAt", str(c.checkedAt())));
        }
        return o.toBuffer().getBytes();
    }

    public static LaneStatus decodeStatus(byte[] payload) {
        String w = "status";
        JsonObject o = Fields.parse(w, payload);
        JsonArray arr = Fields.array(w, o, "devices");
        List<LaneStatus.DeviceStatus> devices = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject d = Fields.object(w, arr, i);
            devices.add(new LaneStatus.DeviceStatus(string(w, d, "device"), string(w, d, "state"),
                    optString(w, d, "detail")));
        }
        Long queue = optNumber(w, o, "queue");
        LaneStatus.Waiting waiting = null;
        if (o.getValue("waiting") != null) {
            if (!(o.getValue("waiting") instanceof JsonObject v)) {
                throw new WireFormatException("status: field 'waiting' must be an object");
            }
            Long conf = optNumber(w, v, "confidence");
            waiting = new LaneStatus.Waiting(string(w, v, "eventId"), instant(w, v, "since"), optString(w, v, "plate"),
                    optString(w, v, "plateAsRead"), conf == null ? null : conf.intValue(), optString(w, v, "card"),
                    string(w, v, "verdict"), optString(w, v, "code"), optString(w, v, "reason"),
                    optNumber(w, v, "feeFen"), optString(w, v, "snapshotRef"));
        }
        LaneStatus.ClockOffset clock = null;
        if (o.getValue("clock") != null) {
            if (!(o.getValue("clock") instanceof JsonObject c)) {
                throw new WireFormatException("status: field 'clock' must be an object");
            }
            long ahead = number(w, c, "aheadSeconds");
            if (Math.abs(ahead) > MAX_CLOCK_OFFSET_SECONDS) {
                throw new WireFormatException("status: field 'aheadSeconds' out of range: " + ahead);
            }
            clock = new LaneStatus.ClockOffset(ahead, bool(w, c, "wrong"), instant(w, c, "checkedAt"));
        }
        return new LaneStatus(string(w, o, "laneId"), bool(w, o, "online"), optInstant(w, o, "at"),
                optEnum(w, o, "barrier", BarrierState.class), devices, queue == null ? 0 : queue.intValue(), waiting,
                clock);
    }

    public static byte[] encode(Command c) {
        JsonObject o = new JsonObject().put("commandId", c.commandId()).put("laneId", c.laneId())
                .put("kind", c.kind().name()).put("issuedAt", c.issuedAt().toString())
                .put("expiresAt", c.expiresAt().toString()).put("nonce", c.nonce());
        putIf(o, "exceptionId", c.exceptionId());
        putIf(o, "plate", c.plate());
        putIf(o, "issuedBy", c.issuedBy());
        putIf(o, "reason", c.reason());
        putIf(o, "signature", c.signature());
        return o.toBuffer().getBytes();
    }

    public static Command decodeCommand(byte[] payload) {
        String w = "command";
        JsonObject o = Fields.parse(w, payload);
        return new Command(string(w, o, "commandId"), string(w, o, "laneId"), enumValue(w, o, "kind",
                CommandKind.class),
                optString(w, o, "exceptionId"), optString(w, o, "plate"), optString(w, o, "issuedBy"),
                optString(w, o, "reason"), instant(w, o, "issuedAt"), instant(w, o, "expiresAt"),
                string(w, o, "nonce"), string(w, o, "signature"));
    }

    public static byte[] encode(Prepayment p) {
        return new JsonObject().put("id", p.id()).put("plate", p.plate()).put("amountFen", p.amountFen())
                .put("method", p.method().name()).put("paidAt", p.paidAt().toString())
                .put("freeUntil", p.freeUntil().toString()).toBuffer().getBytes();
    }

    public static Prepayment decodePrepayment(byte[] payload) {
        String w = "prepayment";
        JsonObject o = Fields.parse(w, payload);
        long fen = number(w, o, "amountFen");
        if (fen < 0) {
            throw new WireFormatException("prepayment: field 'amountFen' must not be negative, was " + fen);
        }
        return new Prepayment(string(w, o, "id"), string(w, o, "plate"), fen,
                enumValue(w, o, "method", PaymentMethod.class), instant(w, o, "paidAt"), instant(w, o, "freeUntil"));
    }

    static void putIf(JsonObject o, String k, Object v) {
        if (v != null) {
            o.put(k, v);
        }
    }
}
