package io.parkgate.central.http;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** How the HTTP door writes a record's optional fields into JSON. */
final class JsonPut {

    private JsonPut() {
    }

    /** Times as ISO-8601 instants, enumerations by name, nothing for what was not recorded. */
    static void ifSet(JsonObject o, String key, Object value) {
        if (value instanceof Instant t) {
            o.put(key, t.toString());
        } else if (value instanceof Enum<?> e) {
            o.put(key, e.name());
        } else if (value != null) {
            o.put(key, value);
        }
    }
}
