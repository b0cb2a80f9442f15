package io.parkgate.central.shift;

import java.time.Instant;

/**
 * An attendant's shift at a post.
 *
 * @param endedAt when the handover of it was accepted; null while it runs
 * @param name    the shift of the day it is, when it was named
 */
public record Shift(String id, String post, String attendant, Instant startedAt, Instant endedAt, ShiftName name) {
}
