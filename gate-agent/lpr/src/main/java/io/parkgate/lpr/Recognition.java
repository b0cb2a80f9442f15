package io.parkgate.lpr;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of looking at one frame: the readings, and when the frame could not be examined at
 * all, why (not a JPEG, truncated, too small …).
 *
 * @param readings plates read, best first; empty when none or when the frame was unusable
 * @param problem why the frame was not examined, or empty
 */
public record Recognition(List<PlateReading> readings, Optional<String> problem) {

    static Recognition rejected(String why) {
        return new Recognition(List.of(), Optional.of(why));
    }
}
