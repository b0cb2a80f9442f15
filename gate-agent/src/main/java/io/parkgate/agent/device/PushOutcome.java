package io.parkgate.agent.device;

/** What became of a readable push from a vendor camera. */
public enum PushOutcome { DELIVERED, LATE, NOT_AN_ARRIVAL, HEARTBEAT, OTHER }
