package io.parkgate.central.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's SQLite database (WAL), owned by one thread: every piece of work runs there in its own
 * transaction, in submission order, so services never contend for the connection and Vert.x event
 * loops never block on disk. {@code synchronous=FULL}: a committed transaction (and so every event
 * central acknowledged) survives a crash of the process or the machine.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Connection conn;
    private final ExecutorService owner;
    private final Path file;

    private Database(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
        this.owner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "central-db");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating when missing) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        try {
            io.parkgate.config.PrivateFiles.database(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            try {
                checkIntegrity(c, file);
                Migrations.apply(c);
                checkWritable(c, file);
            } catch (Exception e) {
                c.close();
                throw e;
            }
            return new Database(file, c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open central database " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A damaged database is refused at start, not served: a corrupted page would otherwise be read (and copied
     * to the lanes) unnoticed. Takes a few seconds on a large register, once per start.
     */
    private static void checkIntegrity(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA integrity_check(5)")) {
            StringBuilder problems = new StringBuilder();
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equalsIgnoreCase(line)) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(line);
                }
            }
            if (problems.length() > 0) {
                throw new IllegalStateException(file + " fails its integrity check (" + problems
                        + "): restore it from a backup; central does not start on a damaged database");
            }
        }
    }

    /**
     * A database central cannot write to is refused at start: otherwise every login and every lane event
     * would fail later, one by one. The probe writes and rolls back.
     */
    private static void checkWritable(Connection c, Path file) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE schema_version SET script=script WHERE version=(SELECT max(version) FROM schema_version)");
        } catch (SQLException e) {
            throw new IllegalStateException(file + " is read-only (" + e.getMessage() + "): central needs to write it", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Runs the work in one transaction on the database thread. The future completes on the caller's Vert.x
     * context when there is one (an HTTP handler's event loop), so what the caller chains on it (the response,
     * an auth handler's {@code next()}) runs there and never on the database thread.
     */
    public <T> Future<T> tx(SqlWork<T> work) {
        Promise<T> p = Promise.promise();
        Context caller = Vertx.currentContext();
        try {
            owner.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = inTransaction(work);
                } catch (Throwable e) {
                    failure = e;
                }
                T done = result;
                Throwable failed = failure;
                Runnable complete = () -> {
                    if (failed == null) {
                        p.complete(done);
                    } else {
                        p.fail(failed);
                    }
                };
                if (caller == null) {
                    complete.run();
                } else {
                    caller.runOnContext(v -> complete.run());
                }
            });
        } catch (RuntimeException e) {
            p.fail(e);
        }
        return p.future();
    }

    /** Runs the work and waits for it: for start-up, the ingest thread and tests, never on an event loop. */
    public <T> T txAndWait(SqlWork<T> work) {
        if (Context.isOnEventLoopThread()) {
            // It would wait for a completion that needs this very thread: refuse instead of hanging.
            throw new IllegalStateException("txAndWait on an event loop thread would block it; use tx");
        }
        try {
            return tx(work).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("database work failed: " + e.getMessage(), e);
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        conn.setAutoCommit(false);
        try {
            T result = work.run(conn);
            conn.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                conn.rollback();
            } catch (SQLException r) {
                LOG.warn("rollback failed: {}", r.getMessage());
            }
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    /** Folds the WAL back into the main file; scheduled by central. */
    public Future<Void> checkpoint() {
        Promise<Void> p = Promise.promise();
        owner.execute(() -> {
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                p.complete();
            } catch (SQLException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    @Override
    public void close() {
        owner.shutdown();
        try {
            owner.awaitTermination(10, TimeUnit.SECONDS);
            conn.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing {}: {}", file, e.getMessage());
        }
    }
}
