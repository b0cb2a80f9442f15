package io.parkgate.central.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.mqtt.EmbeddedBroker;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.central.testing.BareMqtt;
import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.testing.Await;
import io.parkgate.wire.RegistryBody;
import io.parkgate.wire.SnapshotChunks;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunked registry snapshot against an adversary, through central's embedded broker (Moquette, with the
 * lanes' logins and ACL) to a real lane uplink and lane store: the test publishes as central's MQTT user and
 * sends torn, mixed, reordered, repeated, oversized and foreign-signed transfers. A refused transfer changes
 * nothing in the lane's store; each case ends with a good transfer of a later version, and because one
 * publisher's messages on one topic arrive in order, the lane has handled the bad one by the time the good one
 * is in its store.
 */
class SnapshotChunksIT {

    private static final String SITE = "gardens";
    private static final String IN = "north-in";
    private static final String OUT = "north-out";
    private static final String SECRET_IN = "north-in-secret-0123456789";
    private static final String SECRET_OUT = "north-out-secret-0123456789";
    private static final String CENTRAL = "central";
    private static final String CENTRAL_PW = "central-password-for-this-test";
    private static final String STORE = "store-1";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Small chunks, so a registry of a few vehicles makes a transfer of several. */
    private static final int CHUNK = 16;

    @TempDir
    Path dir;
    private final Topics topics = new Topics(SITE);
    private Database db;
    private EmbeddedBroker broker;
    private MqttClient central;
    private AgentStore store;
    private Outbox outbox;
    private LaneUplink uplink;
    /** Versions of the snapshots the lane persisted, in order (added once the store has it: awaited on). */
    private final List<Long> applied = new CopyOnWriteArrayList<>();
    private final AtomicLong hellos = new AtomicLong();
    private long transfer = 100;

    @BeforeEach
    void start() throws Exception {
        db = Database.open(dir.resolve("central.db"));
        LaneService lanes = LaneService.load(db, SITE, Clock.systemUTC(), new Changes()).toCompletionStage()
                .toCompletableFuture().join();
        lanes.provision("test", new LaneDefinition(IN, "gate", Direction.IN, "in-password-1", SECRET_IN))
                .toCompletionStage().toCompletableFuture().join();
        lanes.provision("test", new LaneDefinition(OUT, "gate", Direction.OUT, "out-password-1", SECRET_OUT))
                .toCompletionStage().toCompletableFuture().join();
        broker = EmbeddedBroker.start("127.0.0.1", 0, lanes::checkMqttPassword, CENTRAL, CENTRAL_PW, "central-" + SITE,
                new LaneAcl(topics, CENTRAL));
        central = BareMqtt.subscribed(broker.url(), "central-" + SITE, CENTRAL, CENTRAL_PW,
                Map.of(topics.lane(IN, Channel.HELLO), (t, m) -> hellos.incrementAndGet()));

        Path data = dir.resolve("agent");
        store = AgentStore.open(data, IN, Clock.systemUTC());
        outbox = Outbox.open(data, Clock.systemUTC());
        RegistrySink sink = new RegistrySink() {
            @Override
            public long registryVersion() {
                return store.registryVersion();
            }

            @Override
            public void snapshot(RegistrySnapshot s) {
                store.replaceRegistry(s);
                applied.add(s.version());
            }

            @Override
            public void delta(RegistryDelta d) {
                store.applyDelta(d);
            }
        };
        uplink = new LaneUplink(UplinkConfig.of(broker.url(), SITE, IN, IN, "in-password-1", SECRET_IN, data),
                Clock.systemUTC(), outbox, sink, c -> { }).start();
        // The hello comes after the lane's subscriptions are made: from then on it hears its registry topic.
        Await.until(PATIENCE, "the lane's hello", () -> hellos.get() > 0);
        sendGood(registry(5, 10));
        Await.until(PATIENCE, "the first snapshot in the lane's store", () -> applied.contains(5L));
    }

