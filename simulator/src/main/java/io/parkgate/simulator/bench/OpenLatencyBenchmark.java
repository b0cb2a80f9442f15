package io.parkgate.simulator.bench;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.SerialByteLink;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.cli.CommandLines;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.simulator.wire.LinkReceiver;
import io.parkgate.simulator.wire.PtyLink;
import io.parkgate.tariff.VehicleClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the lane's decision latency as docs/protocols.md budgets it: from the last byte of a card frame
 * (or a {@code $PLATE} line) written to a pseudo-terminal to the first byte of the OPEN frame arriving on
 * the I/O controller's pseudo-terminal, with the real gate agent deciding against a registry of
 * 100,000 residents and no central. Each frame is written at a random phase to the agent's 50 ms poll,
 * as vehicles arrive on a real lane (writing right after a poll would hide the bus-silence tail). Prints
 * p50/p90/p99/max per frame kind and where the time went: decision, journal, queue, silence wait, write,
 * and the rest (serial read, hand-off to the lane thread, pseudo-terminal transfer).
 *
 * <p>Usage: {@code OpenLatencyBenchmark [--vehicles 100000] [--samples 1000] [--warmup 200] [--seed 1]}.
 * Needs socat.
 */
public final class OpenLatencyBenchmark {

    private static final String[] PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼".split("");
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    /** When the lane had decided, journalled and queued OPEN (the listener runs right after): splits the path. */
    private static final java.util.concurrent.BlockingQueue<Long> DECIDED_AT =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private static final List<Long> LANE_SHARE = new ArrayList<>();
    /** Per sample: decision, journal (from the lane), queue, silence wait, write (from the Modbus master). */
    private static final java.util.concurrent.BlockingQueue<long[]> LANE_TIMINGS =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private static final java.util.concurrent.BlockingQueue<long[]> COMMAND_TIMINGS =
            new java.util.concurrent.LinkedBlockingQueue<>();
    private static final Duration POLL = Duration.ofMillis(50);
    private static java.util.Random phase = new java.util.Random(1);
    private static boolean standalone;
    private static Path agentJvmOptions;
    private static final List<long[]> BREAKDOWN = new ArrayList<>();
    /** How many of the slowest samples are printed one by one. */
    private static final int SLOWEST = 8;

    /** When the benchmark began, and the JVM's uptime then: slow samples are placed on the JVM's own logs' clock. */
    private static final long STARTED = System.nanoTime();
    private static final long STARTED_UPTIME_MS =
            java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();

    private OpenLatencyBenchmark() {
    }

    /** The command line. */
    @Command(name = "OpenLatencyBenchmark", description = "Card frame or plate line -> OPEN on the wire, at a"
            + " random phase to the I/O controller's poll, with a breakdown of where the time went.")
    static final class Options {
        @Option(names = "--vehicles", paramLabel = "N", description = "registry size (default: ${DEFAULT-VALUE})")
        int vehicles = 100_000;

        @Option(names = "--samples", paramLabel = "N", description = "samples per kind (default: ${DEFAULT-VALUE})")
        int samples = 1000;

        @Option(names = "--warmup", paramLabel = "N", description = "warm-up samples (default: ${DEFAULT-VALUE})")
        int warmup = 200;

        @Option(names = "--seed", paramLabel = "N", description = "seeds the phases (default: ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(names = "--standalone", description = "run the agent as its own process, with the launcher's JVM"
                + " options (no breakdown then: it is read from inside the agent)")
        boolean standalone;

