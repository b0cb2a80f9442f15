package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.central.mqtt.BrokerClient;
import io.parkgate.central.mqtt.EmbeddedBroker;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.testing.Await;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.Topics;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent that stops says goodbye to central's embedded broker cleanly. A stopping agent closes its devices
 * first, and each closed device is a retained status publish still in flight when the uplink disconnects: the
 * broker must not be left acknowledging them on a connection the agent has already closed (Moquette logs each
 * such write as "Broken pipe" at ERROR). Only the broker and the agent's uplink: nothing else publishes to the
 * lane, so once the agent has its acknowledgements the broker has nothing more to write to it. The same for
 * central's own client, stopped right after its last publishes to a lane (no agent there to read them).
 */
class QuietStopIT {

    private static final String SITE = "gardens";
    private static final String LANE = "north-in";
    private static final String PASSWORD = "in-password-1";
    private static final String CENTRAL = "central";
    private static final String CENTRAL_PASSWORD = "central-password-1";
    /** Stops in a row, each right after a burst of status changes, as GateAgent.close sends them. */
    private static final int STOPS = 10;
    private static final int CHANGES = 20;

    @TempDir
    Path dir;

    /** Verifies that agents stopping right after their last status changes leave no error in the broker's log. */
    @Test
    void stopsRightAfterStatusChangesLogNoError() throws Exception {
        assertNoErrorLogged(broker -> {
            for (int stop = 0; stop < STOPS; stop++) {
                TestAgent agent = new TestAgent(broker.url(), SITE, LANE, PASSWORD, "north-in-secret-0123456789",
                        dir.resolve("agent"), Clock.systemUTC());
                try {
                    Await.until(Duration.ofSeconds(10), "connected",
                            () -> agent.uplink.state() == DeviceState.CONNECTED);
                    for (int i = 0; i < CHANGES; i++) {
                        agent.uplink.updateStatus(new LaneStatus(LANE, true, null, BarrierState.CLOSED,
                                List.of(new LaneStatus.DeviceStatus("CAMERA", i % 2 == 0 ? "CLOSED" : "CONNECTED",
                                        "change " + i)), 0));
                    }
                } finally {
                    agent.close();
                }
                assertEquals(DeviceState.CLOSED, agent.uplink.state());
            }
        });
    }

    /**
     * Verifies that central's own client stopping right after its last publishes (QoS 1, as its acks and commands
     * go) leaves no error in the broker's log.
     */
    @Test
    void centralStopsRightAfterPublishingLogNoError() throws Exception {
        Topics topics = new Topics(SITE);
        assertNoErrorLogged(broker -> {
            for (int stop = 0; stop < STOPS; stop++) {
                BrokerClient central = new BrokerClient(broker.url(), "central-" + SITE, CENTRAL, CENTRAL_PASSWORD,
                        new String[] {topics.allLanes(Topics.Channel.EVENT)});
                try {
                    central.start((topic, payload) -> { });
                    for (int i = 0; i < CHANGES; i++) {
                        assertTrue(central.publish(topics.lane(LANE, Topics.Channel.ACK),
                                ("ack " + i).getBytes(StandardCharsets.UTF_8), false));
                    }
                } finally {
                    central.close();
                }
                assertFalse(central.connected());
            }
        });
    }

    /** Runs {@code stops} on central's embedded broker and fails if anything was logged at ERROR meanwhile. */
    private static void assertNoErrorLogged(Stops stops) throws Exception {
        PrintStream console = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        try {
            byte[] lanePassword = PASSWORD.getBytes(StandardCharsets.UTF_8);
            EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", 0,
                    (user, pw) -> LANE.equals(user) && MessageDigest.isEqual(lanePassword, pw), CENTRAL,
                    CENTRAL_PASSWORD, "central-" + SITE, new LaneAcl(new Topics(SITE), CENTRAL));
            try {
                stops.run(broker);
            } finally {
                broker.close(); // its network threads finish what they have before it returns
            }
        } finally {
            System.setErr(console);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.lines().noneMatch(l -> l.contains(" ERROR ") || l.contains("Broken pipe")),
                "an error was logged:\n" + log);
    }

    /** Clients connected to the broker and stopped. */
    private interface Stops {
        void run(EmbeddedBroker broker) throws Exception;
    }

    /** Writes to the console as before and keeps a copy for the test. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public synchronized void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
