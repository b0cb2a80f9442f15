package io.parkgate.agent.it;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.Await;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One lane for end-to-end tests: writes a real site file whose devices are the given endpoints, seeds
 * the lane's store with a small registry, and starts the real gate agent against it.
 */
public final class LaneRig {

    public static final String RESIDENT_PLATE = "粤B12345";
    public static final String RESIDENT_CARD = "0E00A35C21";

    private LaneRig() {
    }

    /** A site file with one lane; {@code card}/{@code camera} may be null for a lane without them. */
    public static Path writeSite(Path dir, String laneId, String direction, String ioUri, String cardUri,
                                 String cameraUri, String window) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("site: { id: testsite, name: 测试停车场 }\n")
                .append("agents: { dataDir: ").append(dir.resolve("agents")).append(" }\n")
                .append("rules: { identificationWindow: ").append(window).append(" }\n")
                .append("""
                        tariff:
                          visitorFreeTime: 2h
                          small:
                            freeTime: 15min
                            capPer24h: 3000
                            day: { from: "07:00", to: "19:00", firstPeriod: { length: 1h, price: 500 }, \
                            laterPeriods: { length: 1h, price: 300 } }
                            night: { flat: 1000 }
                          large:
                            freeTime: 15min
                            capPer24h: 6000
                            day: { from: "07:00", to: "19:00", firstPeriod: { length: 1h, price: 1000 }, \
                            laterPeriods: { length: 1h, price: 600 } }
                            night: { flat: 2000 }
                        lanes:
                        """)
                .append("  - id: ").append(laneId).append("\n")
                .append("    name: 测试车道\n")
                .append("    direction: ").append(direction).append("\n")
                .append("    post: test\n")
                .append("    devices:\n")
                .append("      io: { transport: \"").append(ioUri).append("\", poll: 20ms }\n");
        if (cardUri != null) {
            y.append("      cardReader: { transport: \"").append(cardUri).append("\" }\n");
        }
        if (cameraUri != null) {
            y.append("      camera: { kind: SMART, transport: \"").append(cameraUri).append(
                    "\", minConfidence: 60 }\n");
        }
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, y.toString(), StandardCharsets.UTF_8);
        return site;
    }

    /**
     * A site file with one entry lane {@code lane-1} and a flat 3 元 an hour tariff.
     *
     * @param agents  more keys of the {@code agents} mapping after its data directory (e.g. {@code ", framePort: 1"}),
     * or ""
     * @param rules   the site's {@code rules} mapping's keys, or "" for none
     * @param devices the lane's device lines, each indented six spaces and ending in a line break
     */
    public static Path writeOneLaneSite(Path dir, String agents, String rules, String devices) throws IOException {
        String y = "site: { id: testsite, name: 测试停车场 }\n"
                + "agents: { dataDir: " + dir.resolve("agents") + agents + " }\n"
                + (rules.isEmpty() ? "" : "rules: { " + rules + " }\n")
                + """
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: lane-1
                    name: 测试车道
                    direction: IN
                    post: test
                    devices:
                """ + devices;
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, y, StandardCharsets.UTF_8);
        return site;
    }

    /**
     * A one-lane site file with an I/O controller (polled every 20 ms) and a card reader at these ends, its lane's
     * registry seeded with the resident and five more.
     */
    public static Path writeSeededSite(Path dir, DeviceEndpoint ioEnd, DeviceEndpoint cardEnd) throws IOException {
        Path site = writeOneLaneSite(dir, "", "", """
                      io: { transport: "%s", poll: 20ms }
                      cardReader: { transport: "%s" }
                """.formatted(ioEnd.transportUri(), cardEnd.transportUri()));
        seed(SiteConfigLoader.load(site), "lane-1", registry(5), Clock.systemUTC());
        return site;
    }

    /** A registry with one resident (plate, card, valid pass) plus {@code extra} more residents. */
    public static RegistrySnapshot registry(int extra) {
        List<Owner> owners = new ArrayList<>();
        List<Vehicle> vehicles = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        List<Pass> passes = new ArrayList<>();
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant until = Instant.parse("2099-01-01T00:00:00Z");
        owners.add(new Owner("O0", "张三", "3-2-1101", "13800000000"));
        vehicles.add(new Vehicle(RESIDENT_PLATE, "O0", PlateColour.BLUE, VehicleClass.SMALL));
        cards.add(new Card(RESIDENT_CARD, "O0", RESIDENT_PLATE, Card.Status.ACTIVE));
        passes.add(new Pass("P0", RESIDENT_PLATE, Pass.Type.ANNUAL, from, until));
        for (int i = 1; i <= extra; i++) {
            String plate = plate(i);
            owners.add(new Owner("O" + i, "业主" + i, (i % 30 + 1) + "-" + (i % 6 + 1) + "-" + (i % 3000), "139" + i));
            vehicles.add(new Vehicle(plate, "O" + i, PlateColour.BLUE, VehicleClass.SMALL));
            cards.add(new Card(card(i), "O" + i, plate, Card.Status.ACTIVE));
            passes.add(new Pass("P" + i, plate, Pass.Type.MONTHLY, from, until));
        }
        return new RegistrySnapshot(1, owners, vehicles, cards, passes, List.of(), List.of(), List.of());
    }

    /** The i-th generated resident's plate: 苏E + 5 digits, distinct for i < 100,000. */
    public static String plate(int i) {
        return String.format("苏E%05d", i);
    }

    /** The i-th generated resident's card: 10 hex digits. */
    public static String card(int i) {
        return String.format("%010X", 0x1000000000L + i);
    }

    /** Seeds the lane's store (as central would have) before the agent starts. */
    public static void seed(SiteConfig site, String laneId, RegistrySnapshot registry, Clock clock) {
        try (AgentStore store = AgentStore.openIn(site.agents().dataDir(laneId), laneId, clock)) {
            store.replaceRegistry(registry);
        }
    }

    /**
     * The lane's register once it holds at least {@code rows} rows: a passage's register row follows the
     * barrier's answer to its OPEN, so a test that saw OPEN on the wire waits for it.
     */
    public static List<PassageRecord> register(AgentStore store, int rows, Duration patience) {
        Await.until(patience, rows + " register row(s)",
                () -> store.passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(60)).size() >= rows);
        return store.passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(60));
    }

    /**
     * The agent service as systemd runs it, in its own JVM: lane {@code lane-1} of {@code site} without central,
     * its output to {@code out}. {@code environment} may change the child's environment first (e.g. preload
     * libfaketime).
     */
    public static Process startAgentProcess(Path site, Path out, Consumer<Map<String, String>> environment)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.parkgate.agent.app.AgentMain", "run",
                "--site", site.toString(), "--lane", "lane-1", "--no-central", "--metrics-port", "0")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        environment.accept(pb.environment());
        return pb.start();
    }

    public static GateAgent start(Path siteFile, String laneId, Clock clock, LaneListener listener) {
        SiteConfig site = SiteConfigLoader.load(siteFile);
        return GateAgent.start(site, site.lane(laneId).orElseThrow(), clock,
                new GateAgent.Options(site.agents().dataDir(laneId), null, DeviceMetrics.NOOP, listener));
    }
}
