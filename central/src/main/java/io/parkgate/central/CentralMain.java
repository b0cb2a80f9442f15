package io.parkgate.central;

import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.config.Direction;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts central from command-line options (wiring only; see central/README.md):
 * <pre>
 * --site ID --data DIR [--http-port N] [--mqtt-port N] [--broker URL --mqtt-user U --mqtt-password P]
 * [--lane id:post:IN|OUT:mqttPassword:commandSecret]... [--manager user:password]
 * --config SITE.yaml --secrets LANES --data DIR [--manager user:password] [--mqtt-user U --mqtt-password P]
 * </pre>
 * The lane secrets file has one line per lane: {@code <laneId> <mqttPassword> <commandSecret>}.
 */
public final class CentralMain {

    private CentralMain() {
    }

    public static void main(String[] args) throws Exception {
        String site = null;
        Path data = null;
        int http = 8080;
        int mqtt = 1883;
        String broker = null;
        String user = "central";
        String password = null;
        List<LaneDefinition> lanes = new ArrayList<>();
        CentralConfig.Credentials manager = null;
        Path siteFile = null;
        Path secretsFile = null;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--site" -> site = v;
                case "--data" -> data = Path.of(v);
                case "--config" -> siteFile = Path.of(v);
                case "--secrets" -> secretsFile = Path.of(v);
                case "--http-port" -> http = Integer.parseInt(v);
                case "--mqtt-port" -> mqtt = Integer.parseInt(v);
                case "--broker" -> broker = v;
                case "--mqtt-user" -> user = v;
                case "--mqtt-password" -> password = v;
                case "--lane" -> {
                    String[] p = v.split(":", 5);
                    if (p.length != 5) {
                        throw new IllegalArgumentException("--lane " + v + ": expected id:post:IN|OUT:password:secret");
                    }
                    lanes.add(new LaneDefinition(p[0], p[1], Direction.valueOf(p[2]), p[3], p[4]));
                }
                case "--manager" -> {
                    String[] p = v.split(":", 2);
                    manager = new CentralConfig.Credentials(p[0], p[1]);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        CentralConfig cfg;
        if (siteFile != null) {
            if (secretsFile == null || data == null) {
                throw new IllegalArgumentException("--config needs --secrets and --data");
            }
            cfg = CentralConfig.fromSite(io.parkgate.config.SiteConfigLoader.load(siteFile), data,
                    readSecrets(secretsFile), manager,
                    password == null ? null : new CentralConfig.Credentials(user, password));
        } else {
            if (site == null || data == null) {
                throw new IllegalArgumentException("--site and --data (or --config) are required");
            }
            cfg = CentralConfig.defaults(site, data, lanes, manager).withPorts(http, mqtt);
            if (broker != null) {
                cfg = cfg.withExternalBroker(broker, user, password);
            }
        }
        Vertx vertx = Vertx.vertx();
        Central central = Central.start(vertx, cfg, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(central::close, "central-shutdown"));
    }

    private static java.util.Map<String, CentralConfig.LaneSecrets> readSecrets(Path file) throws java.io.IOException {
        java.util.Map<String, CentralConfig.LaneSecrets> out = new java.util.HashMap<>();
        int n = 0;
        for (String line : java.nio.file.Files.readAllLines(file)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] p = t.split("\\s+");
            if (p.length != 3) {
                throw new IllegalArgumentException(file + ":" + n + ": expected <laneId> <mqttPassword> <commandSecret>");
            }
            out.put(p[0], new CentralConfig.LaneSecrets(p[1], p[2]));
        }
        return out;
    }
}
