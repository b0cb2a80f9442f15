package io.parkgate.central.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Central's management port for operators' tools: {@code /metrics} (Prometheus), {@code /health} and
 * {@code /ready} (database open, broker connected). Unauthenticated, so bound to 127.0.0.1 unless the
 * operator names a management address that only the monitoring host reaches (docs/deploy.md).
 */
public final class ManagementHttp implements AutoCloseable {

    private final HttpServer server;

    private ManagementHttp(HttpServer server) {
        this.server = server;
    }

    /** @param readiness what is not ready (JSON with {@code ready}: boolean) */
    public static ManagementHttp start(Vertx vertx, String host, int port, PrometheusMeterRegistry registry,
                                       Supplier<JsonObject> readiness) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(registry.scrape()));
        router.get("/health").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end(new JsonObject().put("status", "UP").encode()));
        router.get("/ready").handler(ctx -> {
            JsonObject r = readiness.get();
            ctx.response().setStatusCode(r.getBoolean("ready", false) ? 200 : 503)
                    .putHeader("content-type", "application/json").end(r.encode());
        });
        try {
            return new ManagementHttp(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open central's management port " + host + ":" + port + ": "
                    + cause.getMessage());
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
            // at shutdown: nothing left to tell
        }
    }
}
