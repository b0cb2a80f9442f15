package io.parkgate.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry of {@code lanes}: identity, devices and the lane's rules. */
final class LaneParser {

    static final int IO_BAUD = 9600;
    static final int CARD_BAUD = 9600;
    static final int CAMERA_BAUD = 115_200;
    static final int DEFAULT_MIN_CONFIDENCE = 80;
    static final int DISPLAY_BAUD = 9600;

    private static final Pattern IMAGING_SOURCE = Pattern.compile("http|dir:.+|(rtsps?|https?|file)://.+");
    private static final String IMAGING_EXPECTED = "http (frames POSTed to the agent), dir:/path (a directory the "
            + "camera uploads to) or a stream URL such as rtsp://host/stream";
    private static final Pattern ANY_TEXT = Pattern.compile("\\S.*", Pattern.DOTALL);

    /** A lane as read, with where its cross-checked values were written. */
    record ParsedLane(LaneConfig lane, Located<String> id, List<Located<TransportUri>> transports,
                      Located<String> imagingSource, Located<String> pushedCamera) {
    }

    private LaneParser() {
    }

    static ParsedLane parse(Node node, String path, Problems problems, LaneRules siteRules, long maxFen) {
        YamlMap m = YamlMap.of(node, path, problems, "a lane: a mapping with id, name, direction, post and devices");
        String id = m.requiredString("id", SiteConfigLoader.ID, SiteConfigLoader.ID_EXPECTED);
        String name = m.requiredString("name", ANY_TEXT, "the lane's name as attendants know it, e.g. 北门入口");
        Direction direction = m.requiredEnumeration("direction", Direction.class, Direction.IN);
        String post = m.requiredString("post", SiteConfigLoader.ID, "the attendant post's id: "
                + SiteConfigLoader.ID_EXPECTED);
        List<Located<TransportUri>> transports = new ArrayList<>();
        YamlMap devicesMap = m.requiredMap("devices", "a mapping with io and a camera, a cardReader or both");
        IoControllerConfig io = io(devicesMap.requiredMap("io", "the I/O controller: a mapping with transport"),
                transports);
        YamlMap cardMap = devicesMap.map("cardReader", "the card reader: a mapping with transport");
        CardReaderConfig card = cardMap == null ? null : card(cardMap, transports);
        YamlMap cameraMap = devicesMap.map("camera", "the plate camera: a mapping with kind and "
                + "transport (SMART) or imagingSource (IMAGING)");
        CameraConfig camera = cameraMap == null ? null : camera(cameraMap, transports);
        if (camera == null && card == null) {
            // A lane with neither cannot identify anybody: every vehicle would wait for the attendant.
            devicesMap.problem("camera", "neither a camera nor a cardReader",
                    "a plate camera, a card reader, or both, so that the lane can identify vehicles");
        }
        YamlMap displayMap = devicesMap.map("display", "the lane display and voice module: a mapping with kind "
                + "(CAMERA_SERIAL or SERIAL)");
        DisplayConfig display = displayMap == null ? null : display(displayMap, camera, transports);
        devicesMap.finish();
        YamlMap rulesMap = m.map("rules", "a mapping of lane rules overriding the site's rules");
        LaneRules rules = rulesMap == null ? siteRules : RulesParser.parse(rulesMap, siteRules, maxFen);
        m.finish();
        boolean imagingCamera = camera != null && camera.kind() == CameraKind.IMAGING && camera.imagingSource() != null;
        Located<String> imaging = imagingCamera
                ? new Located<>(camera.imagingSource(), cameraMap.path("imagingSource"),
                        YamlValues.line(cameraMap.get("imagingSource")))
                : null;
        Located<String> pushed = camera != null && camera.kind().pushes()
                ? new Located<>(camera.kind().name(), cameraMap.path("kind"), YamlValues.line(cameraMap.get("kind")))
                : null;
        return new ParsedLane(new LaneConfig(id, name, direction, post,
                new LaneDevices(io, card, camera, display), rules),
                new Located<>(id, m.path("id"), YamlValues.line(m.get("id"))), transports, imaging, pushed);
    }

