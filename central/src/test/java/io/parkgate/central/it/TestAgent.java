package io.parkgate.central.it;

import io.parkgate.agent.uplink.CommandSink;
import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.RegistrySink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.wire.Command;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A lane agent's uplink with an in-memory registry and a command log, as the lead's runtime will wire it. */
public final class TestAgent implements AutoCloseable {

    public final Map<String, Vehicle> vehicles = new ConcurrentHashMap<>();
    public final List<Command> commands = new CopyOnWriteArrayList<>();
    public final List<io.parkgate.wire.Prepayment> prepayments = new CopyOnWriteArrayList<>();
    public volatile long version;
    public volatile int snapshots;
    public volatile int deltas;
    public final Outbox outbox;
    public final LaneUplink uplink;
    private final Path dir;

    public TestAgent(String brokerUrl, String site, String lane, String password, String secret, Path dir,
                     Clock clock) {
        this(brokerUrl, site, lane, password, secret, dir, clock, 0);
    }

    public TestAgent(String brokerUrl, String site, String lane, String password, String secret, Path dir,
                     Clock clock, long startVersion) {
        this(List.of(brokerUrl), site, lane, password, secret, dir, clock, startVersion);
    }

    /** An agent given the nodes of a broker cluster, {@code brokerUrls}, to fail over between. */
    public TestAgent(List<String> brokerUrls, String site, String lane, String password, String secret, Path dir,
                     Clock clock, long startVersion) {
        this(brokerUrls, site, lane, lane, password, secret, dir, clock, startVersion);
    }

    /** An agent logging in as {@code user} (e.g. {@code <lane>@<site>} at a central of several sites). */
    public TestAgent(List<String> brokerUrls, String site, String lane, String user, String password, String secret,
                     Path dir, Clock clock, long startVersion) {
        this.version = startVersion;
        this.dir = dir;
        this.outbox = Outbox.open(dir, clock);
        RegistrySink sink = new RegistrySink() {
            @Override
            public long registryVersion() {
                return version;
            }

            @Override
            public int vehicleCount() {
                return vehicles.size();
            }

            @Override
            @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the agent's registry thread
            public void snapshot(RegistrySnapshot s) {
                vehicles.clear();
                s.vehicles().forEach(v -> vehicles.put(v.plate(), v));
                version = s.version();
                snapshots++;
            }

            @Override
            @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the agent's registry thread
            public void delta(RegistryDelta d) {
                d.upserts().vehicles().forEach(v -> vehicles.put(v.plate(), v));
                d.removals().stream().filter(k -> k.kind() == RegistryKey.Kind.VEHICLE)
                        .forEach(k -> vehicles.remove(k.key()));
                version = d.toVersion();
                deltas++;
            }
        };
        CommandSink cmds = commands::add;
        UplinkConfig cfg = UplinkConfig.of(brokerUrls, site, lane, user, password, secret, dir)
                .withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1));
        this.uplink = new LaneUplink(cfg, clock, outbox, sink, cmds, prepayments::add).start();
    }

    public Path outboxFile() {
        return dir.resolve("outbox.db");
    }

    @Override
    public void close() {
        uplink.close();
        outbox.close();
    }
}
