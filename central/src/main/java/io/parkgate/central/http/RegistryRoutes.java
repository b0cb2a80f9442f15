package io.parkgate.central.http;

import io.parkgate.central.registry.RegistryService;
import io.parkgate.registry.Card;
import io.parkgate.registry.RegistryKey;
import io.parkgate.wire.RegistryCodec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Locale;

/** The card centre's routes: the registry as JSON in the snapshot layout of docs/mqtt.md. */
public final class RegistryRoutes {

    private final Sites sites;

    /** The registry of the request's site: each compound keeps its own. */
    public RegistryRoutes(Sites sites) {
        this.sites = sites;
    }

    void mount(Router r) {
        r.get("/api/registry").handler(ctx -> Http.respond(ctx, c -> sites.at(c).registry().snapshot()
                .map(RegistryCodec::toJson)));
        // Body: any of owners, vehicles, cards, passes, visitors, blacklist, exemptions (arrays of records).
        r.put("/api/registry").handler(ctx -> Http.respond(ctx, c -> sites.at(c).registry()
                .upsert(Http.principal(c), RegistryCodec.fromJson(Http.body(c)))
                .map(v -> new JsonObject().put("version", v))));
        // The same body as the PUT, written nowhere: {"problems":[{"records":"vehicles","index":3,"message":".."}]}.
        r.post("/api/registry/check").handler(ctx -> Http.respond(ctx, c -> sites.at(c).registry()
                .problems(Http.principal(c), RegistryCodec.fromJson(Http.body(c)))
                .map(found -> new JsonObject().put("problems", new JsonArray(found.stream()
                        .map(p -> new JsonObject().put("records", p.records()).put("index", p.index())
                                .put("message", p.message())).toList())))));
        r.delete("/api/registry/:kind/:key").handler(ctx -> Http.respond(ctx, c -> {
            RegistryKey.Kind kind = Http.enumOf(RegistryKey.Kind.class,
                    c.pathParam("kind").toUpperCase(Locale.ROOT), "kind");
            return sites.at(c).registry().remove(Http.principal(c), new RegistryKey(kind, c.pathParam("key")))
                    .map(v -> new JsonObject().put("version", v));
        }));
        // After restoring or replacing central's database on purpose: lanes take its registry as it is.
        r.post("/api/registry/resync").handler(ctx -> Http.respond(ctx, c -> {
            RegistryService registry = sites.at(c).registry();
            return registry.forceResync(Http.principal(c), Http.required(Http.body(c), "reason"))
                    .map(v -> new JsonObject().put("version", v).put("store", registry.storeId()));
        }));
        // 办卡 / 退卡 / 挂失: {"status": "ACTIVE" | "RETURNED" | "LOST"}
        r.post("/api/registry/cards/:number/status").handler(ctx -> Http.respond(ctx, c -> {
            Card.Status s = Http.enumOf(Card.Status.class, Http.required(Http.body(c), "status"), "status");
            Future<Long> f = sites.at(c).registry().setCardStatus(Http.principal(c), c.pathParam("number"), s);
            return f.map(v -> new JsonObject().put("version", v));
        }));
    }
}
