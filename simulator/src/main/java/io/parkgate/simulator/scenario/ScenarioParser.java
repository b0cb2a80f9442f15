package io.parkgate.simulator.scenario;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.DurationText;
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
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a scenario file (YAML, format in docs/simulator.md) into a {@link Scenario}. Every problem is
 * collected and reported together, each as {@code key path: what was found, what was expected}.
 */
public final class ScenarioParser {

    private static final Pattern CARD = Pattern.compile("[0-9A-Fa-f]{10}");
    private static final Set<String> TOP_KEYS = Set.of("name", "start", "vehicles", "steps");
    private static final Set<String> VEHICLE_KEYS = Set.of("plate", "colour", "card", "behaviour", "patience",
            "resident");
    private static final Set<String> STEP_KEYS = Set.of("at", "after", "lane", "arrive", "expect", "within", "fault",
            "wait");
    private static final Set<String> FAULT_KEYS = Set.of("device", "kind");

    private final String source;
    private final Set<String> knownLanes;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, SimulatedVehicle> named = new LinkedHashMap<>();
    private final Set<String> declared = new HashSet<>();
    private final List<SimulatedVehicle> residents = new ArrayList<>();
    private Duration lastAt = Duration.ZERO;

    private ScenarioParser(String source, Set<String> knownLanes) {
        this.source = source;
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
        return new ScenarioParser(source, knownLanes).parse(yaml);
    }

