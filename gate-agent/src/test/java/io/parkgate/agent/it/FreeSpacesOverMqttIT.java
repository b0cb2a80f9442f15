package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.display.DisplayFrame;
import io.parkgate.testing.Await;
import io.parkgate.testing.MosquittoExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The free-space count from central's topic to the entry display's wire: a real agent subscribed through a real
 * broker (Mosquitto, standing in for central's) shows a sensible count and ignores nonsense ones, and no count
 * ever moves the barrier.
 */
class FreeSpacesOverMqttIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.anonymous();

    /** Verifies the display's count after good, negative, over-capacity, other-capacity and unreadable counts. */
    @Test
    void displayShowsSensibleCountsOnly() throws Exception {
        String url = mosquitto.url();
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cameraEnd = DeviceEndpoint.tcp();
             DeviceEndpoint displayEnd = DeviceEndpoint.tcp()) {
            Path siteFile = LaneRig.writeOneLaneSite(dir, "", "", """
                          io: { transport: "%s", poll: 20ms }
                          camera: { transport: "%s" }
                          display: { kind: SERIAL, transport: "%s", spaces: 10 }
                    """.formatted(ioEnd.transportUri(), cameraEnd.transportUri(), displayEnd.transportUri()));
            SiteConfig site = SiteConfigLoader.load(siteFile);
            Clock clock = Clock.systemUTC();
            LaneRig.seed(site, "lane-1", LaneRig.registry(5), clock);
            Path data = site.agents().dataDir("lane-1");
            GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock, new GateAgent.Options(
                    data, UplinkConfig.of(url, "testsite", "lane-1", "lane-1", "pw", "lane-1-secret-0123456789", data)
                    .withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1)),
                    DeviceMetrics.NOOP, LaneListener.NONE));
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                List<Integer> counts = new CopyOnWriteArrayList<>();
                List<String> shown = new CopyOnWriteArrayList<>();
                Thread reader = displayReader(displayEnd.in(), counts, shown);
                Await.until(PATIENCE, "idle text with the lane's own count", () -> counts.contains(10));

                MqttClient central = new MqttClient(url, "central-testsite", new MemoryPersistence());
                central.connect(new MqttConnectOptions());
                String topic = "parkgate/testsite/spaces";
                Await.until(PATIENCE, "agent subscribed", () -> agent.uplinkState()
                        == DeviceState.CONNECTED);
                publish(central, topic, "{\"capacity\":10,\"free\":7,\"at\":\"2026-11-23T01:00:00Z\"}");
                Await.until(PATIENCE, "central's count 7 on the display", () -> counts.contains(7));
                assertTrue(shown.contains("余位 7"), shown.toString());

                for (String bad : List.of("{\"capacity\":10,\"free\":-3,\"at\":\"2026-11-23T01:00:01Z\"}",
                        "{\"capacity\":10,\"free\":11,\"at\":\"2026-11-23T01:00:02Z\"}",
                        "{\"capacity\":300,\"free\":250,\"at\":\"2026-11-23T01:00:03Z\"}",
                        "{\"capacity\":10,\"free\":\"lots\",\"at\":\"2026-11-23T01:00:04Z\"}",
                        "{\"capacity\":10,\"free\":2", "")) {
                    publish(central, topic, bad);
                }
                publish(central, topic, "{\"capacity\":10,\"free\":4,\"at\":\"2026-11-23T01:00:05Z\"}");
                Await.until(PATIENCE, "the next sensible count 4", () -> counts.contains(4));
                assertEquals(List.of(10, 7, 4), counts.stream().distinct().toList(),
                        "only sensible counts reached the display");
                assertTrue(io.requests(r -> r.isCoilOn(0)).isEmpty(), "no count opened the barrier");
                central.disconnect();
                central.close();
                reader.interrupt();
            }
        }
    }

    private static void publish(MqttClient c, String topic, String payload) throws Exception {
        c.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /** Decodes what the agent writes to the display: FREE_SPACES counts and line 2 of SHOW frames. */
    private static Thread displayReader(InputStream in, List<Integer> counts, List<String> shown) {
        DisplayFrame.Decoder decoder = new DisplayFrame.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(DisplayFrame.Frame f) {
                if (f.command() == DisplayFrame.FREE_SPACES) {
                    counts.add(f.freeSpaces());
                } else if (f.command() == DisplayFrame.SHOW && f.line() == 2) {
                    shown.add(f.text());
                }
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                throw new AssertionError("bad display frame: " + reason + " " + detail);
            }
        });
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1024];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    decoder.accept(buf, 0, n);
                }
            } catch (java.io.IOException e) {
                // the agent closed the display's link at the end
            }
        }, "display-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

}
