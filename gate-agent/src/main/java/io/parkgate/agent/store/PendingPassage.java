package io.parkgate.agent.store;

/** A passage made durable before its OPEN and not yet registered: its row in {@code pending_passages}. */
record PendingPassage(long seq, PassageRecord record) {
}
