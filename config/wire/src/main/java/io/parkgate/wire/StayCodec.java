package io.parkgate.wire;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON for {@link StayChange}s: one object, or {@code {"stays":[..]}} for the open stays a lane is sent
 * after it says hello. Malformed payloads throw {@link WireFormatException} saying what is wrong.
 */
public final class StayCodec {

    private StayCodec() {
    }

    public static byte[] encode(List<StayChange> changes) {
        JsonArray a = new JsonArray();
        changes.forEach(c -> a.add(json(c)));
        return new JsonObject().put("stays", a).encode().getBytes(StandardCharsets.UTF_8);
    }

    public static List<StayChange> decode(byte[] payload) {
        try {
            JsonObject o = new JsonObject(new String(payload, StandardCharsets.UTF_8));
            JsonArray a = o.getJsonArray("stays");
            if (a == null) {
                throw new WireFormatException("stays message without a 'stays' array");
            }
            List<StayChange> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add(change(a.getJsonObject(i)));
            }
            return out;
        } catch (DecodeException | ClassCastException e) {
            throw new WireFormatException("stays message is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonObject json(StayChange c) {
        return new JsonObject().put("kind", c.kind().name()).put("entryEventId", c.entryEventId())
                .put("laneId", c.laneId()).put("plate", c.plate()).put("card", c.card()).put("entryCode", c.entryCode())
                .put("at", c.at().toString());
    }

    private static StayChange change(JsonObject o) {
        try {
            return new StayChange(StayChange.Kind.valueOf(o.getString("kind")), o.getString("entryEventId"),
                    o.getString("laneId"), o.getString("plate"), o.getString("card"), o.getString("entryCode"),
                    Instant.parse(o.getString("at")));
        } catch (RuntimeException e) {
            throw new WireFormatException("bad stay change " + o.encode() + ": " + e.getMessage(), e);
        }
    }
}
