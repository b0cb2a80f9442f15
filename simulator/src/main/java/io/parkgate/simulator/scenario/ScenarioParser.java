package io.parkgate.simulator.scenario;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.ConfigException;
import io.parkgate.config.ConfigProblem;
import io.parkgate.config.DurationText;
import io.parkgate.config.Problems;
import io.parkgate.config.YamlMap;
import io.parkgate.config.YamlValues;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.device.WireFault;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.SimulatedVehicle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a scenario file (YAML, format in docs/simulator.md) into a {@link Scenario}, with the site file's
 * reader: every problem is collected and reported together, each as {@code file:line: key path: found …,
 * expected …}, and durations are written as in the site file.
 */
public final class ScenarioParser {

    private static final Pattern CARD = Pattern.compile("[0-9A-Fa-f]{10}");
    private static final Pattern DEVICE = Pattern.compile("card|camera");
    /** The longest any scenario time or duration may be: a month of simulated time. */
    private static final Duration LONGEST = Duration.ofDays(31);
    private static final String TOP = "a mapping with name and steps";

    private final Problems problems;
    private final Set<String> knownLanes;
    private final Map<String, SimulatedVehicle> named = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final List<SimulatedVehicle> residents = new ArrayList<>();
    private Duration lastAt = Duration.ZERO;

    private ScenarioParser(Problems problems, Set<String> knownLanes) {
        this.problems = problems;
        this.knownLanes = knownLanes;
    }