    private static IoControllerConfig io(YamlMap m, List<Located<TransportUri>> transports) {
        TransportUri transport = transport(m, IO_BAUD, transports);
        int address = (int) m.integer("address", 1, 1, 247, "a Modbus slave address 1..247");
        Duration poll = m.duration("poll", Duration.ofMillis(50), Duration.ofMillis(10), Duration.ofSeconds(5));
        Duration pulse = m.duration("pulse", Duration.ofMillis(300), Duration.ofMillis(10), Duration.ofSeconds(5));
        if (pulse.toMillis() % 10 != 0 || pulse.toNanosPart() % 1_000_000 != 0) {
            m.problem("pulse", YamlValues.quote(DurationText.format(pulse)),
                    "a multiple of 10ms (the controller counts the pulse in 10 ms units) between 10ms and 5s");
            pulse = Duration.ofMillis(300);
        }
        Duration timeout = m.duration("timeout", Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(5));
        int retries = (int) m.integer("retries", 2, 0, 10, "a number of retries 0..10");
        m.finish();
        return new IoControllerConfig(transport, address, poll, pulse, timeout, retries);
    }

    private static CardReaderConfig card(YamlMap m, List<Located<TransportUri>> transports) {
        TransportUri transport = transport(m, CARD_BAUD, transports);
        Duration repeat = m.duration("repeatWindow", Duration.ofSeconds(2), Duration.ZERO, Duration.ofSeconds(60));
        m.finish();
        return new CardReaderConfig(transport, repeat);
    }

    private static CameraConfig camera(YamlMap m, List<Located<TransportUri>> transports) {
        CameraKind kind = m.enumeration("kind", CameraKind.class, CameraKind.SMART);
        TransportUri transport = null;
        String source = null;
        if (kind == CameraKind.SMART) {
            transport = transport(m, CAMERA_BAUD, transports);
            if (m.has("imagingSource")) {
                m.problem("imagingSource", "an imaging source on a SMART camera",
                        "no imagingSource (SMART cameras report over their transport), or kind: IMAGING");
            }
        } else if (kind == CameraKind.IMAGING) {
            source = m.requiredString("imagingSource", IMAGING_SOURCE, IMAGING_EXPECTED);
            source = source.isEmpty() ? null : source;
            if (m.has("transport")) {
                m.problem("transport", "a transport on an IMAGING camera",
                        "no transport (IMAGING cameras deliver JPEG frames via imagingSource), or kind: SMART");
            }
        } else {
            for (String key : List.of("transport", "imagingSource")) {
                if (m.has(key)) {
                    m.problem(key, "a " + key + " on a " + kind + " camera", "no " + key + " (" + kind
                            + " cameras push to the agent's framePort, docs/cameras.md)");
                }
            }
        }
        int minConfidence = (int) m.integer("minConfidence", DEFAULT_MIN_CONFIDENCE, 0, 100,
                "a confidence 0..100 below which reads count as unread");
        List<String> senders = List.of();
        if ("http".equals(source) || kind.pushes()) {
            // Whoever can POST a frame or a recognition can show the lane a resident's plate: say who may.
            m.require("frameSenders", FrameSenders.EXPECTED);
            senders = m.texts("frameSenders", FrameSenders.EXPECTED, FrameSenders::problem);
        } else if (m.has("frameSenders")) {
            m.problem("frameSenders", "frameSenders on a camera that does not POST frames",
                    "no frameSenders (only imagingSource: http and pushing vendor cameras POST to the agent)");
        }
        String username = null;
        String password = null;
        if (kind == CameraKind.DAHUA) {
            username = m.string("username", null, ANY_TEXT, "the user name the camera's push authenticates as");
            password = m.string("password", null, ANY_TEXT, "that user's password");
            if ((username == null) != (password == null)) {
                m.problem(username == null ? "password" : "username", "one of username and password",
                        "both (HTTP digest authentication of the camera's pushes) or neither");
                username = null;
                password = null;
            }
        } else {
            for (String key : List.of("username", "password")) {
                if (m.has(key)) {
                    m.problem(key, key + " on a " + kind + " camera",
                            "no " + key + " (only DAHUA pushes authenticate, with HTTP digest)");
                }
            }
        }
        boolean cameraRelay = false;
        if (m.has("barrier")) {
            String barrier = m.string("barrier", "IO_CONTROLLER", Pattern.compile("IO_CONTROLLER|CAMERA_RELAY"),
                    "IO_CONTROLLER (the lane I/O controller opens the barrier) or CAMERA_RELAY (a ZHENSHI camera's "
                            + "own relay does)");
            cameraRelay = "CAMERA_RELAY".equals(barrier);
            if (cameraRelay && kind != CameraKind.ZHENSHI) {
                m.problem("barrier", "CAMERA_RELAY on a " + kind + " camera",
                        "IO_CONTROLLER; only a ZHENSHI camera's relay can be driven through its push replies");
                cameraRelay = false;
            }
        }
        String region = null;
        if (m.has("region")) {
            if (kind != CameraKind.IMAGING) {
                m.problem("region", "a region on a SMART camera", "no region (a smart camera picks its own plate), "
                        + "or kind: IMAGING");
            } else {
                region = m.string("region", null, CameraConfig.REGION, CameraConfig.REGION_EXPECTED);
                if (region != null && !CameraConfig.regionInOrder(region)) {
                    m.problem("region", "'" + region + "'", CameraConfig.REGION_EXPECTED);
                    region = null;
                }
            }
        }
        m.finish();
        return new CameraConfig(kind, transport, source, minConfidence, senders, username, password, cameraRelay,
                region);
    }

