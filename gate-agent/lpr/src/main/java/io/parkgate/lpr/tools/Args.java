package io.parkgate.lpr.tools;

import java.util.HashMap;
import java.util.Map;

/** Minimal {@code --key value} command-line options with defaults; unknown keys are an error. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] argv, Map<String, String> defaults, String usage) {
        values.putAll(defaults);
        String[] tokens = argv.length == 1 && argv[0].contains(" ") ? argv[0].trim().split("\\s+") : argv;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isBlank()) {
                continue;
            }
            if (t.equals("help") || t.equals("--help")) {
                throw new IllegalArgumentException(usage);
            }
            if (!t.startsWith("--") || !defaults.containsKey(t.substring(2)) || i + 1 >= tokens.length) {
                throw new IllegalArgumentException("bad option '" + t + "'\n" + usage);
            }
            values.put(t.substring(2), tokens[++i]);
        }
    }

    String get(String key) {
        return values.get(key);
    }

    int getInt(String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " expects an integer, got '" + values.get(key) + "'", e);
        }
    }
}
