package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.PushOutcome;
import io.parkgate.agent.device.camera.FrameCheck;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.CameraConfig;
import io.parkgate.config.CameraKind;
import io.parkgate.config.FrameSenders;
import io.parkgate.protocol.vendor.CameraPush;
import io.parkgate.protocol.vendor.DahuaCodec;
import io.parkgate.protocol.vendor.DigestAuth;
import io.parkgate.protocol.vendor.HikvisionCodec;
import io.parkgate.protocol.vendor.PictureCheck;
import io.parkgate.protocol.vendor.PushProblem;
import io.parkgate.protocol.vendor.PushRefusedException;
import io.parkgate.protocol.vendor.ZhenshiCodec;
import io.parkgate.schedule.Periodic;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's vendor camera that pushes its recognitions over HTTP (Zhenshi, Hikvision, Dahua). The frame
 * server hands it each body from an allowed sender; it reads it with the vendor's codec, keeps it in a
 * spool until handled, and decides what the push is for the lane:
 * <ul>
 *   <li>a live recognition (an arrival) becomes a {@link PlateRead} for the lane, like a smart camera's
 *       {@code $PLATE} line, with the scene picture kept as its snapshot;</li>
 *   <li>a re-pushed offline record ({@code isoffline}) is recorded as a late event with the camera's own
 *       time in {@code late-plates.jsonl}, never decided as an arrival now;</li>
 *   <li>lingering, lingering-cleared and reversing events are logged and counted, not arrivals;</li>
 *   <li>a record seen before (same {@code plateid}/UUID) is acknowledged and dropped;</li>
 *   <li>any push or heartbeat marks the camera online; {@link #SILENT_AFTER} without one marks it FAULT.</li>
 * </ul>
 * A body that cannot be read is answered as the vendor expects (so the camera does not retry it forever),
 * logged and counted, and never reaches the lane. Work runs on the camera's own thread, in arrival order.
 */
public final class PushedCamera implements AutoCloseable {

    /**
     * Without a push or heartbeat for this long the camera is reported silent. Measured on the monotonic
     * clock: the camera's heartbeat period is wall time, whatever the lane's clock says.
     */
    public static final Duration SILENT_AFTER = Duration.ofSeconds(60);
    /** How long a Zhenshi reply waits for the lane's display text, so it can carry it (real time). */
    public static final Duration REPLY_HOLD = Duration.ofSeconds(1);
    /**
     * How long an OPEN for the camera's relay waits for a push or heartbeat to answer (wall time). After
     * that it fails: a late {@code info:"ok"} could lift the arm for a vehicle that has gone.
     */
    public static final Duration OPEN_WAIT = Duration.ofSeconds(5);
    /** Record ids remembered for dropping duplicates: a camera re-pushes thousands of stored records. */
    static final int REMEMBERED_IDS = 8192;

    private static final Logger LOG = LoggerFactory.getLogger(PushedCamera.class);

    /** An HTTP reply to the camera. */
    public record Reply(int status, String contentType, byte[] body) {
    }

    private final String laneId;
    private final CameraKind vendor;
    private final FrameSenders senders;
    private final DigestAuth digest;
    private final LaneEventSink sink;
    private final Clock clock;
    private final ZoneId zone;
    private final DeviceMetrics metrics;
    private final SnapshotStore snapshots;
    private final Function<String, String> snapshotRef;
    private final SerialOutbox outbox;
    private final boolean relayOpens;
    private final java.util.List<CompletableFuture<Void>> pendingOpens = new java.util.ArrayList<>();
    private CompletableFuture<Void> openRequested = new CompletableFuture<>();
    private final Path lateFile;
    private final Path spool;
    private final PushCounters counters;
    private final ScheduledExecutorService thread;
    private final Set<String> refusalsLogged = ConcurrentHashMap.newKeySet();
    private final Set<String> loggedUnknownFields = ConcurrentHashMap.newKeySet();
    private final AtomicLong spoolSeq = new AtomicLong();
    private final Map<String, Integer> seen = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private long lastContactNanos; // camera thread only
    private boolean online; // camera thread only
    private boolean missingImageLogged; // camera thread only

    /**
     * @param laneDir     the lane's data directory: spool, late events
     * @param snapshots   where scene pictures are kept, or null not to keep them
     * @param snapshotRef how a kept picture is referred to (its URL on the frame server)
     * @param outbox      the display bytes for a Zhenshi camera's serial channel, or null
     */
    public PushedCamera(String laneId, CameraConfig config, Path laneDir, LaneEventSink sink, Clock clock,
                        DeviceMetrics metrics, SnapshotStore snapshots, Function<String, String> snapshotRef,
                        SerialOutbox outbox) {
        this.laneId = Objects.requireNonNull(laneId, "laneId");
        this.vendor = config.kind();
        if (!vendor.pushes()) {
            throw new IllegalArgumentException(vendor + " cameras do not push");
        }
        this.senders = FrameSenders.of(config.frameSenders());
        this.digest = config.username() == null ? null
                : new DigestAuth("parkgate " + laneId, config.username(), config.password(), clock);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = clock.getZone();
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.counters = new PushCounters(vendor, metrics);
        this.snapshots = snapshots;
        this.snapshotRef = snapshotRef == null ? name -> name : snapshotRef;
        this.outbox = outbox;
        this.relayOpens = config.cameraRelay();
        this.lateFile = laneDir.resolve("late-plates.jsonl");
        this.spool = laneDir.resolve("camera-spool");
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-push-" + laneId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Reports CONNECTING until the first push, records what a crash left in the spool, starts the watchdog. */
    public void start() {
        sink.deviceState(LaneDevice.CAMERA, DeviceState.CONNECTING, "waiting for the " + vendor
                + " camera's first push or heartbeat");
        thread.execute(this::recoverSpool);
        Periodic.every(thread, Duration.ofSeconds(1), Duration.ofSeconds(1), LOG,
                "lane " + laneId + ": " + vendor + " camera watchdog", this::watch);
    }

    public String laneId() {
        return laneId;
    }

    public CameraKind vendor() {
        return vendor;
    }

    public FrameSenders senders() {
        return senders;
    }

    /** The digest check of its pushes, or null when the camera does not authenticate. */
    public DigestAuth digest() {
        return digest;
    }

    public PushCounters counters() {
        return counters;
    }

    /** A body from an allowed (and, where configured, authenticated) sender: read, handled, answered. */
    public CompletableFuture<Reply> receive(byte[] body, String contentType, String path, String origin) {
        CompletableFuture<Boolean> handled = CompletableFuture.supplyAsync(
                () -> handle(body, contentType, path, origin), thread);
        return handled.thenCompose(delivered -> {
            if (vendor != CameraKind.ZHENSHI || (outbox == null && !relayOpens) || !delivered) {
                return CompletableFuture.completedFuture(ack());
            }
            // The lane decides within milliseconds of a delivered plate: carry its OPEN and its display text
            // in this reply (the display's chunk comes with or right after the OPEN).
            CompletableFuture<Void> wait = relayOpens ? openWanted()
                    : outbox.whenFilled();
            return wait.completeOnTimeout(null, REPLY_HOLD.toMillis(), TimeUnit.MILLISECONDS)
                    .thenCompose(v -> outbox == null ? CompletableFuture.completedFuture(null)
                            : outbox.whenFilled().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS))
                    .thenApply(v -> ack());
        });
    }

    /**
     * An OPEN for the camera's relay: sent as {@code info:"ok"} in the reply to the camera's next push or
     * heartbeat. Completes when that reply is handed to the HTTP server; fails after {@link #OPEN_WAIT}
     * without one, and is then forgotten so it can never fire late.
     */
    @SuppressWarnings({"FutureReturnValueIgnored", "CollectionUndefinedEquality"}) // the timeout is handled in
    // whenComplete; the pending list holds futures by identity, which is what removing this very one needs
    public CompletableFuture<Void> requestOpen() {
        CompletableFuture<Void> open = new CompletableFuture<>();
        synchronized (pendingOpens) {
            pendingOpens.add(open);
            openRequested.complete(null);
        }
        open.orTimeout(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            synchronized (pendingOpens) {
                pendingOpens.remove(open);
            }
            if (e != null) {
                LOG.warn("lane {}: OPEN for the {} camera's relay dropped: no push or heartbeat within {} s",
                        laneId, vendor, OPEN_WAIT.toSeconds());
            }
        });
        return open.exceptionallyCompose(e -> CompletableFuture.failedFuture(
                new io.parkgate.agent.port.DeviceFaultException("no push or heartbeat from the " + vendor
                        + " camera within " + OPEN_WAIT.toSeconds() + " s to carry the OPEN for its relay", e)));
    }

    private CompletableFuture<Void> openWanted() {
        synchronized (pendingOpens) {
            return pendingOpens.isEmpty() ? openRequested.copy() : CompletableFuture.completedFuture(null);
        }
    }

    /** Takes the pending OPENs: true when this reply must fire the camera's relay. */
    private boolean takeOpens() {
        java.util.List<CompletableFuture<Void>> taken;
        synchronized (pendingOpens) {
            taken = java.util.List.copyOf(pendingOpens);
            pendingOpens.clear();
            openRequested = new CompletableFuture<>();
        }
        // an OPEN that already timed out stays failed: complete() tells which ones are still wanted
        long wanted = taken.stream().filter(f -> f.complete(null)).count();
        if (wanted > 0) {
            LOG.info("lane {}: OPEN sent to the {} camera's relay (info ok)", laneId, vendor);
        }
        return wanted > 0;
    }

    /** A push refused before it was read (too large, sender refused, authentication): counted and logged. */
    public Reply refused(PushProblem problem, String detail, String origin) {
        counters.count(problem);
        if (problem.metricReason() != null) {
            metrics.frameRejected(LaneDevice.CAMERA, problem.metricReason());
        }
        boolean quiet = (problem == PushProblem.SENDER_REFUSED || problem == PushProblem.UNAUTHENTICATED)
                && !refusalsLogged.add(problem + " " + origin); // a hostile or misconfigured host: once per address
        if (quiet) {
            LOG.debug("lane {}: {} push from {} refused ({}): {}", laneId, vendor, origin, problem, detail);
        } else {
            LOG.warn("lane {}: {} push from {} refused ({}): {}; nothing reaches the lane", laneId, vendor, origin,
                    problem, detail);
        }
        return ack();
    }

    /** The vendor's "received" answer, which stops the camera retrying: with display bytes for Zhenshi. */
    public Reply ack() {
        return switch (vendor) {
            case ZHENSHI -> new Reply(200, "application/json; charset=utf-8",
                    ZhenshiCodec.reply(relayOpens && takeOpens(), outbox == null ? java.util.List.of()
                            : outbox.drain()));
            case DAHUA -> new Reply(200, "application/json; charset=utf-8", DahuaCodec.REPLY);
            default -> new Reply(200, "application/xml; charset=utf-8", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<ResponseStatus><statusCode>1</statusCode><statusString>OK</statusString></ResponseStatus>")
                    .getBytes(StandardCharsets.UTF_8));
        };
    }

    /** Camera thread. True when a plate was delivered to the lane. */
    private boolean handle(byte[] body, String contentType, String path, String origin) {
        contact();
        CameraPush push;
        try {
            push = parse(body, contentType, path);
        } catch (PushRefusedException e) {
            refused(e.problem(), e.getMessage(), origin);
            return false;
        }
        if (push instanceof CameraPush.Heartbeat) {
            counters.count(PushOutcome.HEARTBEAT);
            LOG.debug("lane {}: {} heartbeat from {}", laneId, vendor, origin);
            return false;
        }
        if (push instanceof CameraPush.Other o) {
            counters.count(PushOutcome.OTHER);
            LOG.debug("lane {}: {} push from {} acknowledged: {}", laneId, vendor, origin, o.what());
            return false;
        }
        CameraPush.Recognition r = (CameraPush.Recognition) push;
        Path spooled = spool(body, contentType, path);
        try {
            return recognition(r, origin, false);
        } finally {
            unspool(spooled);
        }
    }

    /** A picture is kept only when the recogniser could decode it (JPEG, PNG or BMP by content, size-bounded). */
    private static final PictureCheck DECODABLE = bytes -> FrameCheck.problem(bytes) == null;

    private CameraPush parse(byte[] body, String contentType, String path) throws PushRefusedException {
        return switch (vendor) {
            case ZHENSHI -> ZhenshiCodec.parse(body, contentType, DECODABLE);
            case HIKVISION -> HikvisionCodec.parse(body, contentType, zone, DECODABLE);
            case DAHUA -> path != null && path.endsWith(DahuaCodec.KEEP_ALIVE_PATH) ? new CameraPush.Heartbeat(null)
                    : DahuaCodec.parse(body, contentType, zone, DECODABLE);
            default -> throw new IllegalStateException(vendor + " does not push");
        };
    }

    private boolean recognition(CameraPush.Recognition r, String origin, boolean recovered) {
        Integer times;
        synchronized (seen) {
            times = seen.merge(r.eventId(), 1, Integer::sum);
        }
        if (times > 1) {
            counters.count(PushProblem.DUPLICATE);
            if (times == 2 || times % 10 == 0) {
                LOG.info("lane {}: {} record {} pushed again ({} times so far): acknowledged, not used twice",
                        laneId, vendor, r.eventId(), times);
            }
            return false;
        }
        if (!r.unknownFields().isEmpty()) {
            counters.count(PushProblem.UNKNOWN_FIELDS);
            for (String f : r.unknownFields()) {
                if (loggedUnknownFields.add(f)) {
                    LOG.info("lane {}: {} push has field '{}' this version does not read; ignored", laneId, vendor, f);
                }
            }
        }
        String ref = null;
        if (r.sceneJpeg() == null) {
            counters.count(PushProblem.MISSING_IMAGE);
            if (!missingImageLogged) {
                missingImageLogged = true;
                LOG.info("lane {}: {} recognition {} came without a readable scene picture (further ones at DEBUG); "
                        + "the plate is used, no snapshot kept", laneId, vendor, r.eventId());
            } else {
                LOG.debug("lane {}: recognition {} without a readable scene picture", laneId, r.eventId());
            }
        } else if (snapshots != null) {
            try {
                ref = snapshotRef.apply(snapshots.save(r.sceneJpeg(), clock.instant()));
            } catch (RuntimeException e) {
                LOG.warn("lane {}: scene picture of {} not kept: {}", laneId, r.eventId(), e.toString());
            }
        }
        if (r.offline() || recovered) {
            recordLate(r, ref, recovered ? "recovered from the spool" : "camera re-pushed a stored record");
            return false;
        }
        if (r.trigger() != CameraPush.Trigger.ARRIVAL) {
            counters.count(PushOutcome.NOT_AN_ARRIVAL);
            LOG.info("lane {}: {} {} event {} ({}): not an arrival", laneId, vendor, r.trigger(), r.eventId(),
                    r.plate() == null ? "no plate" : r.plate());
            return false;
        }
        counters.count(PushOutcome.DELIVERED);
        sink.plate(new PlateRead(r.plate(), r.colour(), r.confidence(), ref), clock.instant());
        metrics.delivered(LaneDevice.CAMERA);
        LOG.info("lane {}: {} plate {} {} confidence {} (record {} from {})", laneId, vendor,
                r.plate() == null ? "(none)" : r.plate(), r.colour(), r.confidence(), r.eventId(), origin);
        return true;
    }

    private void recordLate(CameraPush.Recognition r, String ref, String why) {
        counters.count(PushOutcome.LATE);
        JsonObject line = new JsonObject().put("lane", laneId).put("camera", vendor.name())
                .put("record", r.eventId()).put("plate", r.plate()).put("colour", r.colour().name())
                .put("confidence", r.confidence()).put("trigger", r.trigger().name())
                .put("capturedAt", r.capturedAt() == null ? null : r.capturedAt().toString())
                .put("receivedAt", clock.instant().toString()).put("snapshot", ref).put("why", why);
        try {
            Files.createDirectories(lateFile.getParent());
            Files.writeString(lateFile, line.encode() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("lane {}: late event {} could not be recorded: {}", laneId, r.eventId(), e.toString());
        }
        LOG.info("lane {}: late {} record {} {} captured {} ({}): recorded, not decided as an arrival", laneId,
                vendor, r.eventId(), r.plate() == null ? "(no plate)" : r.plate(), r.capturedAt(), why);
    }

    private Path spool(byte[] body, String contentType, String path) {
        try {
            Files.createDirectories(spool);
            Path f = spool.resolve(clock.millis() + "-" + spoolSeq.incrementAndGet() + ".push");
            String head = (contentType == null ? "" : contentType) + "\n" + (path == null ? "" : path) + "\n";
            byte[] h = head.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            Files.write(f, all);
            return f;
        } catch (IOException e) {
            LOG.warn("lane {}: push not spooled ({}); handled anyway", laneId, e.toString());
            return null;
        }
    }

    private void unspool(Path f) {
        if (f != null) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("lane {}: spooled push {} not removed: {}", laneId, f, e.toString());
            }
        }
    }

    /** Pushes the agent took but had not handled when it stopped: too old to decide, recorded as late. */
    private void recoverSpool() {
        if (!Files.isDirectory(spool)) {
            return;
        }
        try (Stream<Path> files = Files.list(spool)) {
            for (Path f : files.sorted().toList()) {
                byte[] all = Files.readAllBytes(f);
                int first = indexOf(all, 0);
                int second = first < 0 ? -1 : indexOf(all, first + 1);
                if (second > 0) {
                    String contentType = new String(all, 0, first, StandardCharsets.UTF_8);
                    String path = new String(all, first + 1, second - first - 1, StandardCharsets.UTF_8);
                    byte[] body = java.util.Arrays.copyOfRange(all, second + 1, all.length);
                    try {
                        if (parse(body, contentType, path) instanceof CameraPush.Recognition r) {
                            recognition(r, "spool", true);
                        }
                    } catch (PushRefusedException e) {
                        LOG.warn("lane {}: spooled push {} unreadable: {}", laneId, f.getFileName(), e.getMessage());
                    }
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            LOG.warn("lane {}: camera spool not recovered: {}", laneId, e.toString());
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void contact() {
        lastContactNanos = System.nanoTime();
        if (!online) {
            online = true;
            sink.deviceState(LaneDevice.CAMERA, DeviceState.CONNECTED, vendor + " camera pushing");
            metrics.deviceState(LaneDevice.CAMERA, DeviceState.CONNECTED);
        }
    }

    private void watch() {
        if (online && System.nanoTime() - lastContactNanos > SILENT_AFTER.toNanos()) {
            online = false;
            String detail = "no push or heartbeat from the " + vendor + " camera for " + SILENT_AFTER.toSeconds()
                    + " s";
            sink.deviceState(LaneDevice.CAMERA, DeviceState.FAULT, detail);
            metrics.deviceState(LaneDevice.CAMERA, DeviceState.FAULT);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.deviceState(LaneDevice.CAMERA, DeviceState.CLOSED, null);
    }
}
