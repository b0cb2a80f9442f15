package io.parkgate.agent.store;

/**
 * What {@link AgentStore#recordExit} committed.
 *
 * @param row        the register row as stored (with its receipt number, when one was issued)
 * @param stayClosed true when the exit closed the open stay it names; false when that stay was not
 *                   open here (already closed, never known, or the exit names none)
 */
public record ExitRecorded(PassageRecord row, boolean stayClosed) {
}
