package io.parkgate.agent.port;

import io.parkgate.plate.PlateColour;

/**
 * A plate as a camera (smart, or the agent's own recogniser on an imaging camera's frame) read it.
 *
 * @param plate       the text read, or null for a vehicle seen with no readable plate (plateless)
 * @param confidence  0..100
 * @param snapshotRef reference to the kept frame (imaging cameras), or null
 */
public record PlateRead(String plate, PlateColour colour, int confidence, String snapshotRef) {

    public boolean plateless() {
        return plate == null;
    }
}
