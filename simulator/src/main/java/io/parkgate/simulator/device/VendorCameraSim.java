package io.parkgate.simulator.device;

import io.parkgate.config.CameraKind;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.vendor.CameraPush;
import io.parkgate.protocol.vendor.DahuaCodec;
import io.parkgate.protocol.vendor.DigestAuth;
import io.parkgate.protocol.vendor.HikvisionCodec;
import io.parkgate.protocol.vendor.PushRefusedException;
import io.parkgate.protocol.vendor.ZhenshiCodec;
import io.parkgate.schedule.Periodic;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vendor plate camera as it behaves on the wire (docs/cameras.md): it recognises the vehicle on the loop
 * and pushes to the agent's framePort exactly as its vendor does. The bodies are written, and the Zhenshi
 * reply read, by the lane protocol's vendor codecs: the same definitions the agent reads real cameras with.
 * <ul>
 *   <li>ZHENSHI: {@code AlarmInfoPlate} JSON with base64 pictures, a {@code plateid} per record; heartbeats as a
 *       form; after start it re-pushes two records it "stored while the agent was away" ({@code isoffline:1}),
 *       each twice, as the real camera does; now and then a lingering event (triggerType 64). The reply's
 *       {@code serialData} goes to the display on its serial channel.</li>
 *   <li>HIKVISION: the ISAPI multipart {@code anpr.xml} with the plate and scene JPEGs; the {@code videoloss
 *       inactive} alert as heartbeat; now and then a vehicle backing off ({@code direction reverse}).</li>
 *   <li>DAHUA: {@code TollgateInfo} JSON to the fixed path, answering the digest challenge; KeepAlive.</li>
 * </ul>
 * Pushes go out on the camera's own thread in real time, so a slow agent never holds up the simulated lane.
 */
