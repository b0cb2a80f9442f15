package io.parkgate.agent.app;

import io.parkgate.agent.store.AgentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's own data directory, as docs/deploy.md lays it out: {@code lane.db} (store), {@code outbox.db}
 * (events for central) and {@code snapshots/} side by side. Agents before this layout kept the store one
 * level deeper, in {@code <lane dir>/<lane id>/lane.db}; such a store is moved up once, with its WAL files.
 */
final class LaneDataDir {

    private static final Logger LOG = LoggerFactory.getLogger(LaneDataDir.class);
    // The database file last: until it moves, the next start sees the old store and moves what is left of it. Moved
    // first, a stop or a failed move after it would leave the newest commits (in the WAL) behind, unread.
    private static final String[] SQLITE_SUFFIXES = {"-wal", "-shm", ""};

    private LaneDataDir() {
    }

    /** Creates the directory when missing and moves a store left in the old place; returns {@code laneDir}. */
    static Path prepare(Path laneDir, String laneId) {
        try {
            Files.createDirectories(laneDir);
            Path old = laneDir.resolve(laneId).resolve(AgentStore.FILE_NAME);
            Path now = laneDir.resolve(AgentStore.FILE_NAME);
            if (Files.exists(old) && !Files.exists(now)) {
                for (String suffix : SQLITE_SUFFIXES) {
                    Path from = old.resolveSibling(AgentStore.FILE_NAME + suffix);
                    if (Files.exists(from)) {
                        Files.move(from, now.resolveSibling(AgentStore.FILE_NAME + suffix));
                    }
                }
                LOG.info("lane {}: moved its store from {} to {}", laneId, old, now);
            }
            return laneDir;
        } catch (IOException e) {
            throw new UncheckedIOException("lane " + laneId + ": cannot prepare data directory " + laneDir, e);
        }
    }
}
