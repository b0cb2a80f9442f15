package io.parkgate.agent.store;

/**
 * A passage made durable before its OPEN and not yet registered: its row in {@code pending_passages}.
 *
 * @param record     the passage, or null when the row cannot be read
 * @param unreadable why the row cannot be read (a damaged or hand-edited file), else null
 */
record PendingPassage(long seq, PassageRecord record, String unreadable) {
}