        @Option(names = "--agent-jvm-options", paramLabel = "FILE", description = "the agent's JVM options file, as"
                + " its launcher reads it, for --standalone (default: ${DEFAULT-VALUE})")
        Path agentJvmOptions = Path.of("gate-agent", "src", "dist", "conf", "jvm.options");

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    public static void main(String[] args) throws Exception {
        Options o = CommandLines.parseOrExit(new Options(), args);
        int vehicles = o.vehicles;
        int samples = o.samples;
        int warmup = o.warmup;
        phase = new java.util.Random(o.seed);
        standalone = o.standalone;
        agentJvmOptions = o.agentJvmOptions.toAbsolutePath();
        if (standalone && !Files.isRegularFile(agentJvmOptions)) {
            System.err.println("OpenLatencyBenchmark: no agent JVM options file at " + agentJvmOptions
                    + " (run from the project's root, or give --agent-jvm-options FILE)");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("parkgate-bench");
        System.out.printf(Locale.ROOT, "OPEN latency benchmark: %d-vehicle registry, %d samples per kind "
                + "(+%d warm-up), pseudo-terminals, I/O controller at 9600 baud polled every %d ms, frames at a "
                + "random phase to the poll, no central, %d CPUs, load average %.2f%n", vehicles, samples, warmup,
                POLL.toMillis(), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // As the agent's own main does: the lane's threads pre-empt the JIT compiler.
        System.out.printf(Locale.ROOT, "  %s%n", io.parkgate.agent.app.CompilerThreads.idle().describe());
        if (!o.standalone) {
            System.out.printf(Locale.ROOT, "  %s (in this JVM, with the agent)%n",
                    io.parkgate.agent.app.JitThresholds.describe());
        }
        harness(dir.resolve("harness"), samples);
        RegistrySnapshot registry = registry(vehicles);
        if (o.standalone) {
            System.out.printf(Locale.ROOT, "  the agent in its own process: %s%n", String.join(" ", agentCommand(
                    Path.of("site.yaml"))));
        }
        for (String kind : List.of("card", "plate")) {
            long[] nanos = run(kind, dir.resolve(kind), registry, samples, warmup);
            report(kind, nanos);
        }
        System.exit(0);
    }

    private static long[] run(String kind, Path dir, RegistrySnapshot registry, int samples, int warmup)
            throws Exception {
        Files.createDirectories(dir);
        BenchIoController io = new BenchIoController();
        try (PtyLink ioLink = new PtyLink("io", dir.resolve("io-sim"), dir.resolve("io-agent"), 9600, io,
                Duration.ofMillis(1));
             PtyLink reader = new PtyLink(kind, dir.resolve(kind + "-sim"), dir.resolve(kind + "-agent"),
                     kind.equals("card") ? 9600 : 115200, LinkReceiver.IGNORE, Duration.ofMillis(1))) {
            Path site = writeSite(dir, kind, ioLink.agentTransport().toString(), reader.agentTransport().toString());
            SiteConfig config = SiteConfigLoader.load(site);
            Clock clock = Clock.system(config.zone());
            long t0 = System.nanoTime();
            try (AgentStore store = AgentStore.open(config.agents().dataDir("bench"), "bench", clock)) {
                store.replaceRegistry(registry);
            }
            System.out.printf(Locale.ROOT, "  [%s] registry of %d vehicles stored in %d ms%n", kind,
                    registry.vehicles().size(), (System.nanoTime() - t0) / 1_000_000);
            DECIDED_AT.clear();
            java.util.Set<LaneDevice> connected =
                    java.util.concurrent.ConcurrentHashMap.newKeySet();
            LaneListener listener = new LaneListener() {
                @Override
                public void actions(io.parkgate.agent.lane.LaneSnapshot snapshot,
                                    List<io.parkgate.agent.lane.LaneAction> actions) {
                    if (actions.stream().anyMatch(a -> a instanceof io.parkgate.agent.lane.LaneAction.PulseOpen)) {
                        DECIDED_AT.add(System.nanoTime());
                    }
                }

                @Override
                public void openTiming(Duration decision, Duration journal) {
                    LANE_TIMINGS.add(new long[] {decision.toNanos(), journal.toNanos()});
                }

                @Override
                public void deviceState(LaneDevice device,
                                        DeviceState state, String detail) {
                    if (state == DeviceState.CONNECTED) {
                        connected.add(device);
                    }
                }
            };
            if (standalone) {
                Path log = dir.resolve("agent.log");
                Process agent = new ProcessBuilder(agentCommand(site)).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
                try {
                    awaitPolls(io, 3);
                    Thread.sleep(2000); // the reader's port opens beside the I/O controller's; warm-up covers the rest
                    return samples(io, reader, registry, samples, warmup, clock, kind);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(e.getMessage() + "; the agent's output: " + log, e);
                } finally {
                    agent.destroy();
                    if (!agent.waitFor(20, TimeUnit.SECONDS)) {
                        agent.destroyForcibly();
                    }
                }
            }
            try (GateAgent agent = GateAgent.start(config, config.lane("bench").orElseThrow(), clock,
                    new GateAgent.Options(config.agents().dataDir("bench"), null, new DeviceMetrics() {
                        @Override
                        public void commandTiming(Duration queued, Duration silenceWait, Duration write) {
                            COMMAND_TIMINGS.add(new long[] {System.nanoTime(), queued.toNanos(), silenceWait.toNanos(),
                                    write.toNanos()});
                        }
                    }, listener))) {
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (connected.size() < 2) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("devices did not connect: " + connected);
                    }
                    Thread.sleep(10);
                }
                awaitPolls(io, 3);
                return samples(io, reader, registry, samples, warmup, clock, kind);
            }
        }
    }

