package io.parkgate.simulator.device;

import io.parkgate.config.CameraKind;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.vendor.DigestAuth;
import io.parkgate.schedule.Periodic;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.time.format.DateTimeFormatter;
import java.util.Base64;
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
 * and pushes to the agent's framePort exactly as its vendor does.
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
                    String body = zhenshi(stored, PlateColour.BLUE, 93, now.minus(Duration.ofHours(9)), 1, id, true);
                    for (int copy = 0; copy < 2; copy++) { // the camera pushes a stored record more than once
                        send("stored record " + id + " " + stored + " (isoffline)", "application/json",
                                body.getBytes(StandardCharsets.UTF_8), path(), stored);
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
        switch (kind) {
            case ZHENSHI -> send(what + " plateid " + (plateId + 1), "application/json",
                    zhenshi(plate, colour, confidence, at, odd ? 64 : 8, ++plateId, false)
                            .getBytes(StandardCharsets.UTF_8), path(), vehicle);
            case HIKVISION -> send(what, "multipart/form-data; boundary=" + BOUNDARY,
                    hikvision(plate, colour, confidence, at, odd), path(), vehicle);
            case DAHUA -> send(what, "application/json", dahua(plate, colour, confidence, at, odd)
                    .getBytes(StandardCharsets.UTF_8), "/NotificationInfo/TollgateInfo", vehicle);
            default -> throw new IllegalStateException(kind + " does not push");
        }
    }

    private void heartbeat() {
        try {
            switch (kind) {
                case ZHENSHI -> send(null, "application/x-www-form-urlencoded",
                        ("device_name=IVS&ipaddr=127.0.0.1&port=80"
                        + "&serialno=sim-" + lane + "&channel_num=1").getBytes(StandardCharsets.UTF_8), path(), null);
                case HIKVISION -> send(null, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        + "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">"
                        + "<ipAddress>127.0.0.1</ipAddress><dateTime>" + iso(scheduler.now()) + "</dateTime>"
                        + "<activePostCount>0</activePostCount><eventType>videoloss</eventType>"
                        + "<eventState>inactive</eventState><eventDescription>videoloss alarm</eventDescription>"
                        + "</EventNotificationAlert>").getBytes(StandardCharsets.UTF_8), path(), null);
                case DAHUA -> send(null, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                        "/NotificationInfo/KeepAlive", null);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: heartbeat failed: {}", lane, e.toString());
        }
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
                zhenshiReply(r.body(), what == null ? "heartbeat" : what);
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
    private void zhenshiReply(String reply, String to) {
        try {
            JsonObject r = new JsonObject(reply).getJsonObject("Response_AlarmInfoPlate");
            if (r == null) {
                return;
            }
            if ("ok".equals(r.getString("info")) && relay != null) {
                LOG.debug("{}: relay closed on info ok in the reply to {}", lane, to);
                relay.run(); // the controller records the OPEN, naming the camera's relay
            }
            JsonArray serial = r.getJsonArray("serialData");
            if (serial == null || display == null) {
                return;
            }
            for (int i = 0; i < serial.size(); i++) {
                display.serialData(Base64.getDecoder().decode(serial.getJsonObject(i).getString("data")));
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: reply the camera could not read: {}", lane, e.toString());
        }
    }

    private static String summary(String body) {
        String s = body.replaceAll("\"serialData\":\\[.*]", "\"serialData\":[…]");
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    // ---- bodies, as each vendor writes them ----

    private String zhenshi(String plate, PlateColour colour, int confidence, Instant at, int trigger, int id,
                           boolean offline) {
        JsonObject result = new JsonObject()
                .put("license", plate == null ? "_无_" : plate)
                .put("colorType", plate == null ? 0 : zhenshiColour(colour))
                .put("type", plate == null ? 31 : colour == PlateColour.GREEN ? 19 : colour == PlateColour.YELLOW
                        ? 3 : 1)
                .put("confidence", confidence).put("bright", 0).put("direction", 0)
                .put("location", new JsonObject().put("RECT", new JsonObject().put("left", 612).put("top", 498)
                        .put("right", 771).put("bottom", 545)))
                .put("timeUsed", 120 + random.nextInt(60))
                .put("timeStamp", new JsonObject().put("Timeval", new JsonObject().put("sec", at.getEpochSecond())
                        .put("usec", at.getNano() / 1000)))
                .put("triggerType", trigger).put("plateid", id).put("isoffline", offline ? 1 : 0)
                .put("is_fake_plate", 0).put("carColor", 0)
                .put("gioouts", new JsonArray().add(new JsonObject().put("ionum", 0).put("ctrltype", 0)))
                .put("imageFile", Base64.getEncoder().encodeToString(SCENE)).put("imageFileLen", SCENE.length);
        if (plate != null) {
            result.put("imageFragmentFile", Base64.getEncoder().encodeToString(PLATE))
                    .put("imageFragmentFileLen", PLATE.length);
        }
        return new JsonObject().put("AlarmInfoPlate", new JsonObject().put("channel", 0).put("deviceName", "IVS")
                .put("ipaddr", "127.0.0.1").put("serialno", "sim-" + lane)
                .put("result", new JsonObject().put("PlateResult", result))).encode();
    }

    private static int zhenshiColour(PlateColour c) {
        return switch (c) {
            case BLUE -> 1;
            case YELLOW -> 2;
            case WHITE -> 3;
            case BLACK -> 4;
            case GREEN -> 5;
            default -> 0;
        };
    }

    private static final String BOUNDARY = "MIME_boundary_sim";

    private byte[] hikvision(String plate, PlateColour colour, int confidence, Instant at, boolean reverse) {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<EventNotificationAlert version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\">\n"
                + "<ipAddress>127.0.0.1</ipAddress><portNo>80</portNo><protocol>HTTP</protocol>"
                + "<macAddress>c0:56:e3:00:00:01</macAddress><channelID>1</channelID>"
                + "<dateTime>" + iso(at) + "</dateTime><activePostCount>1</activePostCount>"
                + "<eventType>ANPR</eventType><eventState>active</eventState><eventDescription>ANPR</eventDescriptio"
                        + "n>\n"
                + "<ANPR><country>3</country><licensePlate>" + (plate == null ? "无车牌" : plate) + "</licensePlate>"
                + "<line>1</line><direction>" + (reverse ? "reverse" : "forward") + "</direction>"
                + "<confidenceLevel>" + confidence + "</confidenceLevel><plateType>92TypeCivil</plateType>"
                + "<plateColor>" + colour.name().toLowerCase(java.util.Locale.ROOT) + "</plateColor>"
                + "<licenseBright>0</licenseBright><vehicleType>vehicle</vehicleType>"
                + "<vehicleInfo><index>1</index><color>white</color></vehicleInfo>"
                + "<originalLicensePlate>" + (plate == null ? "无车牌" : plate) + "</originalLicensePlate>"
                + "<vehicleListName>otherList</vehicleListName></ANPR>\n"
                + "<UUID>" + new UUID(random.nextLong(), random.nextLong()) + "</UUID></EventNotificationAlert>\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "anpr.xml", "application/xml; charset=\"UTF-8\"", xml.getBytes(StandardCharsets.UTF_8));
        if (plate != null) {
            part(out, "licensePlatePicture.jpg", "image/jpeg", PLATE);
        }
        part(out, "detectionPicture.jpg", "image/jpeg", SCENE);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void part(ByteArrayOutputStream out, String name, String type, byte[] body) {
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + name + "\"\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private String dahua(String plate, PlateColour colour, int confidence, Instant at, boolean reverse) {
        String time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").format(at.atZone(zone));
        String c = colour.name().charAt(0) + colour.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        return new JsonObject().put("Picture", new JsonObject()
                .put("Plate", new JsonObject().put("PlateNumber", plate == null ? "" : plate).put("PlateColor", c)
                        .put("PlateType", "Normal").put("Confidence", confidence).put("Channel", 0)
                        .put("BoundingBox", new JsonArray().add(1204).add(1420).add(1486).add(1498)))
                .put("Vehicle", new JsonObject().put("VehicleColor", "White").put("VehicleType", "SaloonCar"))
                .put("SnapInfo", new JsonObject().put("AccurateTime", time).put("Direction", reverse ? "Reverse"
                        : "Obverse")
                        .put("AllowUser", false).put("BlockUser", false).put("TriggerSource", "Video"))
                .put("NormalPic", new JsonObject().put("Content", Base64.getEncoder().encodeToString(SCENE))
                        .put("PicName", "tollgate.jpg"))).encode();
    }

    private String iso(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone).withNano(0));
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