    private Scenario parse(String yaml) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new ScenarioException(source, List.of("not valid YAML: " + e.getMessage().replace('\n', ' ')));
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new ScenarioException(source, List.of("the file is " + describe(root)
                    + ", expected a mapping with name and steps"));
        }
        unknownKeys(top, TOP_KEYS, "");
        String name = string(top, "name", "", true);
        Instant start = null;
        if (top.get("start") != null) {
            try {
                // SnakeYAML reads an unquoted timestamp as a Date already
                start = top.get("start") instanceof Date d ? d.toInstant()
                        : OffsetDateTime.parse(top.get("start").toString()).toInstant();
            } catch (DateTimeParseException e) {
                problem("start", "'" + top.get("start") + "'", "a date-time with offset, e.g. 2026-11-23T07:30:00+08:00");
            }
        }
        Object vehicles = top.get("vehicles");
        if (vehicles instanceof Map<?, ?> vm) {
            vm.forEach((k, v) -> {
                declared.add(String.valueOf(k));
                SimulatedVehicle sv = vehicle(v, "vehicles." + k, String.valueOf(k));
                if (sv != null) {
                    named.put(String.valueOf(k), sv);
                    if (v instanceof Map<?, ?> vmap && resident(vmap.get("resident"), "vehicles." + k, sv)) {
                        residents.add(sv);
                    }
                }
            });
        } else if (vehicles != null) {
            problem("vehicles", describe(vehicles), "a mapping of vehicle names to vehicles");
        }
        List<ScenarioStep> steps = new ArrayList<>();
        Object stepList = top.get("steps");
        if (stepList instanceof List<?> list) {
            if (list.isEmpty()) {
                problem("steps", "an empty list", "at least one step");
            }
            for (int i = 0; i < list.size(); i++) {
                ScenarioStep s = step(list.get(i), "steps[" + i + "]");
                if (s != null) {
                    steps.add(s);
                }
            }
        } else {
            problem("steps", stepList == null ? "nothing" : describe(stepList), "a list of steps");
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return new Scenario(name, start, steps, residents);
    }

    private ScenarioStep step(Object node, String path) {
        Duration previous = lastAt;
        if (!(node instanceof Map<?, ?> m)) {
            problem(path, describe(node), "a mapping with at (or after), lane, and arrive or fault");
            return null;
        }
        int before = problems.size();
        unknownKeys(m, STEP_KEYS, path);
        if (m.containsKey("wait")) {
            // a pause: the following steps (at: offsets excepted) come this much later
            if (m.size() != 1) {
                problem(path, "wait with other keys", "wait alone, e.g. - wait: 30s");
            }
            Duration wait = duration(m.get("wait"), path + ".wait");
            if (wait != null) {
                lastAt = previous.plus(wait);
            }
            return null;
        }
        Duration at = previous;
        if (m.containsKey("at") && m.containsKey("after")) {
            problem(path, "both at and after", "one of them");
        } else if (m.containsKey("at")) {
            at = duration(m.get("at"), path + ".at");
        } else if (m.containsKey("after")) {
            Duration after = duration(m.get("after"), path + ".after");
            at = after == null ? null : previous.plus(after);
        }
        if (at != null && at.compareTo(previous) < 0) {
            problem(path + ".at", at.toString(), "a time not before the previous step (" + previous + ")");
        } else if (at != null) {
            lastAt = at;
        }
        String lane = string(m, "lane", path + ".", true);
        if (lane != null && knownLanes != null && !knownLanes.contains(lane)) {
            problem(path + ".lane", "'" + lane + "'", "one of the site's lanes " + knownLanes);
        }
        boolean arrive = m.containsKey("arrive");
        boolean fault = m.containsKey("fault");
        if (arrive == fault) {
            problem(path, arrive ? "both arrive and fault" : "neither arrive nor fault", "exactly one of them");
            return null;
        }
        SimulatedVehicle vehicle = null;
        Expectation expect = null;
        LaneDevice device = null;
        WireFault kind = null;
        if (arrive) {
            Object a = m.get("arrive");
            if (a instanceof String ref) {
                vehicle = named.get(ref);
                if (vehicle == null && declared.contains(ref)) {
                    return null; // its own problems are reported under vehicles
                }
                if (vehicle == null) {
                    problem(path + ".arrive", "'" + ref + "'", "a vehicle named under vehicles " + named.keySet()
                            + " or an inline vehicle mapping");
                }
            } else {
                vehicle = vehicle(a, path + ".arrive", "s" + path.replaceAll("\\D", ""));
            }
            if (m.containsKey("expect")) {
                Expectation.Outcome o = enumValue(Expectation.Outcome.class, m.get("expect"), path + ".expect");
                Duration within = m.containsKey("within") ? duration(m.get("within"), path + ".within")
                        : Expectation.DEFAULT_WITHIN;
                if (o != null && within != null) {
                    expect = new Expectation(o, within);
                }
            } else if (m.containsKey("within")) {
                problem(path + ".within", "within without expect", "expect: opens|held next to it");
            }
        } else {
            if (m.containsKey("expect") || m.containsKey("within")) {
                problem(path, "expect on a fault step", "expect only on arrive steps");
            }
            Object f = m.get("fault");
            if (f instanceof Map<?, ?> fm) {
                unknownKeys(fm, FAULT_KEYS, path + ".fault");
                String d = string(fm, "device", path + ".fault.", true);
                if ("card".equals(d)) {
                    device = LaneDevice.CARD_READER;
                } else if ("camera".equals(d)) {
                    device = LaneDevice.CAMERA;
                } else if (d != null) {
                    problem(path + ".fault.device", "'" + d + "'", "card or camera");
                }
                kind = enumValue(WireFault.class, fm.get("kind"), path + ".fault.kind");
            } else {
                problem(path + ".fault", describe(f), "a mapping with device and kind");
            }
        }
        if (problems.size() > before || at == null) {
            return null;
        }
        return new ScenarioStep(at, lane, vehicle, expect, device, kind, path);
    }

    private SimulatedVehicle vehicle(Object node, String path, String id) {
        if (!(node instanceof Map<?, ?> m)) {
            problem(path, describe(node), "a vehicle mapping with plate, colour, card, behaviour, patience");
            return null;
        }
        int before = problems.size();
        unknownKeys(m, VEHICLE_KEYS, path);
        Behaviour behaviour = m.containsKey("behaviour")
                ? enumValue(Behaviour.class, m.get("behaviour"), path + ".behaviour") : Behaviour.NORMAL;
        String plate = string(m, "plate", path + ".", false);
        if (plate != null && (plate.length() < 6 || plate.length() > 12 || plate.contains(","))) {
            problem(path + ".plate", "'" + plate + "'", "a plate of 6..12 characters without commas, e.g. 粤B12345");
        }
        if (plate == null && behaviour != null && behaviour != Behaviour.PLATELESS) {
            problem(path + ".plate", "nothing", "a plate (only behaviour PLATELESS may have none)");
        }
        PlateColour colour = m.containsKey("colour")
                ? enumValue(PlateColour.class, m.get("colour"), path + ".colour") : PlateColour.BLUE;
        String card = m.get("card") == null ? null : m.get("card").toString();
        if (m.get("card") instanceof Number && (card.length() != 10 || !CARD.matcher(card).matches())) {
            problem(path + ".card", card + " read as a number", "the card number in quotes, e.g. \"0012345678\"");
        } else if (card != null && !CARD.matcher(card).matches()) {
            problem(path + ".card", "'" + card + "'", "10 hex digits (EM4100), e.g. 0E00A35C21");
        }
        Duration patience = m.containsKey("patience") ? duration(m.get("patience"), path + ".patience") : null;
        if (patience != null && patience.isZero()) {
            problem(path + ".patience", "0", "a positive duration");
        }
        if (problems.size() > before) {
            return null;
        }
        return new SimulatedVehicle(id, plate, colour, card == null ? null : card.toUpperCase(Locale.ROOT),
                behaviour, patience);
    }

    private boolean resident(Object value, String path, SimulatedVehicle v) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (!Boolean.TRUE.equals(value)) {
            problem(path + ".resident", "'" + value + "'", "true or false");
            return false;
        }
        if (v.plate() == null) {
            problem(path + ".resident", "a resident without a plate", "a plate for a registered vehicle");
            return false;
        }
        return true;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, Object value, String path) {
        String s = value == null ? "" : value.toString().trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        problem(path, value == null ? "nothing" : "'" + value + "'", "one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        return null;
    }

    private Duration duration(Object value, String path) {
        // The site file's grammar (15min, 2h, 1h30min): one way to write a duration in every file.
        Duration d = value instanceof String text ? DurationText.parse(text).orElse(null) : null;
        if (d == null) {
            problem(path, value == null ? "nothing" : "'" + value + "'", DurationText.FORMAT);
        }
        return d;
    }

    private String string(Map<?, ?> m, String key, String prefix, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                problem(prefix + key, "nothing", "a value");
            }
            return null;
        }
        if (v instanceof Map || v instanceof List) {
            problem(prefix + key, describe(v), "a plain value");
            return null;
        }
        return v.toString();
    }

    private void unknownKeys(Map<?, ?> m, Set<String> allowed, String path) {
        for (Object k : m.keySet()) {
            if (!allowed.contains(String.valueOf(k))) {
                problem(path.isEmpty() ? String.valueOf(k) : path + "." + k, "an unknown key",
                        "one of " + allowed.stream().sorted().toList());
            }
        }
    }

    private void problem(String path, String found, String expected) {
        problems.add(path + ": " + found + ", expected " + expected);
    }

    private static String describe(Object node) {
        if (node == null) {
            return "empty";
        }
        if (node instanceof Map) {
            return "a mapping";
        }
        if (node instanceof List) {
            return "a list";
        }
        return "'" + node + "'";
    }
}
