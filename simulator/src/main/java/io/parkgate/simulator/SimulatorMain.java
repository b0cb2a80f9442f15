package io.parkgate.simulator;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.ConfigException;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioException;
import io.parkgate.simulator.scenario.ScenarioParser;
import io.parkgate.simulator.scenario.ScenarioRegistry;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.RandomTraffic;
import io.parkgate.simulator.traffic.TrafficMix;
import io.parkgate.wire.RegistryCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Runs the simulated hardware of a site file, for separately started agents or real test equipment:
 * prints where each device is served, plays a scenario and/or random traffic, and prints the report.
 * Exit status: 0 all well, 1 a failed expectation or an unsafe agent action, 2 bad input.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String... args) throws IOException, InterruptedException {
        SimulatorCommandLine cli;
        SiteConfig site;
        try {
            cli = SimulatorCommandLine.parse(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
            site = SiteConfigLoader.load(cli.site());
        } catch (CommandLines.Exit e) {
            return e.status();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Scenario scenario = null;
        if (cli.scenario() != null) {
            try {
                scenario = ScenarioParser.load(cli.scenario(), site.lanes().stream().map(l -> l.id())
                        .collect(Collectors.toSet()));
            } catch (ScenarioException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
        // the one wall-clock read: where simulated time starts when --start is not given
        Instant start = cli.start() != null ? cli.start() : Clock.systemUTC().instant();
        SimulatorOptions options = new SimulatorOptions(start, cli.speed(), cli.seed(), cli.ephemeral(), cli.ptyDir(),
                cli.armTravel(), "0.0.0.0");
        Population population = Population.generate(cli.seed(), new PopulationSize(cli.owners(),
                Math.max(1, cli.owners() / 12), Math.max(1, cli.owners() / 50), Math.max(1, cli.owners() / 75),
                Math.max(1, cli.owners() / 40)), start);
        if (cli.registryOut() != null) {
            RegistrySnapshot registry = scenario == null ? population.registry()
                    : ScenarioRegistry.withResidents(population.registry(), scenario, start);
            Files.write(cli.registryOut(), RegistryCodec.encode(registry));
            System.out.println("registry of " + registry.vehicles().size() + " vehicles written to "
                    + cli.registryOut());
        }
        if (options.speed() > Simulator.maxSpeed(site)) {
            System.err.printf(java.util.Locale.ROOT, "speed x%s refused: with this site's agent poll interval the "
                    + "simulator cannot judge the barrier faithfully above x%s%n", options.speed(),
                    Simulator.maxSpeed(site));
            return 2;
        }
        try (Simulator sim = Simulator.create(site, options)) {
            printDevices(sim);
            // Ctrl-C still shows what happened so far; a normal end prints it below
            AtomicBoolean printed = new AtomicBoolean();
            Thread onInterrupt = new Thread(() -> {
                if (printed.compareAndSet(false, true)) {
                    System.out.print(sim.report().toText());
                }
            });
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            if (cli.waitForAgents() != null && !agentsConnected(sim, cli.waitForAgents())) {
                System.err.println("not every lane's agent connected to its devices within " + cli.waitForAgents());
                return 2;
            }
            sim.startClock();
            ScenarioRunner run = scenario == null ? null : ScenarioRunner.schedule(sim, scenario);
            CountDownLatch trafficDone = new CountDownLatch(cli.trafficPerHour() > 0 ? 1 : 0);
            if (cli.trafficPerHour() > 0) {
                TrafficMix mix = cli.mix() == null ? TrafficMix.typical(cli.trafficPerHour())
                        : TrafficMix.parse(cli.mix(), cli.trafficPerHour());
                RandomTraffic traffic = new RandomTraffic(population, sim.lanes().stream().map(LaneHardware::lane)
                        .toList(), sim.scheduler(), mix, site.zone(), cli.seed() + 1);
                Instant end = sim.clock().instant().plus(cli.duration());
                traffic.start(end);
                sim.scheduler().scheduleAt(end, () -> whenIdle(sim, trafficDone));
            }
            if (run != null) {
                while (!run.awaitFinished(1, TimeUnit.HOURS)) {
                    System.out.println("scenario still running at " + sim.clock().instant());
                }
            }
            trafficDone.await();
            SimulationReport report = sim.report();
            if (printed.compareAndSet(false, true)) {
                System.out.print(report.toText());
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            }
            for (String note : sim.scheduler().slowdowns()) {
                System.out.println("Simulator " + note);
            }
            if (cli.eventsOut() != null) {
                Files.write(cli.eventsOut(), report.events().stream().map(SimulatorMain::tsv).toList(),
                        StandardCharsets.UTF_8);
            }
            boolean unsafe = report.violations().stream().anyMatch(v -> v.kind()
                    == SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED || v.kind() == SafetyViolation.Kind.ARM_ON_VEHICLE);
            return unsafe || !report.failedExpectations().isEmpty() ? 1 : 0;
        }
    }

    /** Counts down once every lane is idle after the end of traffic: the last vehicles may still be on a loop. */
    private static void whenIdle(Simulator sim, CountDownLatch done) {
        if (sim.activity().allIdle() && sim.scheduler().pending() == 0) {
            done.countDown();
        } else {
            sim.scheduler().schedule(Duration.ofMinutes(1), () -> whenIdle(sim, done));
        }
    }

    /** Waits (real time) until every simulated device has its agent connected. */
    private static boolean agentsConnected(Simulator sim, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (sim.lanes().stream().allMatch(h -> h.links().values().stream().allMatch(l -> l.connected()))) {
                System.out.println("agents connected");
                return true;
            }
            Thread.sleep(100); // agents reconnect with their own back-off
        }
        return false;
    }

    private static void printDevices(Simulator sim) {
        for (LaneHardware h : sim.lanes()) {
            for (LaneDevice d : List.of(LaneDevice.IO_CONTROLLER, LaneDevice.CARD_READER, LaneDevice.CAMERA)) {
                h.agentTransport(d).ifPresent(t -> System.out.println(h.lane().id() + " " + d + " " + t));
            }
        }
    }

    private static String tsv(SimEvent e) {
        return e.at() + "\t" + e.lane() + "\t" + e.type() + "\t" + (e.vehicle() == null ? "" : e.vehicle()) + "\t"
                + e.detail().replace('\t', ' ');
    }
}
