package io.parkgate.agent.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The agent's small HTTP port for operators: {@code /metrics} (Prometheus text), {@code /health} (the
 * process answers) and {@code /ready} (every lane's store open, central connected, devices connected;
 * 503 otherwise, with what is not). Bound to 127.0.0.1 unless configured, since it is not authenticated.
 */
public final class AgentHttp implements AutoCloseable {

    private final HttpServer server;

    private AgentHttp(HttpServer server) {
        this.server = server;
    }

    /** @throws IllegalStateException naming the address when the port cannot be bound */
    public static AgentHttp start(Vertx vertx, String host, int port, PrometheusMeterRegistry registry,
                                  Supplier<List<GateAgent>> agents) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        router.get("/health").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/ready").handler(ctx -> {
            JsonArray lanes = new JsonArray();
            boolean ready = true;
            for (GateAgent agent : agents.get()) {
                GateAgent.Readiness r = agent.readiness();
                ready &= r.ready();
                JsonObject devices = new JsonObject();
                r.devices().forEach((d, s) -> devices.put(d.name(), s.name()));
                lanes.add(new JsonObject().put("lane", r.laneId()).put("ready", r.ready()).put("store", "OPEN")
                        .put("central", r.uplink().name()).put("devices", devices)
                        .put("registryVersion", r.registryVersion()));
            }
            ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("ready", ready).put("lanes", lanes).encode());
        });
        try {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new AgentHttp(server);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open the agent's metrics port " + host + ":" + port + ": "
                    + cause.getMessage() + " (set --metrics-port, or 0 to turn it off)");
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing at shutdown: nothing left to tell
        }
    }
}
