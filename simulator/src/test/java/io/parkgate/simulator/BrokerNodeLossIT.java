package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.central.it.ArtemisCluster;
import io.parkgate.central.ops.ArtemisBrokerFiles;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.testutil.CarParkFixture;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.testutil.Sites;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.RandomTraffic;
import io.parkgate.simulator.traffic.TrafficKind;
import io.parkgate.simulator.traffic.TrafficMix;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The north gate's real agents, on simulated lane hardware, reach central through a two-node Artemis cluster;
 * the node central and the entry lane are on is killed in the middle of the traffic. The lanes keep deciding
 * (cars keep passing, nothing unsafe), everyone moves to the other node, and every passage is at central once.
 */
class BrokerNodeLossIT {

    /** 07:00 in Shenzhen. */
    private static final Instant START = Instant.parse("2026-11-22T23:00:00Z");
    private static final Duration TRAFFIC = Duration.ofHours(6);

    @TempDir
    Path dir;

    /** Verifies that killing a broker node during traffic loses and doubles no passage and stops no lane. */
    @Test
    void killingABrokerNodeStopsNoLane() throws Exception {
        SiteConfig siteFile = Sites.northGate();
        Map<String, String> lanePasswords = new LinkedHashMap<>();
        siteFile.lanes().forEach(l -> lanePasswords.put(l.id(), CarParkFixture.lanePassword(l.id())));
        List<String> laneIds = siteFile.lanes().stream().map(LaneConfig::id).toList();
        Population pop = Population.generate(11, new PopulationSize(60, 6, 2, 2, 3), START);
        try (ArtemisCluster cluster = new ArtemisCluster(dir.resolve("artemis"), 2, "256m",
                (c, nodes, self, etc) -> ArtemisBrokerFiles.write(siteFile.siteId(), lanePasswords,
                        ArtemisCluster.CENTRAL_USER, ArtemisCluster.CENTRAL_PASSWORD, "cluster-password-1", nodes,
                        self, false, etc))) {
            List<String> urls = cluster.urls();
            // Central and the first lane start on node 1, the other lanes on node 2.
            try (CarParkFixture park = new CarParkFixture(dir, START, 11, pop, siteFile,
                    c -> c.withExternalBroker(urls, ArtemisCluster.CENTRAL_USER, ArtemisCluster.CENTRAL_PASSWORD),
                    (lane, embedded) -> laneIds.indexOf(lane) == 0 ? urls : List.of(urls.get(1), urls.get(0)))) {
                Simulator sim = park.sim;
                Map<TrafficKind, Integer> mix = new EnumMap<>(TrafficKind.class);
                mix.put(TrafficKind.RESIDENT, 75);
                mix.put(TrafficKind.RESIDENT_NO_CARD, 15);
                mix.put(TrafficKind.MISREAD, 5);
                mix.put(TrafficKind.POLICY, 5);
                Instant end = START.plus(TRAFFIC);
                new RandomTraffic(pop, sim.lanes().stream().map(LaneHardware::lane).toList(), sim.scheduler(),
                        new TrafficMix(mix, 8, true), sim.agentSiteConfig().zone(), 11).start(end);
                sim.startClock();

                SimFixture.await("half of the traffic", 120_000,
                        () -> sim.clock().instant().isAfter(START.plus(TRAFFIC.dividedBy(2))));
                long passedAtKill = passed(sim);
                cluster.kill(1);
                SimFixture.await("the rest of the traffic", 180_000,
                        () -> sim.clock().instant().isAfter(end) && sim.activity().allIdle());
                long passed = passed(sim);
                System.out.printf("broker node killed: %d vehicles passed before, %d in all%n", passedAtKill, passed);
                assertTrue(passedAtKill >= 5 && passed > passedAtKill, "cars passed before and after the kill\n"
                        + sim.report().toText());
                assertTrue(sim.report().violations().stream().noneMatch(v -> v.kind().name().startsWith("CLOSE")
                        || v.kind().name().startsWith("ARM")), sim.report().toText());

                SimFixture.await("central's passages equal the cars that passed", 60_000,
                        () -> park.agents.stream().allMatch(a -> a.uplinkBacklog() == 0)
                                && park.storedPassages() == passed(sim));
                assertEquals(passed(sim), park.storedPassages(), "each passage at central exactly once");
                for (GateAgent a : park.agents) {
                    assertEquals(io.parkgate.agent.port.DeviceState.CONNECTED, a.uplinkState());
                }
            }
        }
    }

    private static long passed(Simulator sim) {
        return sim.report().lanes().stream().mapToLong(l -> l.count(Passage.Outcome.PASSED)).sum();
    }

}
