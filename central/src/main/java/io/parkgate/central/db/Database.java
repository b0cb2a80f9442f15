package io.parkgate.central.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.file.Files;
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
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            Migrations.apply(c);
            return new Database(file, c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open central database " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs the work in one transaction on the database thread. */
    public <T> Future<T> tx(SqlWork<T> work) {
        Promise<T> p = Promise.promise();
        try {
            owner.execute(() -> {
                try {
                    p.complete(inTransaction(work));
                } catch (Throwable e) {
                    p.fail(e);
                }
            });
        } catch (RuntimeException e) {
            p.fail(e);
        }
        return p.future();
    }

    /** Runs the work and waits for it: for start-up, the ingest thread and tests, never on an event loop. */
    public <T> T txAndWait(SqlWork<T> work) {
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
