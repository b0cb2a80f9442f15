package io.parkgate.wire;

import static io.parkgate.wire.Fields.enumValue;
import static io.parkgate.wire.Fields.instant;
import static io.parkgate.wire.Fields.number;
import static io.parkgate.wire.Fields.optInstant;
import static io.parkgate.wire.Fields.optString;
import static io.parkgate.wire.Fields.str;
import static io.parkgate.wire.Fields.string;
import static io.parkgate.wire.MessageCodec.putIf;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import io.parkgate.tariff.VehicleClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * JSON of registry snapshots and deltas. A registry message is an object with {@code kind} SNAPSHOT
 * (the snapshot's fields) or DELTA ({@code fromVersion}, {@code toVersion}, {@code upserts} as a
 * snapshot without version, {@code removals} as {@code [{kind,key}]}).
 */
public final class RegistryCodec {

    private static final String W = "registry";

    private RegistryCodec() {
    }

    /**
     * A decoded registry message: exactly one is set. {@code resyncTo}: central changed too much at once to
     * send a delta (a bulk import); an agent below that version asks for the update with a hello.
     */
    public record RegistryMessage(RegistrySnapshot snapshot, RegistryDelta delta, Long resyncTo, String store,
                                  boolean forced) {

        public RegistryMessage(RegistrySnapshot snapshot, RegistryDelta delta, Long resyncTo) {
            this(snapshot, delta, resyncTo, null, false);
        }
    }

    /**
     * A snapshot or delta from the central database {@code store} (its identity). {@code forced}: a manager at
     * central ordered a resync, so an agent takes the snapshot even from another store, an older version or
     * when it removes most of the registry (each of which it refuses otherwise).
     */
    public static byte[] encode(RegistrySnapshot s, String store, boolean forced) {
        JsonObject o = snapshotJson(s).put("kind", "SNAPSHOT").put("store", store);
        if (forced) {
            o.put("forced", true);
        }
        return o.toBuffer().getBytes();
    }

    public static byte[] encode(RegistryDelta d, String store) {
        JsonObject o = new JsonObject(io.vertx.core.buffer.Buffer.buffer(encode(d))).put("store", store);
        return o.toBuffer().getBytes();
    }

    /** A resync a manager ordered: every agent asks for the registry, whatever version it holds. */
    public static byte[] encodeForcedResync(long version, String store) {
        return new JsonObject().put("kind", "RESYNC").put("version", version).put("store", store).put("forced", true)
                .toBuffer().getBytes();
    }

    /** {@code {"kind":"RESYNC","version":n}}: the registry is now at {@code version}; ask for it. */
    public static byte[] encodeResync(long version) {
        return new JsonObject().put("kind", "RESYNC").put("version", version).toBuffer().getBytes();
    }

    public static byte[] encode(RegistrySnapshot s) {
        return snapshotJson(s).put("kind", "SNAPSHOT").toBuffer().getBytes();
    }

    public static byte[] encode(RegistryDelta d) {
        JsonArray removals = new JsonArray();
        for (RegistryKey k : d.removals()) {
            removals.add(new JsonObject().put("kind", k.kind().name()).put("key", k.key()));
        }
        return new JsonObject().put("kind", "DELTA").put("fromVersion", d.fromVersion()).put("toVersion", d.toVersion())
                .put("upserts", snapshotJson(d.upserts())).put("removals", removals).toBuffer().getBytes();
    }

    public static RegistryMessage decode(byte[] payload) {
        JsonObject o = Fields.parse(W, payload);
        String kind = string(W, o, "kind");
        return switch (kind) {
            case "SNAPSHOT" -> new RegistryMessage(snapshotFrom(o, number(W, o, "version")), null, null,
                    optString(W, o, "store"), Boolean.TRUE.equals(o.getValue("forced")));
            case "DELTA" -> new RegistryMessage(null, deltaFrom(o), null, optString(W, o, "store"), false);
            case "RESYNC" -> new RegistryMessage(null, null, number(W, o, "version"), optString(W, o, "store"),
                    Boolean.TRUE.equals(o.getValue("forced")));
            default -> throw new WireFormatException(
                    "registry: field 'kind' must be SNAPSHOT, DELTA or RESYNC, was " + kind);
        };
    }

    /**
     * A snapshot as a JSON object without {@code kind}: the layout central's HTTP API uses for registry
     * records too (a single vehicle is {@code {"vehicles":[{...}]}}).
     */
    public static JsonObject toJson(RegistrySnapshot s) {
        return snapshotJson(s);
    }

    /** The inverse of {@link #toJson}; missing lists are empty, a missing version is 0. */
    public static RegistrySnapshot fromJson(JsonObject o) {
        Long v = Fields.optNumber(W, o, "version");
        return snapshotFrom(o, v == null ? 0 : v);
    }

