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

    private static final Pattern IMAGING_SOURCE = Pattern.compile("http|dir:.+|(rtsps?|https?|file)://.+");
    private static final String IMAGING_EXPECTED = "http (frames POSTed to the agent), dir:/path (a directory the "
            + "camera uploads to) or a stream URL such as rtsp://host/stream";
    private static final Pattern ANY_TEXT = Pattern.compile("\\S.*", Pattern.DOTALL);

    /** A lane as read, with where its cross-checked values were written. */
    record ParsedLane(LaneConfig lane, Located<String> id, List<Located<TransportUri>> transports,
                      Located<String> imagingSource) {
    }

    private LaneParser() {
    }

    static ParsedLane parse(Node node, String path, Problems problems, LaneRules siteRules) {
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
        devicesMap.finish();
        YamlMap rulesMap = m.map("rules", "a mapping of lane rules overriding the site's rules");
        LaneRules rules = rulesMap == null ? siteRules : RulesParser.parse(rulesMap, siteRules);
        m.finish();
        boolean imagingCamera = camera != null && camera.kind() == CameraKind.IMAGING && camera.imagingSource() != null;
        Located<String> imaging = imagingCamera
                ? new Located<>(camera.imagingSource(), cameraMap.path("imagingSource"),
                        YamlValues.line(cameraMap.get("imagingSource")))
                : null;
        return new ParsedLane(new LaneConfig(id, name, direction, post, new LaneDevices(io, card, camera), rules),
                new Located<>(id, m.path("id"), YamlValues.line(m.get("id"))), transports, imaging);
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
        } else {
            source = m.requiredString("imagingSource", IMAGING_SOURCE, IMAGING_EXPECTED);
            source = source.isEmpty() ? null : source;
            if (m.has("transport")) {
                m.problem("transport", "a transport on an IMAGING camera",
                        "no transport (IMAGING cameras deliver JPEG frames via imagingSource), or kind: SMART");
            }
        }
        int minConfidence = (int) m.integer("minConfidence", DEFAULT_MIN_CONFIDENCE, 0, 100,
                "a confidence 0..100 below which reads count as unread");
        List<String> senders = List.of();
        if ("http".equals(source)) {
            // Whoever can POST a frame can show the lane a resident's plate: say who may.
            m.require("frameSenders", FrameSenders.EXPECTED);
            senders = m.texts("frameSenders", FrameSenders.EXPECTED, FrameSenders::problem);
        } else if (m.has("frameSenders")) {
            m.problem("frameSenders", "frameSenders on a camera that does not POST frames",
                    "no frameSenders (only imagingSource: http cameras POST frames to the agent)");
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
        return new CameraConfig(kind, transport, source, minConfidence, senders, region);
    }

    private static TransportUri transport(YamlMap m, int defaultBaud, List<Located<TransportUri>> transports) {
        TransportUri t = m.transport("transport", defaultBaud, true);
        if (t != null) {
            transports.add(new Located<>(t, m.path("transport"), YamlValues.line(m.get("transport"))));
        }
        return t;
    }
}
