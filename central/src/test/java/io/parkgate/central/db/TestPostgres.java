package io.parkgate.central.db;

import io.parkgate.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: the operating system's PostgreSQL binaries (Debian's
 * {@code postgresql} package; {@code PARKGATE_PG_BIN} names another bin directory) run a cluster in a temporary
 * directory, on a free port and a unix socket inside that directory. One server per test JVM (started on first
 * use, stopped and deleted at exit); every {@link #newDatabase()} is a fresh, empty database in it.
 *
 * <p>PostgreSQL refuses to run as root: as root the server runs as the {@code postgres} user, which owns the
 * directory. When the server cannot start the test fails, saying why; nothing is skipped.
 */
public final class TestPostgres {

    private static final String USER = "parkgate";
    private static final String PASSWORD = "parkgate-test";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;

    private TestPostgres(Path dir, Path bin, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
            TestPostgres s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "test-postgres-stop"));
        }
        return shared;
    }

    /** A new empty database on the shared server, for central to connect to as its owner. */
    public static DatabaseTarget.Postgres newDatabase() {
        TestPostgres pg = shared();
        String name = "central_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(pg.url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL server refused CREATE DATABASE: " + e.getMessage(), e);
        }
        return new DatabaseTarget.Postgres(pg.url(name), USER, PASSWORD);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server at once (as a crash would); {@link #restart()} brings it back with its data. */
    public void stopNow() {
        run(60, pgCtl("stop", "-m", "immediate"));
    }

    public void restart() {
        run(60, pgCtl("start", "-w", "-t", "60"));
    }

    private static TestPostgres start() {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir;
        try {
            dir = Files.createTempDirectory("parkgate-pg");
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a directory for the test PostgreSQL server (as root it "
                    + "must belong to the user 'postgres', which the postgresql package creates): " + e, e);
        }
        IllegalStateException last = null;
        // The free port is found, closed and then taken by the server: another process may take it in between.
        for (int attempt = 1; attempt <= 3; attempt++) {
            TestPostgres pg = new TestPostgres(dir, bin, FreePorts.take(), root);
            long started = System.nanoTime();
            try {
                if (attempt == 1) {
                    pg.initdb();
                }
                pg.run(90, pg.pgCtl("start", "-w", "-t", "60"));
                System.err.printf("test PostgreSQL (%s) started on 127.0.0.1:%d in %d ms%n", bin, pg.port,
                        (System.nanoTime() - started) / 1_000_000);
                return pg;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private void initdb() {
        try {
            Files.writeString(dir.resolve("pw"), PASSWORD, StandardCharsets.UTF_8);
            if (asPostgresUser) {
                Files.setOwner(dir.resolve("pw"), dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the test server's password file: " + e, e);
        }
        // C locale: text sorts by bytes, as in SQLite. No fsync (a test server's data is thrown away, and the
        // operating system keeps what a killed server wrote), but synchronous commits: a commit central saw
        // must survive the server's crash, as in production.
        run(120, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", USER,
                "--pwfile=" + dir.resolve("pw"), "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
    }

    private List<String> pgCtl(String... action) {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString()));
        cmd.addAll(List.of(action));
        cmd.addAll(List.of("-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off -c max_connections=50"));
        return cmd;
    }

    private void run(int timeoutSeconds, List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        try {
            Path out = Files.createTempFile("parkgate-pg-cmd", ".log");
            try {
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("test PostgreSQL: " + cmd + " did not finish in " + timeoutSeconds
                            + " s" + logs(out));
                }
                if (p.exitValue() != 0) {
                    throw new IllegalStateException("test PostgreSQL: " + cmd + " failed with exit " + p.exitValue()
                            + logs(out));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("test PostgreSQL: cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }

    private String logs(Path out) throws IOException {
        Path server = dir.resolve("server.log");
        return "\n" + Files.readString(out) + (Files.exists(server) ? "\nserver log:\n" + Files.readString(
                server) : "");
    }

    private void stopAndDelete() {
        try {
            stopNow();
        } catch (RuntimeException e) {
            System.err.println("stopping the test PostgreSQL server: " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("deleting " + dir + ": " + e.getMessage());
        }
    }

    /** The newest installed PostgreSQL's bin directory, or {@code PARKGATE_PG_BIN}. */
    private static Path binaries() {
        String env = System.getenv("PARKGATE_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString().replaceAll(
                            "\\D", "0"))))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under " + root));
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("the PostgreSQL tests need the server binaries (Debian: apt-get install "
                    + "postgresql; .ci/provision installs it) or PARKGATE_PG_BIN naming their directory: "
                            + e.getMessage(), e);
        }
    }

}
