package io.parkgate.central.db;

import io.parkgate.config.SchemaMigrations;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's database, owned by one thread: every piece of work runs there in its own transaction, in
 * submission order, so services never contend for the connection and Vert.x event loops never block on
 * disk or network. The same for both databases ({@link DatabaseTarget}): a SQLite file (WAL,
 * {@code synchronous=FULL}: a committed transaction, and so every event central acknowledged, survives a
 * crash of the process or the machine) or a PostgreSQL server, where a lost connection is opened again for
 * the next piece of work (the work that met the loss fails and is retried by its sender: agents resend
 * unacknowledged events, and the primary keys keep them stored once).
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseTarget target;
    private final ExecutorService owner;
    private final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();
    /** Only touched on the owner thread (after construction). */
    private Connection conn;

    private Database(DatabaseTarget target, Connection conn) {
        this.target = target;
        this.conn = conn;
        this.owner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "central-db");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The site that records written before sites were kept (schema version 13) belong to, when the database is
     * opened without naming one (tests and tools; central names the first site it serves).
     */
    public static final String UNNAMED_SITE = "site";

    /** Opens (creating when missing) the SQLite database file and brings its schema up to date. */
    public static Database open(Path file) {
        return open(new DatabaseTarget.Sqlite(file));
    }

    /** Opens the database (a SQLite file is created when missing) and brings its schema up to date. */
    public static Database open(DatabaseTarget target) {
        return open(target, UNNAMED_SITE);
    }

    /**
     * Opens the database and brings its schema up to date; records it held from before sites were kept
     * become {@code site}'s.
     */
    public static Database open(DatabaseTarget target, String site) {
        io.parkgate.wire.Topics.requireId("site", site);
        try {
            if (target instanceof DatabaseTarget.Sqlite s) {
                io.parkgate.config.PrivateFiles.database(s.file());
            }
            Connection c = connect(target);
            try {
                if (target.dialect() == Dialect.SQLITE) {
                    checkIntegrity(c, target);
                }
                migrate(target, c, site);
                checkWritable(c, target);
            } catch (Exception e) {
                c.close();
                throw e;
            }
            return new Database(target, c);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open central database " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Central's scripts: {@code db/migration/common} (one script for both databases) and
     * {@code db/migration/<vendor>} (the scripts whose SQL differs, once per vendor with the same number).
     */
    private static void migrate(DatabaseTarget target, Connection c, String site) throws SQLException {
        List<String> locations = List.of("classpath:db/migration/common",
                "classpath:db/migration/" + target.dialect().vendor());
        SchemaMigrations.Target t = target instanceof DatabaseTarget.Postgres p
                ? new SchemaMigrations.Target(p.toString(), p.jdbcUrl(), p.user(), p.password(), locations, 0,
                        java.util.Map.of("site", site))
                : new SchemaMigrations.Target(target.toString(), target.jdbcUrl(), null, null, locations, 0,
                        java.util.Map.of("site", site));
        SchemaMigrations.migrate(t, c);
    }

    private static Connection connect(DatabaseTarget target) throws SQLException {
        Connection c = target instanceof DatabaseTarget.Postgres p
                ? DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password())
                : DriverManager.getConnection(target.jdbcUrl());
        target.dialect().configure(c);
        return c;
    }

    /**
     * A damaged database is refused at start, not served: a corrupted page would otherwise be read (and copied
     * to the lanes) unnoticed. Takes a few seconds on a large register, once per start.
     */
    private static void checkIntegrity(Connection c, DatabaseTarget file) throws SQLException {
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
    private static void checkWritable(Connection c, DatabaseTarget file) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE store_identity SET store_id=store_id");
        } catch (SQLException e) {
            throw new IllegalStateException(file + " is read-only (" + e.getMessage()
                    + "): central needs to write it", e);
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    public DatabaseTarget target() {
        return target;
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

    /** How many transactions were run since opening, committed or not: what central asks of its database. */
    public long transactions() {
        return transactions.get();
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        transactions.incrementAndGet();
        if (conn == null) {
            conn = connect(target);
            LOG.info("connected to {} again", target);
        }
        try {
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
        } catch (SQLException e) {
            if (Dialect.isConnectionLost(e)) {
                LOG.warn("lost the connection to {} ({}): the next work opens a new one", target, e.getMessage());
                closeQuietly();
            }
            throw e;
        }
    }

    /**
     * Whether the failure (or one of its causes) is the database being out of reach rather than anything wrong
     * with the work: the same work may succeed later and must not be given up (e.g. quarantined).
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && Dialect.isConnectionLost(e)) {
                return true;
            }
        }
        return false;
    }

    private void closeQuietly() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // already broken
        }
        conn = null;
    }

    /** Folds SQLite's WAL back into the main file; scheduled by central. Nothing to do on PostgreSQL. */
    public Future<Void> checkpoint() {
        Promise<Void> p = Promise.promise();
        if (target.dialect() != Dialect.SQLITE) {
            p.complete();
            return p.future();
        }
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
            if (conn != null) {
                conn.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing {}: {}", target, e.getMessage());
        }
    }
}
