package io.parkgate.central.testing;

import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A bare Paho client for tests that play a lane, or central, by hand. */
public final class BareMqtt {

    private static final int ATTEMPTS = 3;
    /** How long a publish the broker may refuse is waited on. */
    private static final long REFUSED_WAIT_MS = 1_000;

    private BareMqtt() {
    }

    /** Connected with a clean session as {@code user}, under {@code clientId}. */
    public static MqttClient connect(String url, String clientId, String user, String password)
            throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        c.setTimeToWait(10_000); // Paho waits forever by default; a broker need not answer a refused publish
        c.connect(options(user, password));
        return c;
    }

    /**
     * Connected and subscribed to each filter at QoS 1. Moquette 0.17 may send CONNACK before it marks the session
     * connected, and then closes a connection whose SUBSCRIBE arrives in between ("SUBSCRIBE received on already
     * closed connection"). Central and the agents reconnect and subscribe again; so does this.
     */
    public static MqttClient subscribed(String url, String clientId, String user, String password,
                                        Map<String, IMqttMessageListener> subscriptions) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            MqttClient c = connect(url, clientId, user, password);
            try {
                for (Map.Entry<String, IMqttMessageListener> s : subscriptions.entrySet()) {
                    c.subscribe(s.getKey(), 1, s.getValue());
                }
                return c;
            } catch (MqttException e) {
                abandon(c);
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * Publishes at QoS 1 where the broker may refuse it: Moquette closes the connection of a client that publishes
     * where its ACL forbids, Mosquitto drops the message. Either way nothing is delivered, which is what the callers
     * check.
     */
    public static void publishQuietly(MqttClient c, String topic, byte[] payload) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        try {
            if (c.isConnected()) {
                // A dropped message is never acknowledged; a later message on this connection, which the callers
                // await, is handled after it anyway, so there is no need to wait out the client's whole timeout.
                c.getTopic(topic).publish(m).waitForCompletion(REFUSED_WAIT_MS);
            }
        } catch (MqttException e) {
            // refused, or not acknowledged in time: see above
        }
    }

    private static MqttConnectOptions options(String user, String password) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setCleanSession(true);
        o.setConnectionTimeout(10);
        // Paho's default window of 10 QoS 1 publishes in flight was once found full ("Too many publishes in
        // progress") while publishing one blocking publish at a time on the embedded broker; the cause was not
        // found, and a test client has no use for a small window.
        o.setMaxInflight(1000);
        return o;
    }

    /** Drops a client the broker may already have dropped; Paho refuses to close one it thinks connected. */
    public static void abandon(MqttClient c) throws MqttException {
        try {
            c.disconnectForcibly(0, 100);
        } catch (MqttException gone) {
            // Already dropped by the broker.
        }
        c.close(true);
    }
}
