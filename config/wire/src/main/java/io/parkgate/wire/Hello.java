package io.parkgate.wire;

/**
 * An agent's greeting after every connect, and its request for a resync: central answers on the lane's
 * registry channel with the deltas since {@code registryVersion}, or a snapshot when it is 0 or too old.
 *
 * @param snapshotFormat the chunked snapshot format the agent reads ({@link SnapshotChunks#FORMAT}); 0 (what
 *                       agents before it send, by leaving the field out) asks for the one-message JSON snapshot
 */
public record Hello(String laneId, long registryVersion, long outboxPending, int snapshotFormat) {

    /** A hello of an agent that reads only JSON snapshots. */
    public Hello(String laneId, long registryVersion, long outboxPending) {
        this(laneId, registryVersion, outboxPending, 0);
    }
}
