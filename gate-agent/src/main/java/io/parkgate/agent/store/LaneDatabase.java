package io.parkgate.agent.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The lane's SQLite file and its connections: one writer (every write is one {@code BEGIN IMMEDIATE}
 * transaction, serialised by a lock, so there is exactly one writer), one reader (WAL readers see the
 * last commit and never block the writer), and one maintenance connection that checkpoints the WAL
 * beside the writer instead of inside a lane write. A lock file next to the database makes this
 * object the only owner of the file, also across processes.
 */
final class LaneDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaneDatabase.class);

    /** Only a checkpoint or a technician's sqlite3 shell can hold a lock we wait for; neither for long. */
    static final int BUSY_TIMEOUT_MS = 2_000;
    /** See {@link AgentStore#SYNCHRONOUS_PROPERTY}. */
    static final String SYNCHRONOUS_PROPERTY = AgentStore.SYNCHRONOUS_PROPERTY;
    /**
     * SQLite's own checkpoint runs inside the commit that crosses this many WAL pages, on the lane's
     * thread. The app's scheduled {@link #checkpoint()} normally keeps the WAL far below it; this is
     * the safety net when the schedule stops.
     */
    static final int AUTOCHECKPOINT_PAGES = 20_000;
    /**
     * Page cache of the writer. A registry snapshot writes ~400,000 rows into key indexes in one
     * transaction; with SQLite's 2 MiB default the cache spills mid-transaction and the load slows
     * several-fold. Memory is taken only as pages are used.
     */
    static final int WRITER_CACHE_KIB = 64 * 1024;
    /** After a reset the WAL file is truncated to this size, so a big registry load does not keep its space. */
    static final int JOURNAL_SIZE_LIMIT_BYTES = 8 * 1024 * 1024;

    /** A unit of SQL work on one connection, run inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Session session) throws SQLException;
    }

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock ownerLock;
    private final Session writer;
    private final Session reader;
    private final Session maintenance;
    /** Fair: between a snapshot's staging chunks, a waiting lane write goes first. */
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock maintenanceLock = new ReentrantLock();
    private volatile boolean closed;

    private LaneDatabase(Path file, FileChannel lockChannel, FileLock ownerLock, Session writer, Session reader,
                         Session maintenance) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.ownerLock = ownerLock;
        this.writer = writer;
        this.reader = reader;
        this.maintenance = maintenance;
    }

    /**
     * Opens (creating if needed) the database file, taking sole ownership of it.
     *
     * @param beforeReaders run on the writer before the other connections open (migrations)
     * @throws StoreException if another owner holds the file or SQLite cannot open it
     */
    static LaneDatabase open(Path file, Work<?> beforeReaders) {
        FileChannel lockChannel = null;
        Session writer = null;
        Session reader = null;
        try {
            // Owner-only (0700/0600): the lane's store holds owners' plates and the registry.
            io.parkgate.config.PrivateFiles.database(file);
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(lockChannel);
            if (lock == null) {
                throw new StoreException(file + " is already open by another lane store (lock " + lockFile + " held)");
            }
            writer = connect(file, false);
            writer.execute("PRAGMA wal_autocheckpoint = " + AUTOCHECKPOINT_PAGES);
            writer.execute("PRAGMA cache_size = -" + WRITER_CACHE_KIB);
            requireWal(writer, file);
            if (beforeReaders != null) {
                beforeReaders.run(writer);
            }
            reader = connect(file, true);
            Session maintenance = connect(file, false);
            LOG.debug("opened {}", file);
            return new LaneDatabase(file, lockChannel, lock, writer, reader, maintenance);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            closeQuietly(lockChannel);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open lane database " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another store in this JVM
        }
    }

    /*
     * WAL with synchronous=NORMAL: a commit appends its pages to the WAL with write(2) and returns
     * without fsync. Once write(2) returned, the bytes are in the kernel's page cache, so the commit
     * survives the death of this process (kill -9, OOM, JVM crash) — the case the lane must survive.
     * Only a power cut or kernel crash before the next checkpoint's fsync can lose the last commits, and
     * even then the file stays consistent (WAL frames are checksummed; a torn tail is discarded).
     * synchronous=FULL would fsync the WAL on every commit: milliseconds on the lane PC's SSD/eMMC,
     * which the 5 ms decision-to-OPEN budget cannot pay. Passages also leave the lane via the uplink
     * outbox, which narrows the power-cut window further.
     */
    static SQLiteConfig.SynchronousMode synchronous() {
        String chosen = System.getProperty(SYNCHRONOUS_PROPERTY, "NORMAL");
        return switch (chosen) {
            case "NORMAL" -> SQLiteConfig.SynchronousMode.NORMAL;
            case "FULL" -> SQLiteConfig.SynchronousMode.FULL;
            default -> throw new StoreException(SYNCHRONOUS_PROPERTY + "=" + chosen
                    + ": expected NORMAL (WAL append, survives kill -9) or FULL (fsync per commit)");
        };
    }

    private static Session connect(Path file, boolean queryOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous());
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        config.enforceForeignKeys(false);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Session session = new Session(c);
        if (queryOnly) {
            session.execute("PRAGMA query_only = 1");
        }
        return session;
    }

    private static void requireWal(Session s, Path file) throws SQLException {
        try (ResultSet rs = s.prepare("PRAGMA journal_mode").executeQuery()) {
            String mode = rs.next() ? rs.getString(1) : "?";
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new StoreException(file + " is in journal mode " + mode
                        + ", not WAL (is the file system local?)");
            }
        }
    }

    /**
     * Runs {@code work} as one write transaction and commits before returning. On any failure the
     * transaction is rolled back; SQL errors come back as {@link StoreException} naming {@code operation}.
     */
    <T> T write(String operation, Work<T> work) {
        writeLock.lock();
        try {
            return inTransaction(writer, true, operation, work);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} in one read transaction: it sees one committed state, and never blocks the writer. */
    <T> T read(String operation, Work<T> work) {
        readLock.lock();
        try {
            return inTransaction(reader, false, operation, work);
        } finally {
            readLock.unlock();
        }
    }

    private <T> T inTransaction(Session s, boolean immediate, String operation, Work<T> work) {
        if (closed) {
            throw new StoreException(operation + ": the lane store " + file + " is closed");
        }
        try {
            s.begin(immediate);
            T result = work.run(s);
            s.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly(s, e);
            throw new StoreException(operation + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(s, e);
            throw e;
        }
    }

    private static void rollbackQuietly(Session s, Throwable cause) {
        try {
            s.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Copies committed WAL frames into the database file without waiting for readers or the writer
     * (PASSIVE), on its own connection so the lane's writes go on meanwhile. The app calls this on a
     * schedule (e.g. every 30 s) off the lane thread.
     */
    CheckpointResult checkpoint() {
        maintenanceLock.lock();
        try {
            if (closed) {
                throw new StoreException("checkpoint: the lane store " + file + " is closed");
            }
            try (ResultSet rs = maintenance.prepare("PRAGMA wal_checkpoint(PASSIVE)").executeQuery()) {
                rs.next();
                CheckpointResult r = new CheckpointResult(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
                LOG.debug("checkpoint {}: {}", file, r);
                return r;
            }
        } catch (SQLException e) {
            throw new StoreException("checkpoint of " + file + " failed: " + e.getMessage(), e);
        } finally {
            maintenanceLock.unlock();
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        writeLock.lock();
        readLock.lock();
        maintenanceLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(maintenance);
            closeQuietly(reader);
            closeQuietly(writer); // the last connection to close checkpoints and removes the WAL
            try {
                ownerLock.release();
            } catch (IOException e) {
                LOG.debug("releasing the lock of {}", file, e);
            }
            closeQuietly(lockChannel);
            LOG.debug("closed {}", file);
        } finally {
            maintenanceLock.unlock();
            readLock.unlock();
            writeLock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", c, e.toString());
        }
    }
}
