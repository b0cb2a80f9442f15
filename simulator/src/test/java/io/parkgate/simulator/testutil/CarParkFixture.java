package io.parkgate.simulator.testutil;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.simulator.Simulator;
import io.parkgate.simulator.SimulatorOptions;
import io.parkgate.simulator.traffic.Population;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The north gate on real wires, for tests: simulated lane hardware, central with its embedded broker on free
 * ports (manager {@code boss} / {@code boss-password}) and the population's registry, and one real gate agent
 * per lane connected to central through its uplink. Returns once every agent has its devices and the registry.
 */
public final class CarParkFixture implements AutoCloseable {

    public final Simulator sim;
    public final Central central;
    private final Path centralDb;
    public final List<GateAgent> agents = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();

    /**
     * @param brokerFor what each agent connects to, given central's broker URL (e.g. a cuttable link)
     */
    public CarParkFixture(Path dir, Instant start, long seed, Population population,
                          UnaryOperator<String> brokerFor) throws Exception {
        this(dir, start, seed, population, Sites.northGate(), sameForAll(brokerFor));
    }

    /** The lane's MQTT password in this fixture. */
    public static String lanePassword(String lane) {
        return "mqtt-pass-" + lane;
    }

    /** {@code brokerFor} asked once (it may open a link), its answer given to every lane. */
    private static java.util.function.BinaryOperator<String> sameForAll(UnaryOperator<String> brokerFor) {
        Map<String, String> once = new java.util.concurrent.ConcurrentHashMap<>();
        return (lane, url) -> once.computeIfAbsent(url, brokerFor);
    }

    /**
     * Another site, and each lane's own way to the broker.
     *
     * @param brokerFor what lane {@code l} connects to, given l and central's broker URL
     */
    public CarParkFixture(Path dir, Instant start, long seed, Population population, SiteConfig siteFile,
                          java.util.function.BinaryOperator<String> brokerFor) throws Exception {
        this(dir, start, seed, population, siteFile, UnaryOperator.identity(),
                (lane, url) -> List.of(brokerFor.apply(lane, url)));
    }

    /**
     * Another site on another broker (e.g. a broker cluster).
     *
     * @param centralBroker adjusts central's settings (its broker)
     * @param brokersFor    the brokers lane {@code l} connects to, in order, given l and central's own broker URL
     *                      (null when central is on an external broker)
     */
    public CarParkFixture(Path dir, Instant start, long seed, Population population, SiteConfig siteFile,
                          UnaryOperator<CentralConfig> centralBroker,
                          java.util.function.BiFunction<String, String, List<String>> brokersFor) throws Exception {
        this.sim = Simulator.create(siteFile, SimulatorOptions.forTests(start, seed, dir));
        this.centralDb = dir.resolve("central").resolve("central.db");
        SiteConfig site = sim.agentSiteConfig();
        Map<String, CentralConfig.LaneSecrets> secrets = new LinkedHashMap<>();
        site.lanes().forEach(l -> secrets.put(l.id(), new CentralConfig.LaneSecrets(lanePassword(l.id()),
                "command-secret-of-" + l.id())));
        this.central = Central.start(vertx, centralBroker.apply(CentralConfig.fromSite(site, dir.resolve("central"),
                secrets, new CentralConfig.Credentials("boss", "boss-password"), null).withPorts(0, 0)), sim.clock());
        central.registry().upsert(new Principal("test", "test", Role.MANAGER), population.registry())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        for (LaneConfig lane : site.lanes()) {
            List<String> brokers = brokersFor.apply(lane.id(), central.brokerUrl());
            Path data = dir.resolve("agents").resolve(lane.id());
            CentralConfig.LaneSecrets s = secrets.get(lane.id());
            agents.add(GateAgent.start(site, lane, sim.clock(), new GateAgent.Options(data,
                    UplinkConfig.of(brokers, site.siteId(), lane.id(), lane.id(), s.mqttPassword(), s.commandSecret(),
                            data), DeviceMetrics.NOOP, LaneListener.NONE)));
        }
        int vehicles = population.registry().vehicles().size();
        SimFixture.await("agents connected and synced", 30_000, () -> sim.lanes().stream()
                .allMatch(h -> h.links().values().stream().allMatch(l -> l.connected()))
                && agents.stream().allMatch(a -> a.registryVehicleCount() >= vehicles));
    }

    @Override
    public void close() throws Exception {
        agents.forEach(GateAgent::close);
        central.close();
        sim.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** ENTRY and EXIT events stored in central's SQLite file (the event id is the primary key: each at most once). */
    public long storedPassages() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + centralDb);
             java.sql.ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM lane_events WHERE type IN ('ENTRY', 'EXIT')")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
