package io.parkgate.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML mapping of the site file with its key path, reporting every wrong value to
 * {@link Problems} and answering a usable fallback so reading can go on and find the next problem.
 * Every key looked up becomes known; {@link #finish()} reports the keys nobody asked for.
 */
public final class YamlMap {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern HH_MM = Pattern.compile("\\d{2}:\\d{2}");

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    /** Not a mapping (already reported): lookups answer fallbacks without further noise. */
    private final boolean broken;

    private YamlMap(Node node, String path, Problems problems, boolean broken) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        this.broken = broken;
    }

    /** Reads {@code node} as a mapping; anything else is reported as not being {@code what}. */
    public static YamlMap of(Node node, String path, Problems problems, String what) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(node, path, YamlValues.describe(node), what);
            return new YamlMap(node, path, problems, true);
        }
        YamlMap map = new YamlMap(node, path, problems, false);
        for (NodeTuple t : mapping.getValue()) {
            Node k = t.getKeyNode();
            if (!(k instanceof ScalarNode ks)) {
                problems.add(k, path, YamlValues.describe(k) + " used as a key", "a plain key name");
                continue;
            }
            NodeTuple first = map.entries.putIfAbsent(ks.getValue(), t);
            if (first != null) {
                problems.add(k, map.path(ks.getValue()), "the key a second time (first on line "
                        + YamlValues.line(first.getKeyNode()) + ")", "each key once");
            }
        }
        return map;
    }

    public String path() {
        return path;
    }

    public Node node() {
        return node;
    }

    public int line() {
        return YamlValues.line(node);
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The keys this mapping has, in file order (a mapping of names, e.g. a scenario's vehicles). */
    public Set<String> keys() {
        return java.util.Collections.unmodifiableSet(entries.keySet());
    }

    /** The value of {@code key}, or null when absent or YAML null. */
    public Node get(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return t == null || YamlValues.isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    public boolean has(String key) {
        return get(key) != null;
    }

    /** Reports a problem with the value of {@code key} (at its line, or the mapping's when absent). */
    public void problem(String key, String found, String expected) {
        Node at = get(key);
        problems.add(at != null ? at : node, path(key), found, expected);
    }

    /** Reports a problem with one element of a list value (at the element's own line). */
    public void problemAt(Node element, String elementPath, String found, String expected) {
        problems.add(element, elementPath, found, expected);
    }

    /** Reports {@code key} as missing unless it is there. */
    public void require(String key, String expected) {
        if (!has(key)) {
            missing(key, expected);
        }
    }

    private void missing(String key, String expected) {
        if (!broken) {
            problems.add(node, path(key), "nothing (the key is missing)", expected);
        }
    }

    /** The scalar text of {@code key}, or null when absent; a list or mapping is reported. */
    public String text(String key, String expected) {
        Node v = get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof ScalarNode s)) {
            problems.add(v, path(key), YamlValues.describe(v), expected);
            return null;
        }
        return s.getValue().trim();
    }

    public String string(String key, String fallback, Pattern allowed, String expected) {
        String t = text(key, expected);
        if (t == null) {
            return fallback;
        }
        if (t.isEmpty() || allowed != null && !allowed.matcher(t).matches()) {
            problem(key, YamlValues.quote(t), expected);
            return fallback;
        }
        return t;
    }

    public String requiredString(String key, Pattern allowed, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return "";
        }
        return string(key, "", allowed, expected);
    }

    public long integer(String key, long fallback, long min, long max, String expected) {
        String t = text(key, expected);
        if (t == null) {
            return fallback;
        }
        String digits = t.replace("_", "");
        if (INTEGER.matcher(digits).matches()) {
            long v = Long.parseLong(digits);
            if (v >= min && v <= max) {
                return v;
            }
        }
        problem(key, YamlValues.quote(t), expected);
        return fallback;
    }

    public long requiredInteger(String key, long min, long max, String expected) {
        if (!has(key)) {
            missing(key, expected);
            return min;
        }
        return integer(key, min, min, max, expected);
    }

    public boolean bool(String key, boolean fallback) {
        String expected = "true or false";
        String t = text(key, expected);
        if (t == null) {
            return fallback;
        }
        return switch (t) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, YamlValues.quote(t), expected);
                yield fallback;
            }
        };
    }

    /** A duration between {@code min} and {@code max} (inclusive). */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        String expected = DurationText.FORMAT + " between " + DurationText.format(min) + " and "
                + DurationText.format(max);
        String t = text(key, expected);
        if (t == null) {
            return fallback;
        }
        Duration d = DurationText.parse(t).orElse(null);
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problem(key, YamlValues.quote(t), expected);
            return fallback;
        }
        return d;
    }

    public Duration requiredDuration(String key, Duration min, Duration max) {
        if (!has(key)) {
            missing(key, DurationText.FORMAT + " between " + DurationText.format(min) + " and "
                    + DurationText.format(max));
            return min;
        }
        return duration(key, min, min, max);
    }

    /** An optional enum constant, written in any case ({@code smart} or {@code SMART}). */
    public <E extends Enum<E>> E enumeration(String key, Class<E> type, E fallback) {
        return enumeration(key, type, fallback, false);
    }

    /** A required enum constant; {@code placeholder} is answered when it is missing or wrong. */
    public <E extends Enum<E>> E requiredEnumeration(String key, Class<E> type, E placeholder) {
        return enumeration(key, type, placeholder, true);
    }

    private <E extends Enum<E>> E enumeration(String key, Class<E> type, E fallback, boolean required) {
        String expected = "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                .collect(Collectors.joining(", "));
        String t = text(key, expected);
        if (t == null) {
            if (required && !has(key)) {
                missing(key, expected);
            }
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(t.toUpperCase(Locale.ROOT).replace('-', '_'))) {
                return e;
            }
        }
        problem(key, YamlValues.quote(t), expected);
        return fallback;
    }

    /** A local time of day written {@code HH:mm}, 00:00..23:59. */
    public LocalTime requiredTime(String key) {
        String expected = "a time of day HH:mm between 00:00 and 23:59, e.g. \"07:00\"";
        if (!has(key)) {
            missing(key, expected);
            return LocalTime.MIDNIGHT;
        }
        String t = text(key, expected);
        if (t != null && HH_MM.matcher(t).matches()) {
            try {
                return LocalTime.parse(t);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (t != null) {
            problem(key, YamlValues.quote(t), expected);
        }
        return LocalTime.MIDNIGHT;
    }

    /** A device transport; {@code defaultBaud} applies to serial URIs without {@code ?baud=}. */
    public TransportUri transport(String key, int defaultBaud, boolean required) {
        String expected = "serial:/dev/PORT?baud=N or tcp://HOST:PORT";
        if (!has(key)) {
            if (required) {
                missing(key, expected);
            }
            return null;
        }
        String t = text(key, expected);
        if (t == null) {
            return null;
        }
        try {
            return TransportUri.parse(t, defaultBaud);
        } catch (IllegalArgumentException e) {
            problem(key, YamlValues.quote(t), detail(e.getMessage(), expected));
            return null;
        }
    }

    private static String detail(String message, String expected) {
        // TransportUri says "<what was wrong>, expected …": keep the what, state the expectation once.
        int cut = message.indexOf(", expected ");
        return cut < 0 ? expected : expected + " (" + message.substring(0, cut) + ")";
    }

    /** A nested mapping; when absent it is reported and an empty mapping is answered. */
    public YamlMap requiredMap(String key, String what) {
        YamlMap m = map(key, what);
        if (m == null) {
            missing(key, what);
            return new YamlMap(node, path(key), problems, true);
        }
        return m;
    }

    /** A nested mapping, or null when the key is absent. */
    public YamlMap map(String key, String what) {
        Node v = get(key);
        return v == null ? null : of(v, path(key), problems, what);
    }

    /** The nodes of a list, empty when absent; a non-list is reported. */
    public List<Node> list(String key, String what) {
        Node v = get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof SequenceNode seq)) {
            problems.add(v, path(key), YamlValues.describe(v), what);
            return List.of();
        }
        return seq.getValue();
    }

    /**
     * The texts of a list of scalars, empty when absent; each element that is not a scalar, or is
     * refused by {@code check} (which returns what was wrong, or null), is reported at its own line.
     */
    public List<String> texts(String key, String what, java.util.function.Function<String, String> check) {
        List<String> out = new java.util.ArrayList<>();
        List<Node> nodes = list(key, what);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String at = path(key) + "[" + i + "]";
            if (!(n instanceof ScalarNode s) || YamlValues.isNull(n)) {
                problems.add(n, at, YamlValues.describe(n), what);
                continue;
            }
            String text = s.getValue().trim();
            String wrong = check.apply(text);
            if (wrong != null) {
                problems.add(n, at, YamlValues.quote(text) + " (" + wrong + ")", what);
                continue;
            }
            out.add(text);
        }
        return out;
    }

    /** Reports every key of this mapping that no lookup asked for. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(e.getValue().getKeyNode(), path(e.getKey()), "an unknown key",
                        suggest(e.getKey()) + "one of " + String.join(", ", known));
            }
        }
    }

    private String suggest(String unknown) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(unknown.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : "'" + best + "' (did you mean it?) — ";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }
}
