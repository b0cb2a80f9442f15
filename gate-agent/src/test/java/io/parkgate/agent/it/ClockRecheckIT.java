package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.testing.Await;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.Hello;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.Topics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wired gate agent on a lane PC whose clock is three hours slow is told so by central's echo of its hello, over a
 * real broker, and still opens on a supervisor's signed open issued by central's clock; when the PC's clock is then
 * set right while the agent runs, the agent notices the step against the monotonic count and checks again at once:
 * its status no longer says wrong, without a reconnect, and it opens on central's commands as before.
 */
class ClockRecheckIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** The command secret of {@code LaneRig.writeSeededSite}'s lane. */
    private static final String SECRET = "lane-1-secret-0123456789";

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.anonymous();

    /** The PC's clock: the system's, set off by an amount the test changes (a step, as the OS would take it). */
    private static final class PcClock extends Clock {
        final AtomicReference<Duration> off = new AtomicReference<>(Duration.ZERO);

        @Override
        public Instant instant() {
            return Instant.now().plus(off.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test's PC clock is in UTC");
        }
    }

    /**
     * Verifies that a lane three hours slow opens on central's command, and that a clock set right while the agent
     * runs clears the lane's wrong-clock report at once.
     */
    @Test
    void aClockSetRightIsCheckedAgainAtOnce() throws Exception {
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cardEnd = DeviceEndpoint.tcp()) {
            SiteConfig site = SiteConfigLoader.load(LaneRig.writeSeededSite(dir, ioEnd, cardEnd));
            Topics topics = new Topics("testsite");
            List<Hello> hellos = new CopyOnWriteArrayList<>();
            List<LaneStatus.ClockOffset> reported = new CopyOnWriteArrayList<>();
            ExecutorService answering = Executors.newSingleThreadExecutor();
            MqttClient central = new MqttClient(mosquitto.url(), "central-testsite", new MemoryPersistence());
            central.connect(new MqttConnectOptions());
            central.subscribe(topics.lane("lane-1", Topics.Channel.HELLO), 1, (t, m) -> {
                Hello h = MessageCodec.decodeHello(m.getPayload());
                hellos.add(h);
                Instant read = Instant.now(); // central's clock is right
                answering.execute(() -> {
                    try {
                        central.publish(topics.lane("lane-1", Topics.Channel.ACK), MessageCodec.encode(
                                new EventAck("lane-1", List.of(), new EventAck.ClockEcho(h.sentAt(), read))), 1, false);
                    } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
            });
            central.subscribe(topics.lane("lane-1", Topics.Channel.STATUS), 1, (t, m) -> {
                LaneStatus s = MessageCodec.decodeStatus(m.getPayload());
                if (s.clock() != null) {
                    reported.add(s.clock());
                }
            });

            PcClock pc = new PcClock();
            pc.off.set(Duration.ofHours(-3));
            Path data = site.agents().dataDir("lane-1");
            GateAgent agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), pc, new GateAgent.Options(
                    data, UplinkConfig.of(mosquitto.url(), "testsite", "lane-1", "lane-1", "pw",
                            SECRET, data)
                    .withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1)),
                    DeviceMetrics.NOOP, LaneListener.NONE, null, null, 0, System::nanoTime));
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                Await.until(PATIENCE, "the slow clock reported", () -> !reported.isEmpty()
                        && reported.get(reported.size() - 1).wrong());
                long ahead = reported.get(reported.size() - 1).aheadSeconds();
                assertTrue(Math.abs(ahead + 10_800) <= 2, "ahead " + ahead);
                assertEquals(1, hellos.size(), hellos.toString());
                open(central, topics);
                Await.until(PATIENCE, "OPEN on central's command", () -> opens(io) == 1);

                pc.off.set(Duration.ZERO); // the time server's answer, or the installer, sets it right
                Await.until(PATIENCE, "the right clock reported", () -> !reported.get(reported.size() - 1).wrong());
                assertTrue(Math.abs(reported.get(reported.size() - 1).aheadSeconds()) <= 2, reported.toString());
                assertEquals(2, hellos.size(), "one more hello, for the step: " + hellos);
                open(central, topics);
                Await.until(PATIENCE, "OPEN on central's command after the step", () -> opens(io) == 2);
            } finally {
                central.disconnect();
                central.close();
                answering.shutdown();
            }
        }
    }

    /** A supervisor's open as central sends it: signed with the lane's secret, stamped by central's (right) clock. */
    private static void open(MqttClient central, Topics topics) throws Exception {
        Instant now = Instant.now();
        Command c = new CommandSigner(SECRET).sign(new Command(UUID.randomUUID().toString(), "lane-1",
                CommandKind.MANUAL_OPEN, null, null, "sup1", "车主忘带卡", now, now.plusSeconds(60),
                UUID.randomUUID().toString(), null));
        central.publish(topics.lane("lane-1", Topics.Channel.CMD), MessageCodec.encode(c), 1, false);
    }

    /** OPEN pulses written: each switches coil 0 on once. */
    private static int opens(RecordingIoController io) {
        return io.requests(r -> r.isCoilOn(0)).size();
    }
}
