package io.parkgate.wire;

import java.time.Instant;

/**
 * An agent's greeting after every connect, and its request for a resync: central answers on the lane's
 * registry channel with the deltas since {@code registryVersion}, or a snapshot when it is 0 or too old.
 *
 * @param snapshotFormat the chunked snapshot format the agent reads ({@link SnapshotChunks#FORMAT}); 0 (what
 *                       agents before it send, by leaving the field out) asks for the one-message JSON snapshot
 * @param sentAt         the lane PC's clock when it sent the hello, or null (agents before the clock check):
 *                       central echoes it with its own clock ({@link EventAck.ClockEcho}) so that the lane can
 *                       tell whether its clock is wrong
 */
public record Hello(String laneId, long registryVersion, long outboxPending, int snapshotFormat, Instant sentAt) {

    /** A hello of an agent that reads only JSON snapshots. */
    public Hello(String laneId, long registryVersion, long outboxPending) {
        this(laneId, registryVersion, outboxPending, 0, null);
    }

    /** A hello that does not ask for a clock check. */
    public Hello(String laneId, long registryVersion, long outboxPending, int snapshotFormat) {
        this(laneId, registryVersion, outboxPending, snapshotFormat, null);
    }
}