    /**
     * @param knownLanes the site's lane ids, or null to accept any
     * @throws ScenarioException listing every problem
     */
    public static Scenario load(Path file, Set<String> knownLanes) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
        }
        return parse(text, file.toString(), knownLanes);
    }

    /** As {@link #load}, from text; {@code source} names it in messages. */
    public static Scenario parse(String yaml, String source, Set<String> knownLanes) {
        try {
            return new ScenarioParser(new Problems(source), knownLanes).parse(yaml);
        } catch (ConfigException e) {
            throw new ScenarioException(source, e.problems().stream().map(ConfigProblem::toString).toList());
        }
    }

    private Scenario parse(String yaml) {
        Node root = YamlValues.compose(yaml, problems, TOP);
        problems.throwIfAny();
        YamlMap top = YamlMap.of(root, "", problems, TOP);
        String name = top.requiredString("name", null, "the scenario's name");
        Instant start = start(top);
        YamlMap vehicles = top.map("vehicles", "a mapping of vehicle names to vehicles");
        if (vehicles != null) {
            for (String key : vehicles.keys()) {
                declared.add(key);
                Node v = vehicles.get(key);
                SimulatedVehicle sv = vehicle(v, vehicles.path(key), key, true);
                if (sv != null) {
                    named.put(key, sv);
                }
            }
        }
        List<ScenarioStep> steps = new ArrayList<>();
        top.require("steps", "a list of steps");
        List<Node> list = top.list("steps", "a list of steps");
        if (top.has("steps") && list.isEmpty() && top.get("steps") != null) {
            top.problem("steps", "an empty list", "at least one step");
        }
        for (int i = 0; i < list.size(); i++) {
            ScenarioStep s = step(list.get(i), "steps[" + i + "]");
            if (s != null) {
                steps.add(s);
            }
        }
        top.finish();
        problems.throwIfAny();
        return new Scenario(name, start, steps, residents);
    }

    private Instant start(YamlMap top) {
        String expected = "a date-time with offset, e.g. 2026-11-23T07:30:00+08:00";
        String text = top.text("start", expected);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            top.problem("start", YamlValues.quote(text), expected);
            return null;
        }
    }

    private ScenarioStep step(Node node, String path) {
        Duration previous = lastAt;
        YamlMap m = YamlMap.of(node, path, problems, "a mapping with at (or after), lane, and arrive or fault");
        int before = problems.size();
        if (m.has("wait")) {
            // a pause: the following steps (at: offsets excepted) come this much later
            if (m.keys().size() != 1) {
                problems.add(node, path, "wait with other keys", "wait alone, e.g. - wait: 30s");
                m.keys().forEach(m::get); // reported once, here, not again as unknown keys
            }
            Duration wait = m.duration("wait", null, Duration.ZERO, LONGEST);
            if (wait != null) {
                lastAt = previous.plus(wait);
            }
            m.finish();
            return null;
        }
        Duration at = previous;
        if (m.has("at") && m.has("after")) {
            problems.add(node, path, "both at and after", "one of them");
        } else if (m.has("at")) {
            at = m.duration("at", null, Duration.ZERO, LONGEST);
        } else if (m.has("after")) {
            Duration after = m.duration("after", null, Duration.ZERO, LONGEST);
            at = after == null ? null : previous.plus(after);
        }
        if (at != null && at.compareTo(previous) < 0) {
            m.problem(m.has("at") ? "at" : "after", DurationText.format(at),
                    "a time not before the previous step (" + DurationText.format(previous) + ")");
        } else if (at != null) {
            lastAt = at;
        }
        String lane = m.requiredString("lane", null, "the lane the step happens at");
        if (!lane.isEmpty() && knownLanes != null && !knownLanes.contains(lane)) {
            m.problem("lane", YamlValues.quote(lane), "one of the site's lanes " + knownLanes);
        }
        boolean arrive = m.has("arrive");
        boolean fault = m.has("fault");
        if (arrive == fault) {
            problems.add(node, path, arrive ? "both arrive and fault" : "neither arrive nor fault",
                    "exactly one of them");
            m.keys().forEach(m::get);
            m.finish();
            return null;
        }
        SimulatedVehicle vehicle = null;
        Expectation expect = null;
        LaneDevice device = null;
        WireFault kind = null;
        if (arrive) {
            Node a = m.get("arrive");
            if (a instanceof ScalarNode ref) {
                String name = ref.getValue().trim();
                vehicle = named.get(name);
                if (vehicle == null && declared.contains(name)) {
                    m.keys().forEach(m::get);
                    m.finish();
                    return null; // its own problems are reported under vehicles
                }
                if (vehicle == null) {
                    m.problem("arrive", YamlValues.quote(name), "a vehicle named under vehicles " + named.keySet()
                            + " or an inline vehicle mapping");
                }
            } else {
                vehicle = vehicle(a, m.path("arrive"), "s" + path.replaceAll("\\D", ""), false);
            }
            if (m.has("expect")) {
                Expectation.Outcome o = m.requiredEnumeration("expect", Expectation.Outcome.class, null);
                Duration within = m.has("within") ? m.duration("within", null, Duration.ofMillis(1), LONGEST)
                        : Expectation.DEFAULT_WITHIN;
                if (o != null && within != null) {
                    expect = new Expectation(o, within);
                }
            } else if (m.has("within")) {
                m.problem("within", "within without expect", "expect: opens|held next to it");
            }
        } else {
            if (m.has("expect") || m.has("within")) {
                problems.add(node, path, "expect on a fault step", "expect only on arrive steps");
            }
            YamlMap f = m.map("fault", "a mapping with device and kind");
            if (f != null) {
                String d = f.requiredString("device", DEVICE, "card or camera");
                device = "card".equals(d) ? LaneDevice.CARD_READER : "camera".equals(d) ? LaneDevice.CAMERA : null;
                kind = f.requiredEnumeration("kind", WireFault.class, null);
                f.finish();
            }
        }
        m.finish();
        if (problems.size() > before || at == null) {
            return null;
        }
        return new ScenarioStep(at, lane, vehicle, expect, device, kind, path);
    }

    private SimulatedVehicle vehicle(Node node, String path, String id, boolean mayBeResident) {
        if (!(node instanceof MappingNode)) {
            problems.add(node, path, YamlValues.describe(node),
                    "a vehicle mapping with plate, colour, card, behaviour, patience");
            return null;
        }
        YamlMap m = YamlMap.of(node, path, problems, "a vehicle mapping");
        int before = problems.size();
        Behaviour behaviour = m.enumeration("behaviour", Behaviour.class, Behaviour.NORMAL);
        String plate = m.text("plate", "a plate, e.g. 粤B12345");
        if (plate != null && (plate.length() < 6 || plate.length() > 12 || plate.contains(","))) {
            m.problem("plate", YamlValues.quote(plate), "a plate of 6..12 characters without commas, e.g. 粤B12345");
        }
        if (plate == null && behaviour != Behaviour.PLATELESS) {
            m.problem("plate", "nothing", "a plate (only behaviour PLATELESS may have none)");
        }
        PlateColour colour = m.enumeration("colour", PlateColour.class, PlateColour.BLUE);
        String card = m.string("card", null, CARD, "10 hex digits (EM4100), e.g. 0E00A35C21");
        Duration patience = m.has("patience") ? m.duration("patience", null, Duration.ofMillis(1), LONGEST) : null;
        boolean resident = mayBeResident && m.bool("resident", false);
        m.finish();
        if (problems.size() > before) {
            return null;
        }
        SimulatedVehicle v = new SimulatedVehicle(id, plate, colour,
                card == null ? null : card.toUpperCase(Locale.ROOT), behaviour, patience);
        if (resident) {
            if (plate == null) {
                m.problem("resident", "a resident without a plate", "a plate for a registered vehicle");
                return null;
            }
            residents.add(v);
        }
        return v;
    }
}
