package io.parkgate.agent.device.camera.push;

import io.parkgate.config.CameraKind;
import io.parkgate.protocol.vendor.DigestAuth;
import io.parkgate.protocol.vendor.PushProblem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the vendor cameras' pushes, on the agent's frame server:
 * <ul>
 *   <li>{@code POST /lanes/{lane}/push/zhenshi}, {@code …/push/hikvision}, {@code
 * …/push/dahua[/NotificationInfo/…]};</li>
 *   <li>{@code POST /NotificationInfo/TollgateInfo} and {@code /NotificationInfo/KeepAlive}: Dahua cameras
 *       post to these fixed paths, so the lane is the one whose Dahua camera's {@code frameSenders} hold
 *       the sender's address.</li>
 * </ul>
 * The sender's address is checked before the body is read; a Dahua camera with credentials must pass
 * digest authentication. The body is read up to {@link #MAX_BODY_BYTES}; a bigger one is drained and
 * dropped, and answered as the vendor expects so the camera does not retry it. Only the lane's
 * {@link PushedCamera} reads bodies; nothing here blocks the event loop.
 */
public final class PushHttp {

    /** The most one push may carry: a scene and a plate picture in base64 are well under 2 MB. */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PushHttp.class);

    private final Map<String, PushedCamera> cameras = new ConcurrentHashMap<>();
    private final Set<String> loggedRefusals = ConcurrentHashMap.newKeySet();

    public void register(PushedCamera camera) {
        cameras.put(camera.laneId(), camera);
    }

    public void unregister(String laneId) {
        cameras.remove(laneId);
    }

    /** Adds the push routes to the frame server's router. */
    public void install(Router router) {
        router.post("/lanes/:laneId/push/:vendor").handler(this::push);
        router.post("/lanes/:laneId/push/:vendor/*").handler(this::push);
        router.post("/NotificationInfo/*").handler(this::push);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the reply is sent from whenComplete, which also handles the failure
    private void push(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        InetSocketAddress remote = remote(request);
        String who = remote == null ? "an unknown address" : remote.getAddress().getHostAddress();
        String laneId = ctx.pathParam("laneId");
        PushedCamera camera;
        if (laneId == null) {
            camera = dahuaBySender(remote);
            if (camera == null) {
                drainThen(request, () -> text(response, 404, "no Dahua lane takes pushes from " + who
                        + "; add the camera's address to its lane's devices.camera.frameSenders"));
                once("nolane " + who, "Dahua push from {} to {}: no Dahua lane lists that address in frameSenders",
                        who, request.path());
                return;
            }
        } else {
            camera = cameras.get(laneId);
            String vendor = ctx.pathParam("vendor");
            if (camera == null || vendor == null || !vendor.toUpperCase(Locale.ROOT).equals(camera.vendor().name())) {
                String expected = camera == null ? "no pushing camera on lane '" + laneId + "'"
                        : "lane '" + laneId + "' has a " + camera.vendor() + " camera: /lanes/" + laneId + "/push/"
                        + camera.vendor().name().toLowerCase(Locale.ROOT);
                drainThen(request, () -> text(response, 404, expected));
                once("path " + laneId + " " + vendor, "push to {} from {} refused: {}", request.path(), who, expected);
                return;
            }
        }
        if (!camera.senders().allows(remote)) {
            camera.refused(PushProblem.SENDER_REFUSED, "address " + who
                    + " is not among the lane's frameSenders " + camera.senders(), who);
            drainThen(request, () -> text(response, 403, "pushes for lane '" + camera.laneId()
                    + "' are not accepted from " + who + "; add the camera's address to devices.camera.frameSenders"));
            return;
        }
        if (camera.digest() != null) {
            DigestAuth.Check check = camera.digest().check(request.getHeader("Authorization"), request.method().name(),
                    request.uri());
            if (check != DigestAuth.Check.OK) {
                if (check == DigestAuth.Check.WRONG) {
                    camera.refused(PushProblem.UNAUTHENTICATED, "digest credentials do not match the lane's "
                            + "devices.camera.username/password", who);
                }
                String challenge = camera.digest().challenge(check == DigestAuth.Check.STALE);
                drainThen(request, () -> response.setStatusCode(401).putHeader("WWW-Authenticate", challenge)
                        .putHeader("Content-Type", "text/plain; charset=utf-8").end(
                                "digest authentication required\n"));
                return;
            }
        }
        String contentType = request.getHeader("Content-Type");
        String path = request.path();
        Buffer body = Buffer.buffer();
        long[] total = {0};
        request.handler(chunk -> {
            total[0] += chunk.length();
            if (total[0] <= MAX_BODY_BYTES) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debug("push from {} broke off: {}", who, e.toString()));
        request.endHandler(v -> {
            if (total[0] > MAX_BODY_BYTES) {
                send(response, camera.refused(PushProblem.TOO_LARGE, total[0] + " bytes, over the "
                        + MAX_BODY_BYTES + "-byte limit; body dropped unread", who));
                return;
            }
            camera.receive(body.getBytes(), contentType, path, who).whenComplete((reply, failure) -> {
                if (failure != null) {
                    LOG.error("lane {}: push from {} could not be handled", camera.laneId(), who, failure);
                    send(response, camera.ack());
                } else {
                    send(response, reply);
                }
            });
        });
        request.resume(); // the router pauses a request until a handler takes its body
    }

    private PushedCamera dahuaBySender(InetSocketAddress remote) {
        List<PushedCamera> matching = cameras.values().stream()
                .filter(c -> c.vendor() == CameraKind.DAHUA && c.senders().allows(remote)).toList();
        if (matching.size() > 1) {
            once("ambiguous " + remote, "Dahua push from {} matches lanes {}: give each camera its own address",
                    remote, matching.stream().map(PushedCamera::laneId).toList());
            return null;
        }
        return matching.isEmpty() ? null : matching.get(0);
    }

    private static InetSocketAddress remote(HttpServerRequest request) {
        SocketAddress from = request.remoteAddress();
        return from == null || from.hostAddress() == null ? null : new InetSocketAddress(from.hostAddress(),
                from.port());
    }

    private void once(String key, String format, Object... args) {
        if (loggedRefusals.add(key)) {
            LOG.warn(format, args);
        }
    }

    /** Answers only once the request's body has been read, so the camera's connection stays usable. */
    private static void drainThen(HttpServerRequest request, Runnable answer) {
        request.handler(chunk -> { });
        request.endHandler(v -> answer.run());
        request.exceptionHandler(e -> { });
        request.resume();
    }

    private static void send(HttpServerResponse response, PushedCamera.Reply reply) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType())
                .end(Buffer.buffer(reply.body()));
    }

    private static void text(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(message + "\n");
    }
}
