package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.agent.uplink.StaySink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.SpaceCodec;
import io.parkgate.wire.SpaceCount;
import io.parkgate.wire.Topics;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Central keeps the free spaces from the passages and pushes a changed count to the lanes over the real
 * embedded broker: entries lower it, exits raise it, an entry resent after its exit opens nothing, an entry
 * replacing the vehicle's stay takes no space, an over-full car park is 0, a lane connecting later gets the
 * count at once, and no lane can forge it.
 */
@ExtendWith(VertxExtension.class)
class FreeSpacesIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Verifies the counts a lane receives as vehicles come and go. */
    @Test
    void countFollowsThePassages(Vertx vertx) throws Exception {
        try (CentralFixture f = new CentralFixture(vertx, dir.resolve("central"), c -> c.withSpaces(3))) {
            Topics topics = new Topics(CentralFixture.SITE);
            List<SpaceCount> atEntry = new CopyOnWriteArrayList<>();
            LaneEvent a = entry("粤B10001", null);
            LaneEvent b = entry("粤B10002", null);
            try (Lane in = new Lane(f, CentralFixture.IN, CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN,
                    atEntry)) {
                awaitFree(atEntry, 3);
                assertEquals(3, atEntry.get(0).capacity());
                in.uplink.publish(a);
                in.uplink.publish(b);
                awaitFree(atEntry, 1);
                Await.until(WAIT, "entries confirmed", () -> in.uplink.unconfirmed() == 0);
            }

            List<SpaceCount> atExit = new CopyOnWriteArrayList<>();
            try (Lane out = new Lane(f, CentralFixture.OUT, CentralFixture.PASSWORD_OUT, CentralFixture.SECRET_OUT,
                    atExit)) {
                awaitFree(atExit, 1); // retained: a lane connecting later has the count at once
                out.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), CentralFixture.OUT, EventType.EXIT,
                        Instant.now(), "粤B10001", "粤B10001", null, null, null, "TEMPORARY", null, 0L, null, null,
                        null, a.eventId()));
                awaitFree(atExit, 2);
                Await.until(WAIT, "exit confirmed", () -> out.uplink.unconfirmed() == 0);
            }

            // The entry lane's credentials, straight on the wire: a's entry again after its exit (as when its ack
            // was lost) is stored once and opens no stay; the count itself cannot be written by a lane.
            MqttClient raw = new MqttClient(f.central.brokerUrl(), "agent-" + CentralFixture.IN,
                    new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setUserName(CentralFixture.IN);
            o.setPassword(CentralFixture.PASSWORD_IN.toCharArray());
            o.setConnectionTimeout(5);
            raw.setTimeToWait(5000); // a refused publish is dropped without an answer by Moquette
            raw.connect(o);
            raw.publish(topics.lane(CentralFixture.IN, Topics.Channel.EVENT), MessageCodec.encode(a), 1, false);
            Await.until(WAIT, "the resent entry handled", () -> f.central.ingest().duplicates() == 1);
            try {
                raw.publish(topics.spacesBroadcast(), SpaceCodec.encode(new SpaceCount(3, 3, Instant.now())), 1, true);
            } catch (Exception refused) {
                // refused, or the connection dropped: either way nothing was published
            }
            raw.disconnectForcibly(1000, 1000);
            raw.close(true);

            List<SpaceCount> again = new CopyOnWriteArrayList<>();
            try (Lane in = new Lane(f, CentralFixture.IN, CentralFixture.PASSWORD_IN, CentralFixture.SECRET_IN,
                    again)) {
                awaitFree(again, 2); // had the resent entry opened its stay again, this would be 1
                assertEquals(2, again.get(0).free(), "the forged count never reached a lane: " + again);
                in.uplink.publish(entry("粤B10002", b.eventId())); // 车已在场: replaces its stay, takes no space
                in.uplink.publish(entry("粤B20000", null));
                awaitFree(again, 1);
                for (int i = 1; i <= 3; i++) {
                    in.uplink.publish(entry("粤B2000" + i, null));
                }
                awaitFree(again, 0); // 5 inside 3 spaces: full, never negative
            }
            List<SpaceCount> all = new java.util.ArrayList<>(atEntry);
            all.addAll(atExit);
            all.addAll(again);
            assertFalse(all.stream().anyMatch(c -> c.free() < 0 || c.free() > 3 || c.capacity() != 3),
                    all.toString());
        }
    }

    private static void awaitFree(List<SpaceCount> counts, long free) {
        Await.until(WAIT, "free spaces " + free + " (have " + counts + ")",
                () -> !counts.isEmpty() && counts.get(counts.size() - 1).free() == free);
    }

    private static LaneEvent entry(String plate, String replacing) {
        return new LaneEvent(UUID.randomUUID().toString(), CentralFixture.IN, EventType.ENTRY, Instant.now(), plate,
                plate, null, null, null, "TEMPORARY", null, null, null, null, null, replacing);
    }

    /** A lane's real uplink whose free-space sink records what central pushed. */
    private static final class Lane implements AutoCloseable {
        final Outbox outbox;
        final LaneUplink uplink;

        Lane(CentralFixture f, String lane, String password, String secret, List<SpaceCount> counts) {
            // Inside the test's own folder: an outbox left elsewhere would resend its entries into a later run.
            Path d = f.config.dataDir().resolve("agent-" + lane);
            this.outbox = Outbox.open(d, Clock.systemUTC());
            RegistrySink registry = new RegistrySink() {
                private volatile long version;

                @Override
                public long registryVersion() {
                    return version;
                }

                @Override
                public int vehicleCount() {
                    return 0;
                }

                @Override
                public void snapshot(RegistrySnapshot s) {
                    version = s.version();
                }

                @Override
                public void delta(RegistryDelta d) {
                    version = d.toVersion();
                }
            };
            UplinkConfig cfg = UplinkConfig.of(f.central.brokerUrl(), CentralFixture.SITE, lane, lane, password,
                    secret, d).withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1));
            this.uplink = new LaneUplink(cfg, Clock.systemUTC(), outbox, registry, c -> { }, p -> { },
                    StaySink.IGNORE, counts::add).start();
        }

        @Override
        public void close() {
            uplink.close();
            outbox.close();
        }
    }
}
