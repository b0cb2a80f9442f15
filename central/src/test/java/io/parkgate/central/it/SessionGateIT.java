package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.mqtt.EmbeddedBroker;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.central.mqtt.SessionGate;
import io.parkgate.central.testing.BareMqtt;
import io.parkgate.wire.Topics;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded broker's {@link SessionGate}: central subscribes only once Moquette has taken its session,
 * never in the moment between CONNACK and that, when Moquette drops a SUBSCRIBE and the connection with it.
 */
class SessionGateIT {

    private static final String CENTRAL = "central";
    private static final String CENTRAL_PW = "central-password-1";
    private static final String CLIENT = "central-gate";

    private EmbeddedBroker broker;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("127.0.0.1", 0, (user, pw) -> false, CENTRAL, CENTRAL_PW, CLIENT,
                new LaneAcl(new Topics("gate"), CENTRAL));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    /** Verifies that a session accepted after the mark opens the gate, and that an older one does not. */
    @Test
    void opensForASessionAcceptedAfterTheMark() throws Exception {
        SessionGate gate = broker.sessionGate();
        long mark = gate.mark(CLIENT);
        MqttClient c = BareMqtt.connect(broker.url(), CLIENT, CENTRAL, CENTRAL_PW);
        try {
            assertTrue(gate.await(CLIENT, mark, Duration.ofSeconds(10)), "the accepted session opens the gate");
            long after = gate.mark(CLIENT);
            assertEquals(mark + 1, after);
            // no newer session: the gate stays shut and says so when the wait is over
            assertFalse(gate.await(CLIENT, after, Duration.ofMillis(50)));
        } finally {
            BareMqtt.abandon(c);
        }
    }

    /** Verifies that a refused login is not counted as an accepted session, neither for its id nor another. */
    @Test
    void aRefusedLoginIsNoSession() throws Exception {
        SessionGate gate = broker.sessionGate();
        long mark = gate.mark(CLIENT);
        assertThrows(MqttException.class, () -> BareMqtt.connect(broker.url(), CLIENT, CENTRAL, "wrong"));
        assertThrows(MqttException.class, () -> BareMqtt.connect(broker.url(), "intruder", CENTRAL, CENTRAL_PW));
        assertEquals(mark, gate.mark(CLIENT));
        assertEquals(0, gate.mark("intruder"));
    }
}
