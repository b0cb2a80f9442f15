package io.parkgate.wire;

/**
 * An agent's greeting after every connect, and its request for a resync: central answers on the lane's
 * registry channel with the deltas since {@code registryVersion}, or a snapshot when it is 0 or too old.
 */
public record Hello(String laneId, long registryVersion, long outboxPending) {
}
