package io.parkgate.agent.store;

/**
 * What one WAL checkpoint did ({@code PRAGMA wal_checkpoint} result row).
 *
 * @param busy               true when a reader or writer kept the checkpoint from finishing; the next one catches up
 * @param walFrames          frames in the write-ahead log
 * @param checkpointedFrames frames copied into the database file so far
 */
public record CheckpointResult(boolean busy, int walFrames, int checkpointedFrames) {
}
