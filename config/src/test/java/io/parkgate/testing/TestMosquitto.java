package io.parkgate.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Mosquitto broker (Debian's {@code mosquitto}, which {@code .ci/provision} installs) in a process of its
 * own on a free loopback port, for the tests that need an external broker: with passwords and an ACL as a
 * site would run it, or anonymous. Its log stays in the test's directory and is quoted when it fails to start.
 */
public final class TestMosquitto implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;

    private TestMosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Whether the broker is installed here. */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Settings of one broker; {@link #start} runs it. */
    public static final class Settings {
        private final Map<String, String> users = new LinkedHashMap<>();
        private String acl;
        private Path passwordFile;
        private Path aclFile;
        private int port;
        private final List<String> extra = new ArrayList<>();

        /** The port to listen on (e.g. one a client was told of before the broker came up); default: a free one. */
        public Settings port(int listenPort) {
            this.port = listenPort;
            return this;
        }

        /** A user in the password file; without any, the broker takes anonymous clients. */
        public Settings user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** The ACL file's text (e.g. central's {@code LaneAcl.mosquittoAcl()}). */
        public Settings acl(String text) {
            this.acl = text;
            return this;
        }

        /** A password file written elsewhere (e.g. by {@code lanes credentials}) instead of {@link #user}s. */
        public Settings passwordFile(Path file) {
            this.passwordFile = file;
            return this;
        }

        /** An ACL file written elsewhere instead of {@link #acl} text. */
        public Settings aclFile(Path file) {
            this.aclFile = file;
            return this;
        }

        /** A line of {@code mosquitto.conf}, e.g. {@code max_inflight_messages 1000}. */
        public Settings line(String configLine) {
            extra.add(configLine);
            return this;
        }

        /** Starts the broker with its files in {@code dir} and waits until it accepts connections. */
        public TestMosquitto start(Path dir) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            int port = this.port > 0 ? this.port : FreePorts.take();
            List<String> conf = new ArrayList<>(List.of("listener " + port + " 127.0.0.1", "persistence false",
                    // run as the build's user: started as root, mosquitto would switch to a 'mosquitto' user
                    "user " + System.getProperty("user.name")));
            if (passwordFile != null) {
                conf.add("allow_anonymous false");
                conf.add("password_file " + passwordFile);
            } else if (users.isEmpty()) {
                conf.add("allow_anonymous true");
            } else {
                Path pw = dir.resolve("passwd");
                boolean first = true;
                for (Map.Entry<String, String> u : users.entrySet()) {
                    passwd(pw, u.getKey(), u.getValue(), first);
                    first = false;
                }
                conf.add("allow_anonymous false");
                conf.add("password_file " + pw);
            }
            if (aclFile != null) {
                conf.add("acl_file " + aclFile);
            } else if (acl != null) {
                Files.writeString(dir.resolve("acl"), acl, StandardCharsets.UTF_8);
                conf.add("acl_file " + dir.resolve("acl"));
            }
            conf.addAll(extra);
            Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n", conf) + "\n", StandardCharsets.UTF_8);
            Path log = dir.resolve("mosquitto.log");
            Process p = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!accepts(port)) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("mosquitto did not start on port " + port + ": "
                            + Files.readString(log));
                }
                LockSupport.parkNanos(50_000_000);
            }
            return new TestMosquitto(p, port);
        }
    }

    public static Settings with() {
        return new Settings();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The broker's process id, e.g. for its CPU time from {@code /proc}. */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    private static void passwd(Path file, String user, String password, boolean create)
            throws IOException, InterruptedException {
        List<String> cmd = create ? List.of("mosquitto_passwd", "-b", "-c", file.toString(), user, password)
                : List.of("mosquitto_passwd", "-b", file.toString(), user, password);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("mosquitto_passwd failed for user " + user + ": " + out);
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the broker at once (SIGKILL), as a machine's loss would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
