package io.parkgate.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.testing.MutableClock;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.CommandSigner;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.RegistryCodec;
import io.parkgate.wire.SpaceCodec;
import io.parkgate.wire.SpaceCount;
import io.parkgate.wire.Topics;
import io.parkgate.wire.Topics.Channel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundMessagesTest {

    private static final Instant T = Instant.parse("2026-11-22T06:00:00Z");
    private static final String SECRET = "north-out-secret-0123456789";
    private static final Topics TOPICS = new Topics("compound");

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(T);
    private final List<Command> accepted = new ArrayList<>();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final List<SpaceCount> counts = new ArrayList<>();
    private final List<EventAck.ClockEcho> echoes = new ArrayList<>();
    private final VersionedRegistry registry = new VersionedRegistry();
    private Outbox outbox;
    private InboundMessages messages;

    @BeforeEach
    void open() {
        outbox = Outbox.open(dir, clock);
        UplinkConfig config = UplinkConfig.of("tcp://127.0.0.1:1", "compound", "north-out", "north-out", "pw",
                SECRET, dir);
        messages = new InboundMessages(config, clock, outbox, registry, accepted::add, p -> { },
                StaySink.IGNORE, counts::add, resyncs::incrementAndGet, echoes::add);
    }

    @AfterEach
    void close() {
        outbox.close();
    }

    /** Verifies that a delta following the held version is applied and one with a gap asks for a resync. */
    @Test
    void registryDeltasInOrderOrResync() {
        registry.version = 4;
        messages.handle(TOPICS.registryBroadcast(), RegistryCodec.encode(delta(4, 5)));
        assertEquals(5, registry.version);
        messages.handle(TOPICS.registryBroadcast(), RegistryCodec.encode(delta(7, 8)));
        assertEquals(5, registry.version);
        assertEquals(1, resyncs.get());
        messages.handle(TOPICS.lane("north-out", Channel.REGISTRY), RegistryCodec.encode(delta(3, 4)));
        assertEquals(5, registry.version, "an old delta is ignored");
        assertEquals(1, resyncs.get());
    }

    /**
     * Verifies that central's echo of a hello goes to the clock check, only from the lane's own ack topic, and that
     * an ack carrying it still confirms its events.
     */
    @Test
    void clockEchoesGoToTheClockCheck() {
        outbox.append(LaneEvent.of("e-1", "north-out", EventType.EXIT, T, "粤B12345", "RESIDENT_PASS", "月卡"));
        EventAck.ClockEcho echo = new EventAck.ClockEcho(T, T.plusSeconds(10_800));
        messages.handle(TOPICS.lane("north-in", Channel.ACK),
                MessageCodec.encode(new EventAck("north-in", List.of(), echo)));
        messages.handle(TOPICS.lane("north-out", Channel.ACK),
                MessageCodec.encode(new EventAck("north-out", List.of("e-1"), echo)));
        assertEquals(List.of(echo), echoes);
        assertEquals(0, outbox.unconfirmed());
    }

    /** Verifies that only a correctly signed command for this lane reaches the lane, and only once. */
    @Test
    void commandsAreVerifiedBeforeTheLaneSeesThem() {
        CommandSigner signer = new CommandSigner(SECRET);
        Command release = signer.sign(new Command("c-1", "north-out", CommandKind.RELEASE, "x1", "粤B12345",
                "supervisor", "核实", T, T.plus(Duration.ofSeconds(60)), "n1", null));
        String cmdTopic = TOPICS.lane("north-out", Channel.CMD);
        messages.handle(cmdTopic, MessageCodec.encode(release));
        messages.handle(cmdTopic, MessageCodec.encode(release));
        messages.handle(cmdTopic, MessageCodec.encode(release.withSignature("00")));
        assertEquals(List.of(release), accepted);
    }

    /** Verifies that garbage, a foreign lane's topic and a truncated message are dropped without throwing. */
    @Test
    void malformedMessagesAreDropped() {
        byte[] garbage = "{\"not\": json".getBytes(StandardCharsets.UTF_8);
        messages.handle(TOPICS.lane("north-out", Channel.CMD), garbage);
        messages.handle(TOPICS.lane("north-out", Channel.ACK), new byte[] {(byte) 0xFF, 0x00});
        messages.handle(TOPICS.registryBroadcast(), new byte[0]);
        messages.handle(TOPICS.lane("south-in", Channel.CMD), garbage);
        messages.handle("elsewhere/entirely", garbage);
        assertTrue(accepted.isEmpty());
        assertEquals(0, registry.version);
    }

    /**
     * Verifies that a {@code registry-store} file left empty (a power cut after its first write was renamed in, before
     * its bytes reached the disk) is taken as no record, so the lane's own central is not refused for ever.
     */
    @Test
    void anEmptyStoreRecordIsNoRecord() throws Exception {
        Files.writeString(dir.resolve("registry-store"), "\n");
        UplinkConfig config = UplinkConfig.of("tcp://127.0.0.1:1", "compound", "north-out", "north-out", "pw",
                SECRET, dir);
        InboundMessages restarted = new InboundMessages(config, clock, outbox, registry, accepted::add, p -> { },
                StaySink.IGNORE, counts::add, resyncs::incrementAndGet, echoes::add);
        restarted.handle(TOPICS.lane("north-out", Channel.REGISTRY),
                RegistryCodec.encode(new RegistrySnapshot(7, List.of(), List.of(), List.of(), List.of(), List.of(),
                        List.of(), List.of()), "store-a", false));
        assertEquals(7, registry.version, "the first snapshot from central is taken");
        assertEquals("store-a", Files.readString(dir.resolve("registry-store")));
        restarted.handle(TOPICS.registryBroadcast(), RegistryCodec.encode(delta(7, 8), "store-a"));
        assertEquals(8, registry.version, "and its deltas follow");
    }

    /** Verifies that central's free-space count reaches its sink and an unreadable one is dropped. */
    @Test
    void freeSpaceCountReachesItsSink() {
        SpaceCount count = new SpaceCount(300, 120, T);
        messages.handle(TOPICS.spacesBroadcast(), SpaceCodec.encode(count));
        for (String bad : List.of("{\"capacity\":300,\"free\":12", "{\"capacity\":300,\"at\":\"2026-11-22T06:00:00Z\"}",
                "{\"capacity\":300,\"free\":1.5,\"at\":\"2026-11-22T06:00:00Z\"}",
                "{\"capacity\":300,\"free\":\"12\",\"at\":\"2026-11-22T06:00:00Z\"}",
                "{\"capacity\":300,\"free\":12,\"at\":\"yesterday\"}", "[]", "")) {
            messages.handle(TOPICS.spacesBroadcast(), bad.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of(count), counts);
    }

    /** Verifies that the lane subscribes to its own channels and to the site-wide broadcasts only. */
    @Test
    void subscriptions() {
        List<String> subs = messages.subscriptions();
        assertEquals(9, subs.size());
        assertTrue(subs.contains(TOPICS.registryBroadcast()));
        assertTrue(subs.contains("parkgate/compound/spaces"), subs.toString());
        assertTrue(subs.stream().noneMatch(s -> s.contains("south-in")));
    }

    private static RegistryDelta delta(long from, long to) {
        return new RegistryDelta(from, to, RegistrySnapshot.empty(), List.of());
    }

    private static final class VersionedRegistry implements RegistrySink {
        long version;

        @Override
        public long registryVersion() {
            return version;
        }

        @Override
        public void snapshot(RegistrySnapshot snapshot) {
            version = snapshot.version();
        }

        @Override
        public void delta(RegistryDelta delta) {
            version = delta.toVersion();
        }
    }
}
