package io.parkgate.central.http;

import io.parkgate.central.change.RecordedNote;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Lane notes as the consoles, the notes API and the handover form are sent them: {@code id, at, laneId, post,
 * kind, plate, note, from, displayName} always (null when not recorded), {@code passageEventId} when the note was
 * attached to a register row.
 */
public final class NoteJson {

    private NoteJson() {
    }

    public static JsonArray of(List<RecordedNote> notes) {
        JsonArray out = new JsonArray();
        notes.forEach(n -> out.add(of(n)));
        return out;
    }

    public static JsonObject of(RecordedNote n) {
        JsonObject o = new JsonObject().put("id", n.id()).put("at", n.at().toString()).put("laneId", n.laneId())
                .put("post", n.post()).put("kind", n.kind()).put("plate", n.plate()).put("note", n.note())
                .put("from", n.by()).put("displayName", n.byName());
        if (n.passageEventId() != null) {
            o.put("passageEventId", n.passageEventId());
        }
        return o;
    }
}
