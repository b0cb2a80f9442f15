package io.parkgate.config;

import io.parkgate.config.LaneParser.ParsedLane;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules across sections: unique lane ids and device endpoints, ports that do not collide, one free-space
 * capacity for all entry displays.
 */
final class SiteChecks {

    private static final Pattern STREAM = Pattern.compile("(?i)(rtsps?|https?)://.+");

    private SiteChecks() {
    }

    static void check(Iterable<ParsedLane> lanes, AgentSettings agents, YamlMap agentsMap, CentralLink central,
                      YamlMap centralMap, Problems problems) {
        Map<String, Located<String>> ids = new HashMap<>();
        Map<String, Located<TransportUri>> endpoints = new HashMap<>();
        Map<String, Located<String>> streams = new HashMap<>();
        ParsedLane firstCount = null;
        for (ParsedLane lane : lanes) {
            int spaces = entrySpaces(lane);
            if (spaces > 0 && firstCount == null) {
                firstCount = lane;
            } else if (spaces > 0 && spaces != entrySpaces(firstCount)) {
                // one car park, one count: central counts against one capacity and every entry shows that count
                problems.add(lane.id().line(), lane.id().keyPath().replaceFirst("id$", "devices.display.spaces"),
                        spaces + ", while lane " + firstCount.id().value() + " shows a count of "
                                + entrySpaces(firstCount) + " spaces", "the same spaces on every entry display");
            }
            Located<String> id = lane.id();
            if (!id.value().isEmpty()) {
                Located<String> first = ids.putIfAbsent(id.value(), id);
                if (first != null) {
                    problems.add(id.line(), id.keyPath(), YamlValues.quote(id.value()) + " a second time (first at "
                            + first.keyPath() + ", line " + first.line() + ")", "a lane id used once");
                }
            }
            for (Located<TransportUri> t : lane.transports()) {
                Located<TransportUri> first = endpoints.putIfAbsent(endpoint(lane, t.value()), t);
                if (first != null) {
                    problems.add(t.line(), t.keyPath(), YamlValues.quote(t.value().toString())
                            + ", already used by " + first.keyPath() + " (line " + first.line() + ")",
                            "each device on its own serial port or TCP endpoint");
                }
            }
            Located<String> imaging = lane.imagingSource();
            if (imaging != null && STREAM.matcher(imaging.value()).matches()) {
                // A network stream is one camera wherever the agent runs (unlike dir: and file://, local to the lane
                // PC): two lanes on it would each see, and open for, the other's vehicles.
                Located<String> first = streams.putIfAbsent(imaging.value(), imaging);
                if (first != null) {
                    problems.add(imaging.line(), imaging.keyPath(), YamlValues.quote(imaging.value())
                            + ", already used by " + first.keyPath() + " (line " + first.line() + ")",
                            "each lane its own camera stream");
                }
            }
            if (imaging != null && imaging.value().equals("http") && agents.framePort() == 0) {
                problems.add(imaging.line(), imaging.keyPath(), "'http' while agents.framePort is 0",
                        "agents.framePort set to the port cameras POST frames to");
            }
            Located<String> pushed = lane.pushedCamera();
            if (pushed != null && agents.framePort() == 0) {
                problems.add(pushed.line(), pushed.keyPath(), "a " + pushed.value()
                        + " camera while agents.framePort is 0",
                                "agents.framePort set to the port the camera pushes to");
            }
        }
        if (central.embeddedBroker() && central.mqttPort() != 0 && central.mqttPort() == central.httpPort()) {
            centralMap.problem("httpPort", "port " + central.httpPort() + " also used by mqttPort",
                    "different ports for central's HTTP and its embedded broker");
        }
        if (agents.framePort() != 0 && (agents.framePort() == central.httpPort()
                || central.embeddedBroker() && agents.framePort() == central.mqttPort())) {
            agentsMap.problem("framePort", "port " + agents.framePort() + " also used by central",
                    "a port central does not listen on");
        }
    }

    private static int entrySpaces(ParsedLane lane) {
        LaneConfig l = lane.lane();
        return l == null || l.direction() != Direction.IN || l.devices() == null || l.devices().display() == null ? 0
                : l.devices().display().spaces();
    }

    /**
     * A TCP endpoint is one device on the network whichever lane names it; a serial port is a port of the lane's own
     * PC, so every lane may have its /dev/ttyUSB0, but two devices of one lane cannot share one.
     */
    private static String endpoint(ParsedLane lane, TransportUri t) {
        return t.kind() == TransportUri.Kind.TCP
                ? "tcp://" + t.host().toLowerCase(Locale.ROOT) + ":" + t.port()
                : "lane " + lane.id().keyPath() + " serial:" + t.path();
    }
}