    private static long[] samples(BenchIoController io, PtyLink reader, RegistrySnapshot registry, int samples,
                                  int warmup, Clock clock, String kind) throws Exception {
        // Distinct residents: the same card again within seconds would be a repeat, not a vehicle.
        int stride = 7919;
        long[] result = new long[samples];
        int seq = 0;
        for (int i = 0; i < warmup + samples; i++) {
            int resident = (int) ((long) (i + 1) * stride % registry.vehicles().size());
            Vehicle v = registry.vehicles().get(resident);
            byte[] frame = kind.equals("card") ? Em4100.encode(registry.cards().get(resident).number())
                    : PlateLine.encode(new PlateReport(seq++ & 0xFFFF, v.plate(), PlateColour.BLUE, 95,
                            clock.millis()));
            if (i == warmup) {
                BREAKDOWN.clear(); // the breakdown, like the latencies, counts measured samples only
            }
            long latency = onePassage(io, reader, frame);
            if (i >= warmup) {
                result[i - warmup] = latency;
            }
        }
        return result;
    }

    /** The agent as its launcher (gate-agent/src/dist/bin/parkgate-agent) starts it, from this benchmark's jar. */
    private static List<String> agentCommand(Path site) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + agentJvmOptions,
                "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                "io.parkgate.agent.app.AgentMain", "run", "--site", site.toString(), "--lane", "bench",
                "--no-central", "--metrics-port", "0");
    }

    /**
     * The benchmark's own share of every sample, with no agent: bytes written to one end of a pseudo-terminal pair
     * until they are read at the other (socat in between, as for the lane's devices), towards the agent as a card
     * frame goes and back as OPEN comes, at random moments like the samples.
     */
    private static void harness(Path dir, int samples) throws Exception {
        Files.createDirectories(dir);
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        LinkReceiver stamp = new LinkReceiver() {
            @Override
            public void received(byte[] data, int len, java.util.function.Consumer<byte[]> reply) {
                arrivals.add(System.nanoTime());
            }

            @Override
            public void silence(java.util.function.Consumer<byte[]> reply) {
                // one stamp per write is enough
            }
        };
        long[] toAgent = new long[samples];
        long[] fromAgent = new long[samples];
        byte[] frame = Em4100.encode("2000000001");
        byte[] open = ModbusRtu.writeSingleCoil(1, 0, true);
        try (PtyLink link = new PtyLink("harness", dir.resolve("sim"), dir.resolve("agent"), 9600, stamp,
                Duration.ofMillis(1));
             SerialByteLink agentSide = SerialByteLink.openDirect(dir.resolve("agent").toString(), 9600)) {
            byte[] buf = new byte[64];
            for (int i = 0; i < samples; i++) {
                LockSupport.parkNanos((long) (phase.nextDouble() * POLL.toNanos()));
                link.write(frame);
                long written = System.nanoTime();
                int got = 0;
                long firstRead = 0;
                while (got < frame.length) {
                    int n = agentSide.read(buf, 0, buf.length, 1000);
                    if (n <= 0) {
                        throw new IllegalStateException("harness: frame not through the pseudo-terminals in 1 s");
                    }
                    firstRead = firstRead == 0 ? System.nanoTime() : firstRead;
                    got += n;
                }
                toAgent[i] = firstRead - written;
                LockSupport.parkNanos((long) (phase.nextDouble() * POLL.toNanos()));
                arrivals.clear();
                long sent = System.nanoTime();
                agentSide.write(open);
                Long arrived = arrivals.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("harness: OPEN not through the pseudo-terminals");
                }
                fromAgent[i] = arrived - sent;
            }
        }
        for (String[] dirAndName : new String[][] {{"to", "frame written -> read by the agent"},
            {"from", "agent's write -> read by the I/O controller"}}) {
            long[] sorted = (dirAndName[0].equals("to") ? toAgent : fromAgent).clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "  harness alone, %-45s p50=%.3f ms  p99=%.3f ms  max=%.3f ms%n",
                    dirAndName[1] + ":", ms(sorted, 0.50), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
    }

    /** One vehicle: arrives, frame written, OPEN awaited, crosses, CLOSE awaited. Returns the latency. */
    private static long onePassage(BenchIoController io, PtyLink reader, byte[] frame) throws Exception {
        io.opens.clear();
        io.closes.clear();
        io.setInputs(true, false, false, true);
        awaitPolls(io, 2);
        LANE_TIMINGS.clear();
        COMMAND_TIMINGS.clear();
        // A vehicle's frame comes at any moment, not in step with the poll.
        java.util.concurrent.locks.LockSupport.parkNanos((long) (phase.nextDouble() * POLL.toNanos()));
        long collectionsBefore = collections();
        reader.write(frame);
        long lastByteWritten = System.nanoTime();
        long sincePoll = lastByteWritten - io.lastPollAt();
        Long open = io.opens.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        // An agent in its own process reports no timings: nothing to wait for then.
        long inside = standalone ? 0 : PATIENCE.toMillis();
        Long decided = DECIDED_AT.poll(inside, TimeUnit.MILLISECONDS);
        if (decided != null) {
            LANE_SHARE.add(decided - lastByteWritten);
        }
        if (open == null) {
            throw new IllegalStateException("no OPEN within " + PATIENCE + " for frame "
                    + new String(frame, StandardCharsets.UTF_8));
        }
        long[] lane = LANE_TIMINGS.poll(inside, TimeUnit.MILLISECONDS);
        long[] command = COMMAND_TIMINGS.poll(inside, TimeUnit.MILLISECONDS); // OPEN's: the first
        if (lane != null && command != null) {
            long total = open - lastByteWritten;
            long known = lane[0] + lane[1] + command[1] + command[2] + command[3];
            long collected = collections() - collectionsBefore;
            BREAKDOWN.add(new long[] {total, lane[0], lane[1], command[1], command[2], command[3], total - known,
                collected, sincePoll, open - command[0], lastByteWritten - STARTED});
        }
        io.setInputs(false, true, true, false);
        awaitPolls(io, 2);
        io.setInputs(false, false, true, false);
        if (io.closes.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) == null) {
            throw new IllegalStateException("no CLOSE after the vehicle passed");
        }
        io.setInputs(false, false, false, true);
        awaitPolls(io, 2);
        return open - lastByteWritten;
    }

    /** Garbage collections so far, all collectors: a sample during which one ran is marked in the report. */
    private static long collections() {
        long n = 0;
        for (java.lang.management.GarbageCollectorMXBean gc
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static void awaitPolls(BenchIoController io, int count) throws InterruptedException {
        LongSupplier polls = io::polls;
        long target = polls.getAsLong() + count;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (polls.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent stopped polling");
            }
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
    }

    private static void report(String kind, long[] nanos) {
        long[] lane = LANE_SHARE.stream().mapToLong(Long::longValue).sorted().toArray();
        LANE_SHARE.clear();
        if (lane.length > 0) {
            System.out.printf(Locale.ROOT,
                    "  %-5s frame -> decided, journalled, OPEN queued: p50=%.3f ms  p99=%.3f ms%n",
                    kind, ms(lane, 0.50), ms(lane, 0.99));
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "  %-5s frame -> OPEN: n=%d  p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  "
                + "max=%.3f ms%n", kind, sorted.length, ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
        String[] parts = {"decision", "journal", "queue", "silence wait", "write", "rest"};
        List<long[]> rows = new ArrayList<>(BREAKDOWN);
        BREAKDOWN.clear();
        if (rows.isEmpty()) {
            return;
        }
        rows.sort(java.util.Comparator.comparingLong(r -> r[0]));
        List<long[]> tail = rows.subList(Math.max(0, (int) Math.floor(rows.size() * 0.99) - 1), rows.size());
        System.out.printf(Locale.ROOT, "  %-5s breakdown (ms)   %9s %9s %11s%n", kind, "p50", "p99", "slowest 1%");
        for (int i = 0; i < parts.length; i++) {
            int col = i + 1;
            long[] part = rows.stream().mapToLong(r -> r[col]).sorted().toArray();
            double tailMean = tail.stream().mapToLong(r -> r[col]).average().orElse(0) / 1e6;
            System.out.printf(Locale.ROOT, "        %-15s %9.3f %9.3f %11.3f%n", parts[i], ms(part, 0.50),
                    ms(part, 0.99), tailMean);
        }
        for (long[] r : rows.subList(Math.max(0, rows.size() - SLOWEST), rows.size())) {
            System.out.printf(Locale.ROOT, "        slow: %.3f ms = decision %.3f + journal %.3f + queue %.3f + silence"
                    + " %.3f + write %.3f + rest %.3f (%.3f after the write); frame %.3f ms after a poll began,"
                    + " %.3f s into the run%s%n",
                    r[0] / 1e6, r[1] / 1e6, r[2] / 1e6, r[3] / 1e6, r[4] / 1e6, r[5] / 1e6, r[6] / 1e6, r[9] / 1e6,
                    r[8] / 1e6, (r[10] / 1e6 + STARTED_UPTIME_MS) / 1e3,
                    r[7] > 0 ? ", garbage collected" : "");
        }
        long[] quiet = rows.stream().filter(r -> r[7] == 0).mapToLong(r -> r[0]).sorted().toArray();
        long inTail = tail.stream().filter(r -> r[7] > 0).count();
        System.out.printf(Locale.ROOT, "  %-5s garbage collections: during %d of %d samples (%d of the slowest %d);"
                + " without them p99=%.3f ms%n", kind, rows.size() - quiet.length, rows.size(), inTail, tail.size(),
                quiet.length == 0 ? Double.NaN : ms(quiet, 0.99));
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static Path writeSite(Path dir, String kind, String io, String reader) throws IOException {
        String device = kind.equals("card") ? "cardReader: { transport: \"" + reader + "\" }"
                : "camera: { kind: SMART, transport: \"" + reader + "\", minConfidence: 60 }";
        String yaml = """
                site: { id: bench, name: 基准测试 }
                agents: { dataDir: %s }
                tariff:
                  small: { freeTime: 15min, day: { from: "07:00", to: "19:00", firstPeriod: { length: 1h, \
                  price: 500 }, laterPeriods: { length: 1h, price: 300 } }, night: { flat: 1000 } }
                  large: { freeTime: 15min, day: { from: "07:00", to: "19:00", firstPeriod: { length: 1h, \
                  price: 1000 }, laterPeriods: { length: 1h, price: 600 } }, night: { flat: 2000 } }
                lanes:
                  - id: bench
                    name: 基准车道
                    direction: IN
                    post: bench
                    devices:
                      io: { transport: "%s", poll: 50ms }
                      %s
                """.formatted(dir.resolve("agents"), io, device);
        Path site = dir.resolve("site.yaml");
        Files.writeString(site, yaml, StandardCharsets.UTF_8);
        return site;
    }

    /** {@code n} residents with distinct plates from every province, each with a card and a valid pass. */
    static RegistrySnapshot registry(int n) {
        List<Owner> owners = new ArrayList<>(n);
        List<Vehicle> vehicles = new ArrayList<>(n);
        List<Card> cards = new ArrayList<>(n);
        List<Pass> passes = new ArrayList<>(n);
        Instant from = Instant.parse("2020-01-01T00:00:00Z");
        Instant until = Instant.parse("2099-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String plate = PROVINCES[i % PROVINCES.length] + (char) ('A' + (i / PROVINCES.length) % 12)
                    + String.format(Locale.ROOT, "%05d", i % 100_000);
            String owner = "O" + i;
            owners.add(new Owner(owner, "业主" + i, (i % 40 + 1) + "-" + (i % 6 + 1) + "-" + (i % 3000), "1390000"
                    + (i % 10_000)));
            vehicles.add(new Vehicle(plate, owner, PlateColour.BLUE, VehicleClass.SMALL));
            cards.add(new Card(String.format(Locale.ROOT, "%010X", 0x2000000000L + i), owner, plate,
                    Card.Status.ACTIVE));
            passes.add(new Pass("P" + i, plate, Pass.Type.MONTHLY, from, until));
        }
        return new RegistrySnapshot(1, owners, vehicles, cards, passes, List.of(), List.of(), List.of());
    }
}