    private static DisplayConfig display(YamlMap m, CameraConfig camera, List<Located<TransportUri>> transports) {
        DisplayConfig.Kind kind = m.requiredEnumeration("kind", DisplayConfig.Kind.class, DisplayConfig.Kind.SERIAL);
        TransportUri transport = null;
        int channel = 0;
        if (kind == DisplayConfig.Kind.SERIAL) {
            transport = transport(m, DISPLAY_BAUD, transports);
            if (m.has("serialChannel")) {
                m.problem("serialChannel", "a serialChannel on a SERIAL display",
                        "no serialChannel (a SERIAL display is on its own transport), or kind: CAMERA_SERIAL");
            }
        } else {
            if (camera == null || camera.kind() != CameraKind.ZHENSHI) {
                m.problem("kind", "CAMERA_SERIAL without a ZHENSHI camera on the lane",
                        "SERIAL, or a camera of kind ZHENSHI whose serial channel the display hangs on");
            }
            if (m.has("transport")) {
                m.problem("transport", "a transport on a CAMERA_SERIAL display",
                        "no transport (the camera passes the bytes on), or kind: SERIAL");
            }
            channel = (int) m.integer("serialChannel", 0, 0, 1, "the camera's RS-485 channel, 0 or 1");
        }
        int address = (int) m.integer("address", 1, 1, 255, "the display's bus address 1..255");
        int spaces = (int) m.integer("spaces", 0, 0, 65535,
                "the car park's spaces for the free-space count (余位), or 0 for none");
        YamlMap t = m.map("templates", "a mapping of display and voice texts, keys "
                + DisplayConfig.DisplayTemplates.KEYS);
        java.util.Map<String, String> overrides = new java.util.HashMap<>();
        if (t != null) {
            for (String key : DisplayConfig.DisplayTemplates.KEYS) {
                String text = t.string(key, null, ANY_TEXT, "a text with placeholders "
                        + DisplayConfig.DisplayTemplates.PLACEHOLDERS + " in braces, display lines split by |");
                if (text != null) {
                    String unknown = unknownPlaceholder(text);
                    if (unknown != null) {
                        t.problem(key, YamlValues.quote(text) + " with the unknown placeholder {" + unknown + "}",
                                "placeholders among " + DisplayConfig.DisplayTemplates.PLACEHOLDERS);
                    } else if (text.replaceAll("\\{[^{}]*}", "").matches("(?s).*[{}].*")) {
                        // A half-written placeholder would be shown to drivers as it stands: "{plate 一路顺风".
                        t.problem(key, YamlValues.quote(text) + " with a brace that opens or closes no placeholder",
                                "placeholders among " + DisplayConfig.DisplayTemplates.PLACEHOLDERS
                                        + ", each in a pair of braces");
                    } else {
                        overrides.put(key, text);
                    }
                }
            }
            t.finish();
        }
        m.finish();
        return new DisplayConfig(kind, transport, address, channel, spaces,
                DisplayConfig.DisplayTemplates.over(overrides));
    }

    private static String unknownPlaceholder(String text) {
        java.util.regex.Matcher x = Pattern.compile("\\{([^}]*)}").matcher(text);
        while (x.find()) {
            if (!DisplayConfig.DisplayTemplates.PLACEHOLDERS.contains(x.group(1))) {
                return x.group(1);
            }
        }
        return null;
    }

    private static TransportUri transport(YamlMap m, int defaultBaud, List<Located<TransportUri>> transports) {
        TransportUri t = m.transport("transport", defaultBaud, true);
        if (t != null) {
            transports.add(new Located<>(t, m.path("transport"), YamlValues.line(m.get("transport"))));
        }
        return t;
    }
}
