package io.parkgate.agent.device.camera.imaging;

import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.device.camera.push.PushHttp;
import io.parkgate.agent.device.camera.push.PushedCamera;
import io.parkgate.config.FrameSenders;
import io.parkgate.wire.SnapshotLink;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent process's one HTTP server for its imaging lanes, on {@code agents.framePort}:
 * <ul>
 *   <li>{@code POST /lanes/{laneId}/frames}, {@code Content-Type: image/jpeg}: 202 when queued for that
 *       lane's recogniser; 400 with the reason for a wrong content type, an empty body, bytes that are not
 *       a JPEG, an unknown lane or a lane whose camera does not push over HTTP; 403 from an address not
 *       among the lane's {@code frameSenders} (a posted frame can show the lane a resident's plate);
 *       413 over {@link FrameCheck#MAX_FRAME_BYTES}. A refused frame never reaches the lane.</li>
 *   <li>{@code GET /lanes/{laneId}/snapshots/yyyy-MM-dd/<uuid>.jpg?expires=…&sig=…}: a kept frame, read-only,
 *       only for a link central signed for the console ({@link SnapshotLink}); 403 with the reason for an
 *       unsigned, forged or expired link, 404 for no such frame.</li>
 *   <li>the vendor cameras' pushes ({@link PushHttp}): {@code POST /lanes/{laneId}/push/{vendor}} and Dahua's
 *       fixed {@code /NotificationInfo/…} paths.</li>
 * </ul>
 * Handlers only check and queue: they never block the event loop.
 */
public final class FrameServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FrameServer.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final String base;

    /**
     * A lane's place on the server: its camera (null when it does not push over HTTP), who may send it
     * frames, and its snapshots.
     */
    private record Lane(ImagingCameraDriver camera, FrameSenders senders, String source, SnapshotStore snapshots) {
    }

    /** Refused senders already logged at WARN, so a misconfigured or hostile host cannot flood the log. */
    private final Set<String> refusedSenders = ConcurrentHashMap.newKeySet();

    private final PushHttp pushes;
    /** Per lane, the key its snapshot links are checked with; a lane without one serves no snapshots. */
    private final Map<String, SnapshotLink> links;
    private final Clock clock;

    /**
     * Starts listening; returns once bound.
     *
     * @param bindHost       e.g. {@code 0.0.0.0} (cameras on the lane network) or {@code 127.0.0.1}
     * @param port           the frame port; 0 picks a free one (tests)
     * @param advertisedHost the host name in snapshot URLs, as the console reaches this agent
     * @param laneSecrets    per lane, the command secret its snapshot links are signed with (by central); a lane
     *                       without one serves no snapshots
     * @param clock          real time, for the links' expiry
     * @throws IllegalStateException naming the port when it cannot be bound
     */
    public static FrameServer start(Vertx vertx, String bindHost, int port, String advertisedHost,
                                    Map<String, String> laneSecrets, Clock clock) {
        return new FrameServer(vertx, bindHost, port, advertisedHost, laneSecrets, clock);
    }

    private FrameServer(Vertx vertx, String bindHost, int port, String advertisedHost, Map<String, String> laneSecrets,
                        Clock clock) {
        Objects.requireNonNull(vertx, "vertx");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, SnapshotLink> keys = new java.util.HashMap<>();
        laneSecrets.forEach((lane, secret) -> keys.put(lane, new SnapshotLink(secret)));
        this.links = Map.copyOf(keys);
        this.pushes = new PushHttp();
        Router router = Router.router(vertx);
        router.post("/lanes/:laneId/frames")
                .handler(BodyHandler.create(false).setBodyLimit(FrameCheck.MAX_FRAME_BYTES))
                .handler(this::frame);
        router.get("/lanes/:laneId/snapshots/*").handler(this::snapshot);
        pushes.install(router); // vendor cameras' recognitions (docs/cameras.md)
        router.errorHandler(413, ctx -> reply(ctx.response(), 413, "the frame is over the "
                + FrameCheck.MAX_FRAME_BYTES + "-byte limit"));
        try {
            this.server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(router).listen(port, bindHost)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("frame port " + bindHost + ":" + port + " could not be opened: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening frame port " + port, e);
        }
        this.base = "http://" + advertisedHost + ":" + server.actualPort();
        LOG.info("frame server listening on {}:{} (snapshots as {}/lanes/…, signed links only)", bindHost,
                server.actualPort(), base);
    }

    public int port() {
        return server.actualPort();
    }

    /**
     * Serves a lane: its snapshots always, its frames when {@code camera} is given (HTTP source).
     *
     * @param senders who may POST the lane's frames
     * @param source  the lane's configured imaging source, for the message to a camera that POSTs wrongly
     */
    public void register(String laneId, ImagingCameraDriver camera, FrameSenders senders, String source,
                         SnapshotStore snapshots) {
        lanes.put(laneId, new Lane(camera, senders, source, snapshots));
    }

    public void unregister(String laneId) {
        lanes.remove(laneId);
        pushes.unregister(laneId);
    }

    /** Takes a vendor camera's pushes for its lane (and serves the lane's snapshots). */
    public void register(PushedCamera camera, SnapshotStore snapshots) {
        lanes.put(camera.laneId(), new Lane(null, camera.senders(), camera.vendor() + " push", snapshots));
        pushes.register(camera);
    }

    /** The http URL under which a lane's snapshot (its store name) is served. */
    public String snapshotUrl(String laneId, String name) {
        return base + "/lanes/" + laneId + "/snapshots/" + name;
    }

    private void frame(RoutingContext ctx) {
        String laneId = ctx.pathParam("laneId");
        HttpServerResponse response = ctx.response();
        Lane lane = lanes.get(laneId);
        if (lane == null) {
            reply(response, 400, "unknown lane '" + laneId + "'; this agent takes frames for " + httpLanes());
            return;
        }
        if (lane.camera() == null) {
            reply(response, 400, "lane '" + laneId + "' takes its frames from " + lane.source() + ", not HTTP");
            return;
        }
        SocketAddress from = ctx.request().remoteAddress();
        InetSocketAddress remote = from == null || from.hostAddress() == null ? null
                : new InetSocketAddress(from.hostAddress(), from.port());
        if (!lane.senders().allows(remote)) {
            String who = remote == null ? "an unknown address" : remote.getAddress().getHostAddress();
            if (refusedSenders.add(laneId + " " + who)) {
                LOG.warn("lane {}: frame from {} refused: not among its frameSenders {}", laneId, who,
                        lane.senders());
            }
            reply(response, 403, "frames for lane '" + laneId + "' are not accepted from " + who
                    + "; add the camera's address to the lane's devices.camera.frameSenders");
            return;
        }
        String type = ctx.request().getHeader("Content-Type");
        String mime = type == null ? "" : type.split(";", 2)[0].trim();
        if (!mime.equalsIgnoreCase("image/jpeg")) {
            reply(response, 400, type == null ? "no Content-Type; frames must be sent as image/jpeg"
                    : "Content-Type " + type + " is not image/jpeg");
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String problem = lane.camera().accept(body, "http " + ctx.request().remoteAddress(), null);
        if (problem != null) {
            reply(response, 400, problem);
            return;
        }
        reply(response, 202, "queued for lane " + laneId);
    }

    private void snapshot(RoutingContext ctx) {
        String laneId = ctx.pathParam("laneId");
        Lane lane = lanes.get(laneId);
        String name = ctx.pathParam("*");
        if (lane == null) {
            reply(ctx.response(), 404, "no lane '" + laneId + "' on this agent");
            return;
        }
        // The link is checked before the file is looked for: an unsigned request learns nothing about the store.
        SnapshotLink link = links.get(laneId);
        if (link == null) {
            reply(ctx.response(), 403, "lane '" + laneId + "' shows its snapshots only through central's console, "
                    + "and this agent has no uplink secret for it");
            return;
        }
        SnapshotLink.Check check = link.check(ctx.request().path(), ctx.request().getParam("expires"),
                ctx.request().getParam("sig"), clock.instant());
        if (check != SnapshotLink.Check.VALID) {
            reply(ctx.response(), 403, "snapshot refused: " + check.reason());
            return;
        }
        var file = lane.snapshots().resolve(name);
        if (file.isEmpty()) {
            reply(ctx.response(), 404, "no snapshot '" + name + "' for lane '" + laneId + "'");
            return;
        }
        ctx.response().putHeader("Content-Type", "image/jpeg")
                .putHeader("Cache-Control", "private, max-age=" + SnapshotLink.LIFETIME.toSeconds())
                .sendFile(file.get().toString());
    }

    private String httpLanes() {
        return lanes.entrySet().stream().filter(e -> e.getValue().camera() != null).map(Map.Entry::getKey)
                .sorted().toList().toString();
    }

    private static void reply(HttpServerResponse response, int status, String message) {
        if (status >= 400) {
            LOG.debug("frame server answered {}: {}", status, message);
        }
        response.setStatusCode(status).putHeader("Content-Type", TEXT).end(message + "\n");
    }

    @Override
    public void close() {
        try {
            server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("frame server did not close cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
