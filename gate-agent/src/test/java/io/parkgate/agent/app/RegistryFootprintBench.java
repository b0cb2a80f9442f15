package io.parkgate.agent.app;

import io.parkgate.agent.store.AgentStore;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.wire.RegistryBody;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not part of the build (run: {@code mvn -pl gate-agent -am verify -Dit.test=RegistryFootprintBench
 * [-Dbench.vehicles=100000] [-Dbench.jvm=-Xmx128m]}): the resident memory of an agent process holding a
 * registry of 100,000 vehicles (+100,000 cards, +100,000 passes). A JVM of its own, so the test runner's memory
 * is not counted: it takes the registry as a snapshot body from central, persists it in its lane store and
 * holds it in memory for deciding, as {@link RegistryHolder} does, then reads its resident set from
 * {@code /proc/self/status}.
 */
class RegistryFootprintBench {

    @TempDir
    Path dir;

    /** Verifies nothing: prints the child processes' resident memory. */
    @Test
    void footprint() throws Exception {
        // What central sends, made here so that building 300,000 records is not counted in the agent.
        Path body = dir.resolve("snapshot.body");
        Files.write(body, RegistryBody.encode(registry(Integer.getInteger("bench.vehicles", 100_000))));
        String jvm = System.getProperty("bench.jvm", "");
        run(jvm, "receive", body);
        run(jvm, "restart", body);
        System.out.println("BENCH JVM options: " + (jvm.isBlank() ? "(defaults)" : jvm));
    }

    private void run(String jvm, String mode, Path body) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RegistryFootprintBench.class.getName(), mode,
                dir.resolve("data").toString(), body.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        out.lines().filter(l -> l.startsWith("BENCH")).forEach(System.out::println);
        if (p.exitValue() != 0) {
            System.out.println("BENCH " + mode + " failed (exit " + p.exitValue() + "):");
            out.lines().filter(l -> !l.contains(" INFO ")).limit(20).forEach(System.out::println);
        }
    }

    /**
     * The agent process. {@code receive DATA BODY}: takes the snapshot body as the uplink does, persists it and
     * holds it for deciding. {@code restart DATA BODY}: a restarted agent loads the registry from its lane store.
     */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[1]);
        System.out.printf("BENCH %s, before the registry: %s%n", args[0], memory());
        try (AgentStore store = AgentStore.open(data, "lane-1", Clock.systemUTC())) {
            RegistryHolder holder = new RegistryHolder("lane-1", store);
            if (args[0].equals("receive")) {
                holder.snapshot(RegistryBody.decode(Files.readAllBytes(Path.of(args[2]))));
            }
            System.out.printf("BENCH %s, holding %d vehicles: %s%n", args[0], holder.current().vehicleCount(),
                    memory());
            System.gc();
            System.out.printf("BENCH %s, after a full GC: %s%n", args[0], memory());
        }
    }

    private static String memory() throws IOException {
        String rss = "?";
        String hwm = "?";
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmRSS:")) {
                rss = l.substring(6).trim();
            } else if (l.startsWith("VmHWM:")) {
                hwm = l.substring(6).trim();
            }
        }
        Runtime r = Runtime.getRuntime();
        return String.format("resident %s (peak %s), heap used %d MB of %d MB committed", rss, hwm,
                (r.totalMemory() - r.freeMemory()) >> 20, r.totalMemory() >> 20);
    }

    private static RegistrySnapshot registry(int n) {
        List<Vehicle> vehicles = new ArrayList<>(n);
        List<Card> cards = new ArrayList<>(n);
        List<Pass> passes = new ArrayList<>(n);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            String plate = String.format("粤B%05d", i);
            vehicles.add(new Vehicle(plate, "o" + i, PlateColour.BLUE, VehicleClass.SMALL));
            cards.add(new Card(String.format("%010X", i), "o" + i, plate, Card.Status.ACTIVE));
            passes.add(new Pass("p" + i, plate, Pass.Type.ANNUAL, from, from.plus(Duration.ofDays(365))));
        }
        return new RegistrySnapshot(n * 3L, List.of(), vehicles, cards, passes, List.of(), List.of(), List.of());
    }
}
