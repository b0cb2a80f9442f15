package io.parkgate.central.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.parkgate.central.ops.ArtemisBrokerFiles;
import io.parkgate.central.ops.LaneCredentials;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of Apache ActiveMQ Artemis nodes for {@link CentralFixture}'s site, each a broker process of its own on
 * free ports, made as an operator makes them (docs/scaling.md): {@code artemis create}, then
 * {@link ArtemisBrokerFiles} writes each node's configuration from the site file and central's secrets. The
 * distribution comes from Maven Central, unpacked by the build into {@code target/artemis} (system property
 * {@code artemis.home}).
 */
public final class ArtemisCluster implements AutoCloseable {

    public static final String CENTRAL_USER = "central";
    public static final String CENTRAL_PASSWORD = "central-password-1";
    private static final Duration START = Duration.ofSeconds(90);

    private final Path dir;
    private final List<String> urls = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /** Writes node {@code self} of {@code nodes} into an instance's etc folder. */
    @FunctionalInterface
    public interface NodeWriter {
        void write(ArtemisCluster cluster, List<ArtemisBrokerFiles.Node> nodes, int self, Path etc) throws Exception;
    }

    /**
     * Creates and starts {@code n} nodes for {@link CentralFixture}'s site, configured from a site file and
     * central's secrets as an operator does; returns when every node is active and bridged to the others.
     *
     * @param heap the -Xmx of each broker JVM, e.g. "256m"
     */
    ArtemisCluster(Path dir, int n, String heap) throws Exception {
        this(dir, n, heap, (c, nodes, self, etc) -> ArtemisBrokerFiles.write(c.site(), c.secrets(), CENTRAL_USER,
                ArtemisBrokerFiles.nodes(c.site(), nodes.stream().map(ArtemisBrokerFiles.Node::clusterPort).toList()),
                self, false, etc));
    }

    /** As above, each node written by {@code writer}. */
    public ArtemisCluster(Path dir, int n, String heap, NodeWriter writer) throws Exception {
        this.dir = Files.createDirectories(dir);
        Path home = home();
        List<Integer> clusterPorts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add("tcp://127.0.0.1:" + FreePorts.take());
            clusterPorts.add(FreePorts.take());
        }
        List<ArtemisBrokerFiles.Node> spec = ArtemisBrokerFiles.nodes(urls, clusterPorts);
        try {
            for (int i = 1; i <= n; i++) {
                Path instance = dir.resolve("node" + i);
                run(home, List.of("create", "--user", "admin", "--password", "unused-admin-password",
                        "--require-login", "--silent", "--no-web", "--no-autotune", instance.toString()));
                writer.write(this, spec, i, instance.resolve("etc"));
                Path log = dir.resolve("node" + i + ".log");
                ProcessBuilder pb = new ProcessBuilder("/bin/sh", instance.resolve("bin/artemis").toString(), "run")
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().put("JAVA_ARGS", "-Xms64m -Xmx" + heap + " -XX:+UseSerialGC -Dlog4j2.disableJmx=true"
                        + " --add-opens java.base/jdk.internal.misc=ALL-UNNAMED");
                nodes.add(pb.start());
                logs.add(log);
            }
            // Awaited here, not with the tests' Await: the simulator's tests use this class without it.
            long deadline = System.nanoTime() + START.toNanos();
            for (int i = 0; i < n; i++) {
                while (true) {
                    String text = log(i);
                    if (!nodes.get(i).isAlive()) {
                        throw new IllegalStateException("Artemis node " + (i + 1) + " exited:\n" + text);
                    }
                    if (text.contains("AMQ221007") && (n == 1 || text.contains("AMQ221027"))) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Artemis node " + (i + 1) + " not active and bridged after "
                                + START + " (log " + logs.get(i) + ")");
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
                }
            }
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The unpacked distribution; the test is skipped, saying why, only when the build could not unpack it. */
    public static Path home() {
        String home = System.getProperty("artemis.home");
        assumeTrue(home != null && Files.isRegularFile(Path.of(home, "bin", "artemis")),
                "Apache ActiveMQ Artemis is not unpacked (system property artemis.home = " + home
                        + "): run the integration tests through Maven, which unpacks "
                        + "org.apache.activemq:apache-artemis:bin:tar.gz into central/target/artemis");
        return Path.of(home);
    }

    /** The nodes' MQTT URLs, in order. */
    public List<String> urls() {
        return List.copyOf(urls);
    }

    /** Kills node {@code i} (1-based) as a crash would: no shutdown, no goodbye to clients or the other nodes. */
    public void kill(int i) throws InterruptedException {
        Process p = nodes.get(i - 1);
        p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** CPU time each node's broker process has used so far, node 1 first (zero for a node not running). */
    public List<java.time.Duration> cpu() {
        return nodes.stream().map(p -> p.toHandle().descendants().map(h -> h.info().totalCpuDuration()
                .orElse(java.time.Duration.ZERO)).reduce(p.info().totalCpuDuration().orElse(java.time.Duration.ZERO),
                        java.time.Duration::plus)).toList();
    }

    /** The log of node {@code i} (0-based). */
    public String log(int i) {
        try {
            return Files.readString(logs.get(i), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        for (Process p : nodes) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : nodes) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The example two-lane site as central's fixture knows it, its broker the cluster's nodes. */
    private SiteConfig site() throws IOException {
        Path file = dir.resolve("site.yaml");
        if (Files.exists(file)) {
            return SiteConfigLoader.load(file);
        }
        String text = Files.readString(Path.of("../config/examples/compound-2-lanes.yaml"), StandardCharsets.UTF_8)
                .replaceFirst("(?m)^  id: lakeside$", "  id: " + CentralFixture.SITE)
                .replaceFirst("(?m)^  mqttPort: .*$", "  mqttUrl: [ " + String.join(", ", urls) + " ]");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return SiteConfigLoader.load(file);
    }

    /** Central's secrets file, as 'lanes credentials' writes it, with the fixture's passwords. */
    private SecretsFile secrets() throws IOException {
        Path file = dir.resolve("central.secrets");
        if (Files.exists(file)) {
            return SecretsFile.load(file, env -> null);
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, String.join("\n",
                LaneCredentials.CENTRAL_MQTT_PASSWORD + "=" + CENTRAL_PASSWORD,
                LaneCredentials.laneMqttPassword(CentralFixture.IN) + "=" + CentralFixture.PASSWORD_IN,
                LaneCredentials.laneCommandSecret(CentralFixture.IN) + "=" + CentralFixture.SECRET_IN,
                LaneCredentials.laneMqttPassword(CentralFixture.OUT) + "=" + CentralFixture.PASSWORD_OUT,
                LaneCredentials.laneCommandSecret(CentralFixture.OUT) + "=" + CentralFixture.SECRET_OUT,
                ArtemisBrokerFiles.CLUSTER_PASSWORD + "=cluster-password-1", ""), StandardCharsets.UTF_8);
        return SecretsFile.load(file, env -> null);
    }

    private static void run(Path home, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", home.resolve("bin/artemis").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("artemis " + args.get(0) + " failed:\n" + out);
        }
    }

}
