package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.device.DisplayModuleSim;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.CarParkFixture;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import io.parkgate.testing.CuttableLink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The entry displays' free spaces (余位) on real wires: central counts them from the passages and pushes the
 * count through its broker; an entry lane cut off from central counts its own entries, and shows central's
 * count again once it is back, even though it missed the exit that freed a space while it was away.
 */
class FreeSpacesWithCentralIT {

    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");
    private static final String SITE = """
            site: { id: lakeside, name: 湖畔花园停车场, timeZone: Asia/Shanghai }
            tariff:
              small:
                laterPeriods: { length: 1h, price: 300 }
            lanes:
              - id: north-in
                name: 北门入口
                direction: IN
                post: north
                devices:
                  io: { transport: "tcp://127.0.0.1:47401" }
                  camera: { transport: "tcp://127.0.0.1:47403" }
                  display: { kind: SERIAL, transport: "tcp://127.0.0.1:47404", spaces: 10 }
              - id: north-out
                name: 北门出口
                direction: OUT
                post: north
                devices:
                  io: { transport: "tcp://127.0.0.1:47411" }
                  camera: { transport: "tcp://127.0.0.1:47413" }
              - id: east-in
                name: 东门入口
                direction: IN
                post: east
                devices:
                  io: { transport: "tcp://127.0.0.1:47421" }
                  camera: { transport: "tcp://127.0.0.1:47423" }
                  display: { kind: SERIAL, transport: "tcp://127.0.0.1:47424", spaces: 10 }
            """;

    @TempDir
    Path dir;

    /** Verifies central's count on both entry displays, the cut-off lane's own count, and convergence after. */
    @Test
    void entriesShowCentralsCountAndACutOffLaneCountsItsOwn() throws Exception {
        Population pop = Population.generate(5, new PopulationSize(40, 3, 2, 1, 2), START);
        List<Resident> residents = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID).limit(2).toList();
        SiteConfig site = SiteConfigLoader.parse(SITE, Path.of("free-spaces.yaml"));
        CuttableLink[] east = new CuttableLink[1];
        try (CarParkFixture park = new CarParkFixture(dir, START, 5, pop, site, (lane, url) -> {
                if (!lane.equals("east-in")) {
                    return url;
                }
                URI broker = URI.create(url);
                east[0] = link(broker);
                return east[0].url();
            });
             CuttableLink eastNetwork = east[0]) {
            Simulator sim = park.sim;
            DisplayModuleSim northDisplay = sim.lane("north-in").display();
            DisplayModuleSim eastDisplay = sim.lane("east-in").display();
            awaitCount(northDisplay, 10);
            awaitCount(eastDisplay, 10);

            SimulatedVehicle x = vehicle(residents.get(0));
            SimulatedVehicle y = vehicle(residents.get(1));
            sim.startClock();
            run(sim, new ScenarioStep(Duration.ZERO, "north-in", x, opens(), null, null, "x in"));
            awaitCount(northDisplay, 9);
            awaitCount(eastDisplay, 9); // another lane's entry, counted by central

            eastNetwork.cut();
            SimFixture.await("east-in knows it is cut off", 60_000,
                    () -> park.agents.get(2).uplinkState() != DeviceState.CONNECTED);
            run(sim, new ScenarioStep(Duration.ZERO, "north-out", x, opens(), null, null, "x out"),
                    new ScenarioStep(Duration.ofSeconds(5), "east-in", y, opens(), null, null, "y in, offline"));
            awaitCount(northDisplay, 10); // x left; y's entry has not reached central
            awaitCount(eastDisplay, 8); // central's last count (9) less its own entry; x's exit unseen
            assertTrue(park.agents.get(2).uplinkBacklog() > 0, "y's entry waits for central");

            eastNetwork.restore();
            SimFixture.await("east-in's backlog delivered", 60_000, () -> park.agents.get(2).uplinkBacklog() == 0);
            awaitCount(northDisplay, 9); // y, now known to central
            awaitCount(eastDisplay, 9); // central's count again: x's exit, missed offline, is in it
            assertEquals(List.of(), sim.report().failedExpectations(), sim.report().toText());
            assertEquals(0, northDisplay.rejected() + eastDisplay.rejected(), "every display frame read");
        }
    }

    private static void run(Simulator sim, ScenarioStep... steps) throws InterruptedException {
        ScenarioRunner run = ScenarioRunner.schedule(sim, new Scenario("free spaces", null, List.of(steps),
                List.of()));
        assertTrue(run.awaitFinished(120, TimeUnit.SECONDS), "scenario finished\n" + sim.report().toText());
    }

    /** Waits until the display's latest idle text shows {@code free} spaces. */
    private static void awaitCount(DisplayModuleSim display, int free) {
        SimFixture.await("余位 " + free, 30_000, () -> lastCount(display) == free);
    }

    private static int lastCount(DisplayModuleSim display) {
        List<DisplayModuleSim.Shown> shown = display.shown();
        for (int i = shown.size() - 1; i >= 0; i--) {
            String line = shown.get(i).lines().get(1);
            if (line.startsWith("余位 ")) {
                return Integer.parseInt(line.substring(3).trim());
            }
        }
        return -1;
    }

    private static Expectation opens() {
        return new Expectation(Expectation.Outcome.OPENS, Duration.ofSeconds(15));
    }

    private static SimulatedVehicle vehicle(Resident r) {
        return new SimulatedVehicle("resident", r.vehicle().plate(), r.vehicle().colour() == null ? PlateColour.BLUE
                : r.vehicle().colour(), null, Behaviour.NORMAL, Duration.ofSeconds(60));
    }

    private static CuttableLink link(URI broker) {
        try {
            return new CuttableLink(broker.getHost(), broker.getPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
