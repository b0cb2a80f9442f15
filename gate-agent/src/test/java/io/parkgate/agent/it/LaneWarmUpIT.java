package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.testing.Await;
import io.parkgate.testing.MosquittoExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The made-up cars of the start-up warm-up never reach the lane: no OPEN on the wire, no register row, no open
 * stay, no event at central (a real broker), no scratch files left. The first real car after it is handled as
 * ever, and is the only passage the lane and central know of.
 */
class LaneWarmUpIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int WARM_UP_CARS = 40;

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.anonymous();

    /** Verifies that the warm-up leaves no trace and the first real car is the lane's only passage. */
    @Test
    void warmUpLeavesNoTraceAndTheFirstRealCarPasses() throws Exception {
        String url = mosquitto.url();
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cardEnd = DeviceEndpoint.tcp();
             DeviceEndpoint cameraEnd = DeviceEndpoint.tcp()) {
            Path siteFile = LaneRig.writeSite(dir, "lane-1", "IN", ioEnd.transportUri(), cardEnd.transportUri(),
                    cameraEnd.transportUri(), "2s");
            SiteConfig site = SiteConfigLoader.load(siteFile);
            Clock clock = Clock.systemUTC();
            LaneRig.seed(site, "lane-1", LaneRig.registry(60), clock);
            Path data = site.agents().dataDir("lane-1");
            Files.createDirectories(data.resolve("warm-up"));
            Files.writeString(data.resolve("warm-up").resolve("left-by-a-kill"), "x"); // a warm-up cut short

            List<String> reported = new CopyOnWriteArrayList<>();
            MqttClient central = new MqttClient(url, "central-testsite", new MemoryPersistence());
            central.connect(new MqttConnectOptions());
            central.subscribe("parkgate/testsite/lane/lane-1/event", 1,
                    (t, m) -> reported.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock, new GateAgent.Options(
                    data, UplinkConfig.of(url, "testsite", "lane-1", "lane-1", "pw", "lane-1-secret-0123456789", data)
                    .withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1)),
                    DeviceMetrics.NOOP, LaneListener.NONE, null, null, WARM_UP_CARS, null));
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                assertEquals(WARM_UP_CARS, agent.warmUpOpenings(), "every made-up resident opened the still barrier");
                assertFalse(Files.exists(data.resolve("warm-up")), "the scratch store is deleted");
                assertTrue(passages(agent).isEmpty(), "no made-up car in the register");
                assertTrue(agent.store().openStays().isEmpty(), "no made-up car inside");
                Await.until(PATIENCE, "the agent polls", () -> !io.requests(r -> r.function() == 2).isEmpty());
                Thread.sleep(500); // what the warm-up could have sent would be on the wire by now
                assertTrue(io.requests(r -> r.isCoilOn(0)).isEmpty(), "no OPEN from the warm-up");

                io.setInputs(true, false, false, true);
                Await.until(PATIENCE, "the arrival seen",
                        () -> agent.runtime().snapshot().toCompletableFuture().join().inputs().armingLoop());
                cameraEnd.write(PlateLine.encode(new PlateReport(1, LaneRig.RESIDENT_PLATE, PlateColour.BLUE, 93,
                        System.currentTimeMillis())));
                cardEnd.write(Em4100.encode(LaneRig.RESIDENT_CARD));
                Await.until(PATIENCE, "OPEN for the real car", () -> !io.requests(r -> r.isCoilOn(0)).isEmpty());
                List<PassageRecord> register = LaneRig.register(agent.store(), 1, PATIENCE);
                assertEquals(List.of(LaneRig.RESIDENT_PLATE), register.stream().map(PassageRecord::plate).toList());
                Await.until(PATIENCE, "the real car reported", () -> !reported.isEmpty());
                Thread.sleep(1000); // anything else queued for central would follow within this
                assertEquals(1, reported.size(), reported.toString());
                assertTrue(reported.get(0).contains(register.get(0).eventId()), reported.toString());
            }
            central.disconnect();
            central.close();
        }
    }

    private static List<PassageRecord> passages(GateAgent agent) {
        return agent.store().passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(60));
    }
}
