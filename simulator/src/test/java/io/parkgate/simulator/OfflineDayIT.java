package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.config.SiteConfig;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.testutil.CarParkFixture;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.RandomTraffic;
import io.parkgate.simulator.traffic.TrafficKind;
import io.parkgate.simulator.traffic.TrafficMix;
import io.parkgate.testing.CuttableLink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lanes lose central for a simulated day of traffic: they keep deciding and journalling on their own,
 * and when the network returns every passage reaches central exactly once.
 */
class OfflineDayIT {

    /** 07:00 in Shenzhen. */
    private static final Instant START = Instant.parse("2026-11-22T23:00:00Z");

    @TempDir
    Path dir;

    /** Verifies that a day of passages made while cut off from central is delivered once each after reconnecting. */
    @Test
    void dayOfTrafficOfflineIsDeliveredExactlyOnce() throws Exception {
        Population pop = Population.generate(9, new PopulationSize(60, 6, 2, 2, 3), START);
        CuttableLink[] link = new CuttableLink[1];
        try (CarParkFixture park = new CarParkFixture(dir, START, 9, pop, url -> {
                URI broker = URI.create(url);
                link[0] = newLink(broker);
                return link[0].url();
            });
             CuttableLink network = link[0]) {
            Simulator sim = park.sim;
            List<GateAgent> agents = park.agents;
            SiteConfig site = sim.agentSiteConfig();
            {
                network.cut();
                Instant end = START.plus(Duration.ofHours(24));
                // Mostly residents: with central gone the exit lane has no entry records (stays are relayed by
                // central), and residents leave free without one, so the day is not spent on held exits.
                Map<TrafficKind, Integer> mix = new EnumMap<>(TrafficKind.class);
                mix.put(TrafficKind.RESIDENT, 75);
                mix.put(TrafficKind.RESIDENT_NO_CARD, 15);
                mix.put(TrafficKind.MISREAD, 5);
                mix.put(TrafficKind.POLICY, 5);
                new RandomTraffic(pop, sim.lanes().stream().map(LaneHardware::lane).toList(), sim.scheduler(),
                        new TrafficMix(mix, 4, true), site.zone(), 9).start(end);
                sim.startClock();
                SimFixture.await("a simulated day of traffic", 240_000,
                        () -> sim.clock().instant().isAfter(end) && sim.activity().allIdle());
                SimulationReport report = sim.report();
                long passed = report.lanes().stream().mapToLong(l -> l.count(Passage.Outcome.PASSED)).sum();
                long backlog = agents.stream().mapToLong(GateAgent::uplinkBacklog).sum();
                System.out.printf("offline day: %d vehicles passed, %d events waiting for central%n", passed, backlog);
                assertTrue(passed >= 20, "a day of traffic passed the lanes\n" + report.toText());
                assertTrue(backlog >= passed, "everything waited in the outboxes while offline");
                assertEquals(0, park.storedPassages(), "nothing reached central while cut off");

                network.restore();
                SimFixture.await("outboxes drained", 120_000,
                        () -> agents.stream().allMatch(a -> a.uplinkBacklog() == 0));
                // The simulated clock runs on while the outboxes drain, so a few more cars may pass (online now):
                // every passage at central exactly once means central's count meets the simulator's and stays.
                SimFixture.await("central's passages equal the cars that passed", 30_000, () -> park.storedPassages()
                        == sim.report().lanes().stream().mapToLong(l -> l.count(Passage.Outcome.PASSED)).sum()
                        && agents.stream().allMatch(a -> a.uplinkBacklog() == 0));
                assertTrue(park.storedPassages() >= passed, "every offline passage reached central");
                assertTrue(report.violations().stream().noneMatch(v -> v.kind().name().startsWith("CLOSE")
                        || v.kind().name().startsWith("ARM")), report.toText());
                for (LaneSummary lane : report.lanes()) {
                    System.out.println(lane.lane() + ": " + lane.count(Passage.Outcome.PASSED) + " passed");
                }
            }
        }
    }

    private static CuttableLink newLink(URI broker) {
        try {
            return new CuttableLink(broker.getHost(), broker.getPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