    @AfterEach
    void stop() throws Exception {
        if (uplink != null) {
            uplink.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (store != null) {
            store.close();
        }
        if (central != null) {
            central.disconnect();
            central.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** Verifies that a chunk cut short is refused and its transfer never completes. */
    @Test
    void truncatedChunkIsRefused() throws Exception {
        List<byte[]> chunks = signed(registry(7, 12), SECRET_IN);
        byte[] cut = chunks.get(1);
        chunks.set(1, Arrays.copyOf(cut, cut.length - 10));
        publish(chunks);
        thenOnlyTheGoodOneLands();
    }

    /** Verifies that a transfer whose last chunk never comes changes nothing. */
    @Test
    void partialTransferChangesNothing() throws Exception {
        List<byte[]> chunks = signed(registry(7, 12), SECRET_IN);
        publish(chunks.subList(0, chunks.size() - 1));
        thenOnlyTheGoodOneLands();
    }

    /** Verifies that a chunk naming another version in the middle of a transfer drops the transfer. */
    @Test
    void chunkOfAnotherVersionDropsTheTransfer() throws Exception {
        RegistrySnapshot seven = registry(7, 12);
        byte[] body = RegistryBody.encode(seven);
        long id = ++transfer;
        List<byte[]> chunks = new ArrayList<>(SnapshotChunks.chunks(IN, SECRET_IN, id, 7, STORE, false, body,
                RegistryBody.sha256(body), CHUNK));
        // Signed correctly (a confused central), same transfer, but version 8.
        chunks.set(2, SnapshotChunks.chunks(IN, SECRET_IN, id, 8, STORE, false, body, RegistryBody.sha256(body),
                CHUNK).get(2));
        publish(chunks);
        thenOnlyTheGoodOneLands();
    }

    /** Verifies that a body holding another version than its signed header says is refused. */
    @Test
    void bodyOfAnotherVersionThanItsHeaderIsRefused() throws Exception {
        byte[] body = RegistryBody.encode(registry(8, 12));
        publish(SnapshotChunks.chunks(IN, SECRET_IN, ++transfer, 7, STORE, false, body, RegistryBody.sha256(body),
                CHUNK));
        thenOnlyTheGoodOneLands();
    }

    /** Verifies that chunks arriving in reverse order are put back in place and the snapshot is applied whole. */
    @Test
    void chunksOutOfOrderAreReassembled() throws Exception {
        RegistrySnapshot seven = registry(7, 12);
        List<byte[]> chunks = signed(seven, SECRET_IN);
        assertTrue(chunks.size() > 3, "the registry must make several chunks");
        Collections.reverse(chunks);
        publish(chunks);
        Await.until(PATIENCE, "the reordered snapshot in the store", () -> applied.contains(7L));
        assertEquals(seven.vehicles(), store.loadRegistry().vehicles());
    }

    /** Verifies that a repeated chunk (a QoS 1 redelivery) is harmless, and one repeated with other bytes is not. */
    @Test
    void duplicatedChunks() throws Exception {
        RegistrySnapshot seven = registry(7, 12);
        List<byte[]> chunks = signed(seven, SECRET_IN);
        chunks.add(1, chunks.get(1));
        publish(chunks);
        Await.until(PATIENCE, "the snapshot despite a repeated chunk", () -> applied.contains(7L));
        assertEquals(seven.vehicles(), store.loadRegistry().vehicles());

        // Same signed header, chunk 1 again with other bytes: which copy is right cannot be known.
        RegistrySnapshot nine = registry(9, 12);
        byte[] body = RegistryBody.encode(nine);
        long id = ++transfer;
        List<byte[]> good = SnapshotChunks.chunks(IN, SECRET_IN, id, 9, STORE, false, body,
                RegistryBody.sha256(body), CHUNK);
        SnapshotChunks.Chunk one = SnapshotChunks.parse(good.get(1));
        byte[] other = one.data().clone();
        other[0] ^= 0x55;
        List<byte[]> twice = new ArrayList<>(good);
        twice.add(2, SnapshotChunks.message(one.header(), 1, other, 0, other.length));
        publish(twice);
        sendGood(registry(11, 13));
        Await.until(PATIENCE, "the later good snapshot", () -> applied.contains(11L));
        assertEquals(List.of(5L, 7L, 11L), applied, "the transfer with two different chunk 1s was applied");
    }

    /** Verifies that body bytes changed on the way (consistently in every copy) fail the signed SHA-256. */
    @Test
    void tornBodyIsRefusedAndTheLaneAsksAgain() throws Exception {
        byte[] body = RegistryBody.encode(registry(7, 12));
        byte[] digest = RegistryBody.sha256(body);
        byte[] damaged = body.clone();
        damaged[damaged.length / 2] ^= 0x01;
        long before = hellos.get();
        publish(SnapshotChunks.chunks(IN, SECRET_IN, ++transfer, 7, STORE, false, damaged, digest, CHUNK));
        // Central signed it, so it was damaged, not forged: the lane asks for the registry again.
        Await.until(PATIENCE, "the lane's hello asking again", () -> hellos.get() > before);
        thenOnlyTheGoodOneLands();
    }

    /** Verifies that a transfer announcing a body over the limit is refused before any of it is kept. */
    @Test
    void oversizedTransferIsRefused() throws Exception {
        byte[] body = RegistryBody.encode(registry(7, 12));
        long id = ++transfer;
        byte[] digest = RegistryBody.sha256(body);
        int huge = SnapshotChunks.MAX_BODY_BYTES + 1;
        int count = (huge + SnapshotChunks.CHUNK_BYTES - 1) / SnapshotChunks.CHUNK_BYTES;
        // Hand-made header: chunks() itself refuses to make an oversized transfer.
        SnapshotChunks.Header h = new SnapshotChunks.Header(id, 7, STORE, false, SnapshotChunks.CHUNK_BYTES, count,
                huge, digest, new byte[32]);
        publish(List.of(SnapshotChunks.message(h, 0, body, 0, body.length)));
        thenOnlyTheGoodOneLands();
    }

    /**
     * Verifies that a lane cannot make another lane's snapshot: the broker refuses its publish on the other
     * lane's registry topic and on the broadcast topic, and a transfer signed with its own secret (as if a
     * misconfigured broker had passed it on) is refused by the lane it was aimed at.
     */
    @Test
    void aLaneCannotForgeASnapshot() throws Exception {
        RegistrySnapshot empty = registry(50, 0);
        byte[] body = RegistryBody.encode(empty);
        List<byte[]> forged = SnapshotChunks.chunks(IN, SECRET_OUT, ++transfer, 50, STORE, true, body,
                RegistryBody.sha256(body), SnapshotChunks.CHUNK_BYTES);
        MqttClient out = BareMqtt.connect(broker.url(), EmbeddedBroker.agentClientId(OUT), OUT, "out-password-1");
        out.setTimeToWait(1000); // a refused QoS 1 publish may never be acknowledged
        try {
            for (byte[] c : forged) {
                BareMqtt.publishQuietly(out, topics.lane(IN, Channel.REGISTRY), c);
                BareMqtt.publishQuietly(out, topics.registryBroadcast(), c);
            }
        } finally {
            BareMqtt.abandon(out); // a plain disconnect waits 30 s for the acknowledgements of refused publishes
        }
        // Relayed by central's own user, still signed with the wrong lane's secret.
        publish(forged);
        thenOnlyTheGoodOneLands();
    }

    /** A good transfer of version 11 lands and nothing but the setup's version 5 came before it. */
    private void thenOnlyTheGoodOneLands() throws Exception {
        RegistrySnapshot eleven = registry(11, 13);
        sendGood(eleven);
        Await.until(PATIENCE, "the later good snapshot", () -> applied.contains(11L));
        assertEquals(List.of(5L, 11L), applied, "a refused transfer reached the lane's store");
        assertEquals(eleven.vehicles(), store.loadRegistry().vehicles());
        assertFalse(applied.contains(7L));
    }

    private void sendGood(RegistrySnapshot s) throws MqttException {
        publish(signed(s, SECRET_IN));
    }

    private List<byte[]> signed(RegistrySnapshot s, String secret) {
        byte[] body = RegistryBody.encode(s);
        return new ArrayList<>(SnapshotChunks.chunks(IN, secret, ++transfer, s.version(), STORE, false, body,
                RegistryBody.sha256(body), CHUNK));
    }

    private void publish(List<byte[]> chunks) throws MqttException {
        for (byte[] c : chunks) {
            central.publish(topics.lane(IN, Channel.REGISTRY), c, 1, false);
        }
    }

    /** {@code n} vehicles, their plates depending on the version so every snapshot differs. */
    private static RegistrySnapshot registry(long version, int n) {
        List<Vehicle> vehicles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            vehicles.add(new Vehicle(String.format("粤B%02d%03d", version, i), "o" + i, PlateColour.BLUE,
                    VehicleClass.SMALL));
        }
        return new RegistrySnapshot(version, List.of(), vehicles, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }
}