    private static RegistryDelta deltaFrom(JsonObject o) {
        Object up = o.getValue("upserts");
        if (!(up instanceof JsonObject upserts)) {
            throw new WireFormatException("registry: delta field 'upserts' must be an object");
        }
        JsonArray arr = Fields.array(W, o, "removals");
        List<RegistryKey> removals = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonObject k = Fields.object(W, arr, i);
            removals.add(new RegistryKey(enumValue(W, k, "kind", RegistryKey.Kind.class), string(W, k, "key")));
        }
        long from = number(W, o, "fromVersion");
        long to = number(W, o, "toVersion");
        if (to <= from) {
            throw new WireFormatException("registry: delta " + from + " -> " + to + " does not advance");
        }
        return new RegistryDelta(from, to, snapshotFrom(upserts, to), removals);
    }

    private static JsonObject snapshotJson(RegistrySnapshot s) {
        JsonObject o = new JsonObject().put("version", s.version());
        o.put("owners", arr(s.owners(), w -> {
            JsonObject j = new JsonObject().put("id", w.id()).put("name", w.name());
            putIf(j, "unit", w.unit());
            putIf(j, "phone", w.phone());
            return j;
        }));
        o.put("vehicles", arr(s.vehicles(), v -> {
            JsonObject j = new JsonObject().put("plate", v.plate());
            putIf(j, "ownerId", v.ownerId());
            putIf(j, "colour", v.colour() == null ? null : v.colour().name());
            putIf(j, "vehicleClass", v.vehicleClass() == null ? null : v.vehicleClass().name());
            return j;
        }));
        o.put("cards", arr(s.cards(), c -> {
            JsonObject j = new JsonObject().put("number", c.number()).put("status", c.status().name());
            putIf(j, "ownerId", c.ownerId());
            putIf(j, "plate", c.plate());
            return j;
        }));
        o.put("passes", arr(s.passes(), p -> {
            JsonObject j = new JsonObject().put("id", p.id()).put("plate", p.plate()).put("type", p.type().name())
                    .put("validFrom", p.validFrom().toString());
            putIf(j, "validUntil", str(p.validUntil()));
            return j;
        }));
        o.put("visitors", arr(s.visitors(), v -> {
            JsonObject j = new JsonObject().put("plate", v.plate()).put("validFrom", v.validFrom().toString())
                    .put("validUntil", v.validUntil().toString());
            putIf(j, "hostOwnerId", v.hostOwnerId());
            putIf(j, "note", v.note());
            return j;
        }));
        o.put("blacklist", arr(s.blacklist(), b -> {
            JsonObject j = new JsonObject().put("plate", b.plate());
            putIf(j, "reason", b.reason());
            return j;
        }));
        o.put("exemptions", arr(s.exemptions(), e -> {
            JsonObject j = new JsonObject().put("plate", e.plate()).put("validFrom", e.validFrom().toString())
                    .put("validUntil", e.validUntil().toString());
            putIf(j, "approvedBy", e.approvedBy());
            putIf(j, "reason", e.reason());
            return j;
        }));
        return o;
    }

    private static RegistrySnapshot snapshotFrom(JsonObject o, long version) {
        return new RegistrySnapshot(version,
                list(o, "owners", j -> new Owner(string(W, j, "id"), string(W, j, "name"), optString(W, j, "unit"),
                        optString(W, j, "phone"))),
                list(o, "vehicles", j -> new Vehicle(string(W, j, "plate"), optString(W, j, "ownerId"),
                        Fields.optEnum(W, j, "colour", PlateColour.class),
                        Fields.optEnum(W, j, "vehicleClass", VehicleClass.class))),
                list(o, "cards", j -> new Card(string(W, j, "number"), optString(W, j, "ownerId"),
                        optString(W, j, "plate"), enumValue(W, j, "status", Card.Status.class))),
                list(o, "passes", j -> new Pass(string(W, j, "id"), string(W, j, "plate"),
                        enumValue(W, j, "type", Pass.Type.class), instant(W, j, "validFrom"),
                        optInstant(W, j, "validUntil"))),
                list(o, "visitors", j -> new Visitor(string(W, j, "plate"), optString(W, j, "hostOwnerId"),
                        instant(W, j, "validFrom"), instant(W, j, "validUntil"), optString(W, j, "note"))),
                list(o, "blacklist", j -> new BlacklistEntry(string(W, j, "plate"), optString(W, j, "reason"))),
                list(o, "exemptions", j -> new ManagementExemption(string(W, j, "plate"), optString(W, j, "approvedBy"),
                        instant(W, j, "validFrom"), instant(W, j, "validUntil"), optString(W, j, "reason"))));
    }

    private static <T> JsonArray arr(List<T> items, Function<T, JsonObject> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(f.apply(t));
        }
        return new JsonArray(out);
    }

    private static <T> List<T> list(JsonObject o, String field, Function<JsonObject, T> f) {
        JsonArray a = Fields.array(W, o, field);
        List<T> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            JsonObject j = Fields.object(W + "." + field, a, i);
            out.add(f.apply(j));
        }
        return out;
    }
}
