package io.parkgate.wire;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * JSON for {@link SpaceCount}: {@code {"capacity":300,"free":120,"at":"2026-11-23T01:00:00Z"}}. A payload
 * that is not such an object throws {@link WireFormatException} saying what is wrong; the numbers' meaning
 * (negative, above capacity) is for the receiver to judge.
 */
public final class SpaceCodec {

    private static final String WHAT = "free-space count";

    private SpaceCodec() {
    }

    public static byte[] encode(SpaceCount c) {
        return new JsonObject().put("capacity", c.capacity()).put("free", c.free()).put("at", c.at().toString())
                .encode().getBytes(StandardCharsets.UTF_8);
    }

    public static SpaceCount decode(byte[] payload) {
        JsonObject o = Fields.parse(WHAT, payload);
        return new SpaceCount(Fields.number(WHAT, o, "capacity"), Fields.number(WHAT, o, "free"),
                Fields.instant(WHAT, o, "at"));
    }
}
