package io.parkgate.wire;

import java.time.Instant;
import java.util.Objects;

/**
 * The car park's free spaces (余位) as central counts them from every lane's passages: the capacity the
 * site file gives less the stays still open. Central publishes it, retained, whenever it changes; entry
 * lanes show it. Values are carried as sent: the receiving agent decides whether they make sense.
 *
 * @param capacity the car park's spaces central counts against
 * @param free     spaces not taken by an open stay (0 when the car park is full or over-full)
 * @param at       when central counted
 */
public record SpaceCount(long capacity, long free, Instant at) {

    public SpaceCount {
        Objects.requireNonNull(at, "at");
    }
}
