package io.parkgate.central.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard in deploy/grafana: each panel's title and the meter names its queries use. */
final class Dashboard {

    static final Path FILE = Path.of("..", "deploy", "grafana", "parkgate.json");
    private static final Pattern METER = Pattern.compile("\\bparking_[a-z0-9_]+");

    private Dashboard() {
    }

    static Map<String, List<String>> meters() throws Exception {
        JsonObject d = new JsonObject(Files.readString(FILE, StandardCharsets.UTF_8));
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object p : d.getJsonArray("panels")) {
            JsonObject panel = (JsonObject) p;
            JsonArray targets = panel.getJsonArray("targets", new JsonArray());
            List<String> names = new java.util.ArrayList<>();
            for (Object t : targets) {
                Matcher m = METER.matcher(((JsonObject) t).getString("expr", ""));
                while (m.find()) {
                    names.add(m.group());
                }
            }
            out.put(panel.getString("title"), names);
        }
        return out;
    }
}