public final class VendorCameraSim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VendorCameraSim.class);
    /** The camera reports this long after the vehicle stops, as the smart camera does. */
    public static final Duration FIRST_REPORT = SmartCameraSim.FIRST_REPORT;
    /** Heartbeat period in real time (a real camera's is configurable; 2 s keeps the display prompt). */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);

    private static final byte[] SCENE = jpeg(64, 36);
    private static final byte[] PLATE = jpeg(32, 10);

    private final String lane;
    private final CameraKind kind;
    private final URI base;
    private final String user;
    private final String password;
    private final DisplayModuleSim display;
    private final Runnable relay;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final Random random;
    private final ZoneId zone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService camera;
    private int plateId = 1000; // camera thread only
    private String challenge; // camera thread only

    /**
     * @param base    the agent's frame server, {@code http://host:framePort}
     * @param display the display on the camera's serial channel (ZHENSHI), or null
     */
    public VendorCameraSim(String lane, CameraKind kind, URI base, String user, String password,
                           DisplayModuleSim display, SimScheduler scheduler, EventLog events, Random random,
                                   ZoneId zone) {
        this(lane, kind, base, user, password, display, null, scheduler, events, random, zone);
    }

    /**
     * @param relay for a ZHENSHI camera whose relay is wired to the barrier ({@code barrier: CAMERA_RELAY}):
     *              fires the barrier's open input; run when a reply says {@code info:"ok"}. Null: the
     *              relay is not wired (the camera's own barrier control switched off), "ok" moves nothing
     */
    public VendorCameraSim(String lane, CameraKind kind, URI base, String user, String password,
                           DisplayModuleSim display, Runnable relay, SimScheduler scheduler, EventLog events,
                           Random random, ZoneId zone) {
        if (relay != null && kind != CameraKind.ZHENSHI) {
            throw new IllegalArgumentException(kind + " cameras have no relay parkgate drives");
        }
        this.relay = relay;
        this.lane = lane;
        this.kind = kind;
        this.base = base;
        this.user = user;
        this.password = password;
        this.display = display;
        this.scheduler = scheduler;
        this.events = events;
        this.random = random;
        this.zone = zone;
        this.camera = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vendor-camera-" + lane);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts heartbeats; a Zhenshi camera first re-pushes what it stored while the agent was away. */
    public void start() {
        if (kind == CameraKind.ZHENSHI) {
            camera.execute(() -> {
                Instant now = scheduler.now();
                for (String stored : new String[] {"粤B0D731", "湘A7Q201"}) {
                    int id = ++plateId;
                    byte[] body = ZhenshiCodec.recognitionBody(device(), id, new CameraPush.Recognition("-", stored,
                            PlateColour.BLUE, 93, now.minus(Duration.ofHours(9)), CameraPush.Trigger.ARRIVAL, true,
                            SCENE, PLATE, List.of()));
                    for (int copy = 0; copy < 2; copy++) { // the camera pushes a stored record more than once
                        send("stored record " + id + " " + stored + " (isoffline)", "application/json", body, path(),
                                stored);
                    }
                }
            });
        }
        Periodic.every(camera, Duration.ZERO, HEARTBEAT, LOG, lane + ": camera heartbeat", this::heartbeat);
    }

    /**
     * A vehicle stopped on the arming loop: the camera pushes its recognition {@link #FIRST_REPORT} later.
     *
     * @param plate   the plate in view, or null for a plateless vehicle
     * @param misread the camera reads a confusable character wrongly
     */
    public void vehicleOnLoop(String plate, PlateColour colour, boolean misread, String vehicle) {
        String text = plate == null ? null : misread ? Confusables.misread(plate, random) : plate;
        int confidence = plate == null ? 0 : misread ? 60 + random.nextInt(25) : 85 + random.nextInt(15);
        boolean oddEvent = random.nextInt(6) == 0;
        PlateColour shown = colour == null ? PlateColour.BLUE : colour;
        scheduler.schedule(FIRST_REPORT, () -> {
            Instant at = scheduler.now();
            camera.execute(() -> recognition(text, shown, confidence, at, vehicle, false));
            if (oddEvent && text != null) {
                // a lingering (Zhenshi) or reversing (Hikvision, Dahua) event about the same car: not an arrival
                camera.execute(() -> recognition(text, shown, confidence, at.plusSeconds(1), vehicle, true));
            }
        });
    }

    private void recognition(String plate, PlateColour colour, int confidence, Instant at, String vehicle,
            boolean odd) {
        String what = (odd ? (kind == CameraKind.ZHENSHI ? "lingering " : "reversing ") : "")
                + (plate == null ? "no plate" : plate) + " " + confidence;
        CameraPush.Trigger trigger = !odd ? CameraPush.Trigger.ARRIVAL
                : kind == CameraKind.ZHENSHI ? CameraPush.Trigger.LINGERING : CameraPush.Trigger.REVERSING;
        // Hikvision's UUID and Dahua's snapshot serial number identify the record, as the cameras' own do.
        String eventId = kind == CameraKind.DAHUA ? "SIM" + lane + "-" + (++plateId)
                : new UUID(random.nextLong(), random.nextLong()).toString();
        CameraPush.Recognition r = new CameraPush.Recognition(eventId, plate, colour, confidence, at, trigger, false,
                SCENE, plate == null ? null : PLATE, List.of());
        switch (kind) {
            case ZHENSHI -> send(what + " plateid " + (plateId + 1), "application/json",
                    ZhenshiCodec.recognitionBody(device(), ++plateId, r), path(), vehicle);
            case HIKVISION -> send(what, HikvisionCodec.MULTIPART_TYPE, HikvisionCodec.anprPush(r, ADDRESS, zone),
                    path(), vehicle);
            case DAHUA -> send(what, "application/json", DahuaCodec.tollgateBody(r, zone), DahuaCodec.TOLLGATE_PATH,
                    vehicle);
            default -> throw new IllegalStateException(kind + " does not push");
        }
    }

    private void heartbeat() {
        try {
            switch (kind) {
                case ZHENSHI -> send(null, "application/x-www-form-urlencoded", ZhenshiCodec.heartbeatForm(device()),
                        path(), null);
                case HIKVISION -> send(null, "application/xml", HikvisionCodec.heartbeatAlert(ADDRESS,
                        scheduler.now(), zone), path(), null);
                case DAHUA -> send(null, "application/json", DahuaCodec.keepAliveBody(), DahuaCodec.KEEP_ALIVE_PATH,
                        null);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: heartbeat failed: {}", lane, e.toString());
        }
    }

    /** The address a simulated camera reports as its own: it pushes from the local machine. */
    private static final String ADDRESS = "127.0.0.1";

    private ZhenshiCodec.Device device() {
        return new ZhenshiCodec.Device("IVS", "sim-" + lane, ADDRESS);
    }

    private String path() {
        return "/lanes/" + lane + "/push/" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Camera thread: POSTs, answers a digest challenge once, hands serialData to the display. */
    private void send(String what, String type, byte[] body, String path, String vehicle) {
        try {
            HttpResponse<String> r = post(path, type, body, authorization(path));
            if (r.statusCode() == 401 && user != null) {
                challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
                r = post(path, type, body, authorization(path));
            }
            if (kind == CameraKind.ZHENSHI && r.statusCode() == 200) {
                zhenshiReply(r.body().getBytes(StandardCharsets.UTF_8), what == null ? "heartbeat" : what);
            }
            if (what != null) {
                events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.PLATE_SENT, vehicle,
                        kind + " push " + what + " -> " + r.statusCode() + " " + summary(r.body())));
            }
        } catch (IOException e) {
            if (what != null) {
                LOG.warn("{}: {} push of {} not delivered: {}", lane, kind, what, e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpResponse<String> post(String path, String type, byte[] body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String authorization(String path) {
        return user == null || challenge == null ? null
                : DigestAuth.answer(challenge, user, password, "POST", path, Long.toHexString(random.nextLong()));
    }

    /**
     * As the camera acts on the agent's reply: {@code info:"ok"} closes its relay (the barrier's open input,
     * when wired), {@code serialData} goes out on its serial channel to the display.
     */
    private void zhenshiReply(byte[] body, String to) {
        ZhenshiCodec.Reply reply;
        try {
            reply = ZhenshiCodec.readReply(body);
        } catch (PushRefusedException e) {
            LOG.warn("{}: reply to {} the camera could not read: {}", lane, to, e.getMessage());
            return;
        }
        if (reply.open() && relay != null) {
            LOG.debug("{}: relay closed on info ok in the reply to {}", lane, to);
            relay.run(); // the controller records the OPEN, naming the camera's relay
        }
        if (display != null) {
            for (ZhenshiCodec.SerialChunk chunk : reply.serial()) {
                display.serialData(chunk.data());
            }
        }
    }

    private static String summary(String body) {
        String s = body.replaceAll("\"serialData\":\\[.*]", "\"serialData\":[…]");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** A small plain JPEG: the agent keeps it as the passage's evidence; nothing reads the pixels. */
    private static byte[] jpeg(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x20, 0x40, 0xA0));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.WHITE);
        g.fillRect(4, 3, w - 8, h - 6);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        camera.shutdownNow();
        try {
            camera.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
