package io.parkgate.simulator;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.parkgate.agent.app.AgentService;
import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.ops.LaneCredentials;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.CameraKind;
import io.parkgate.config.ConfigException;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.RandomTraffic;
import io.parkgate.simulator.traffic.TrafficMix;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole car park on one machine (README command 1): central with its embedded MQTT broker and
 * console, one gate agent per lane connected to central, and every lane's hardware simulated on the
 * wire, with random traffic on an accelerated clock. Prints each lane's story as it happens and a
 * per-lane summary at the end. When the site has imaging cameras and {@code agents.framePort}, the agents'
 * frame server listens there (127.0.0.1) and the simulated cameras push rendered frames to it.
 */
public final class CarParkMain {

    private static final Principal SEEDER = new Principal("simulator", "模拟器", Role.MANAGER);

    private CarParkMain() {
    }

    public static void main(String[] args) throws Exception {
        CarParkOptions o;
        SiteConfig site;
        Path data;
        try {
            o = CarParkOptions.parse(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
            site = SiteConfigLoader.load(o.site());
            data = o.prepareData();
        } catch (CommandLines.Exit e) {
            System.exit(e.status());
            return;
        } catch (ConfigException | IllegalStateException | UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Instant start = LocalDate.now(site.zone()).atTime(LocalTime.of(7, 0)).atZone(site.zone()).toInstant();
        SimulatorOptions simOptions = new SimulatorOptions(start, o.speed(), o.seed(), false, data.resolve("pty"),
                Duration.ofSeconds(2), "127.0.0.1");
        Population population = Population.generate(o.seed(), PopulationSize.defaults(), start);

        Vertx vertx = Vertx.vertx();
        List<GateAgent> agents = new ArrayList<>();
        boolean imaging = site.lanes().stream().anyMatch(l -> l.devices().camera() != null
                && (l.devices().camera().kind() == CameraKind.IMAGING || l.devices().camera().kind().pushes()));
        // The same credentials, builders and meters as the services (docs/deploy.md), so the demo
        // cannot drift from production; only the manager's password is the demo's well-known one.
        Path credentials = data.resolve("credentials");
        LaneCredentials.write(site, "central", credentials, Map.of(LaneCredentials.MANAGER_PASSWORD, "parkgate"));
        Map<String, SecretsFile> laneSecrets = new java.util.LinkedHashMap<>();
        for (LaneConfig lane : site.lanes()) {
            laneSecrets.put(lane.id(), SecretsFile.load(credentials.resolve("agents").resolve(lane.id() + ".secrets"),
                    key -> null));
        }
        FrameServer frames = imaging && site.agents().framePort() > 0
                ? FrameServer.start(vertx, "127.0.0.1", site.agents().framePort(), "127.0.0.1",
                        snapshotKeys(site, laneSecrets), java.time.Clock.systemUTC()) : null;
        try (Simulator sim = Simulator.create(site, simOptions)) {
            SecretsFile centralSecrets = SecretsFile.load(credentials.resolve("central.secrets"), key -> null);
            PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Central central = Central.start(vertx, CentralConfig.fromSite(site, data.resolve("central"),
                    centralSecrets, "admin", "central"), sim.clock(),
                    new Central.Service(meters, "127.0.0.1", 0, null));
            try {
                central.registry().upsert(SEEDER, population.registry()).toCompletionStage().toCompletableFuture()
                        .get(60, TimeUnit.SECONDS);
                SiteConfig agentSite = sim.agentSiteConfig();
                ScheduledExecutorService booth = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "simulated-attendants");
                    t.setDaemon(true);
                    return t;
                });
                for (LaneConfig lane : agentSite.lanes()) {
                    SimulatedAttendant attendant = new SimulatedAttendant("值班员(模拟)", sim.clock(), booth);
                    Path laneData = data.resolve("agents").resolve(lane.id());
                    UplinkConfig uplink = AgentService.uplink(central.brokerUrl(), site, lane, laneData,
                            laneSecrets.get(lane.id()), null);
                    GateAgent agent = GateAgent.start(agentSite, lane, sim.clock(),
                            new GateAgent.Options(laneData, uplink, DeviceMetrics.NOOP, attendant, frames, meters));
                    attendant.attach(agent.runtime());
                    agents.add(agent);
                }
                sim.startCameras();
                awaitReady(sim, agents, population);
                System.out.printf("%n停车场 %s 已启动: %d 条车道, 登记车辆 %d 辆. 控制台 http://127.0.0.1:%d/console/ "
                                + "(admin / parkgate), 指标 http://127.0.0.1:%d/metrics"
                                + "%n模拟时钟从 %s 开始, 繁忙时 ×%.0f, 空闲时跳到下一辆车; 运行 %s 模拟时间.%n%n",
                        site.siteName(), site.lanes().size(), population.registry().vehicles().size(),
                        central.httpPort(), central.managementPort(), start.atZone(site.zone()).toLocalDateTime(),
                        o.speed(), o.hours());
                RandomTraffic traffic = new RandomTraffic(population,
                        sim.lanes().stream().map(LaneHardware::lane).toList(), sim.scheduler(),
                        TrafficMix.typical(o.perHour()), site.zone(), o.seed());
                Instant end = start.plus(o.hours());
                traffic.start(end);
                sim.startClock();
                while (!(sim.clock().instant().isAfter(end) && sim.activity().allIdle())) {
                    Thread.sleep(200);
                }
                SimulationReport report = sim.report();
                System.out.println();
                System.out.println(report.toText());
                System.out.printf("%d 辆车产生, 场内剩余 %d 辆.%n", traffic.generated().values().stream()
                        .mapToInt(Integer::intValue).sum(), traffic.inside());
                if (o.keepRunning()) {
                    System.out.println("模拟交通已结束; 控制台继续运行, 按 Ctrl-C 退出.");
                    Thread.currentThread().join();
                }
            } finally {
                // cameras first: a camera pushing to an agent that has gone only fills the log
                sim.lanes().stream().filter(h -> h.vendor() != null).forEach(h -> h.vendor().close());
                agents.forEach(GateAgent::close);
                central.close();
            }
        } finally {
            if (frames != null) {
                frames.close();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** Waits until every agent's devices are connected and its registry has arrived from central. */
    private static void awaitReady(Simulator sim, List<GateAgent> agents, Population population)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int expected = population.registry().vehicles().size();
        while (System.nanoTime() < deadline) {
            boolean linked = sim.lanes().stream().allMatch(h -> h.links().values().stream()
                    .allMatch(l -> l.connected()) && (h.imaging() == null || h.imaging().warmedUp()));
            boolean synced = agents.stream().allMatch(a -> a.registryVehicleCount() >= expected);
            if (linked && synced) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the agents did not connect to their devices and central within 60 s");
    }

    /** Each lane's snapshot-link key: its command secret, as the lane's own agent service reads it. */
    private static Map<String, String> snapshotKeys(SiteConfig site, Map<String, SecretsFile> laneSecrets) {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (LaneConfig lane : site.lanes()) {
            keys.put(lane.id(), laneSecrets.get(lane.id()).required(AgentService.COMMAND_SECRET,
                    "PARKGATE_COMMAND_SECRET"));
        }
        return keys;
    }
}
