package io.parkgate.central.http;

import io.parkgate.central.lane.LaneView;
import io.parkgate.wire.MessageCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The lanes as the API ({@code GET /api/lanes}) and the console's live stream send them: the lane's status in
 * its wire form, with the lane's post, direction and name added.
 */
public final class LaneJson {

    private LaneJson() {
    }

    public static JsonArray of(List<LaneView> lanes) {
        JsonArray out = new JsonArray();
        lanes.forEach(l -> out.add(of(l)));
        return out;
    }

    public static JsonObject of(LaneView l) {
        JsonObject o = new JsonObject(new String(MessageCodec.encode(l.status()), StandardCharsets.UTF_8))
                .put("post", l.post()).put("direction", l.direction().name());
        if (l.name() != null) {
            o.put("name", l.name());
        }
        return o;
    }
}
