package io.parkgate.simulator.lane;

import io.parkgate.plate.PlateColour;
import java.time.Duration;
import java.util.Objects;

/**
 * One vehicle driven through a simulated lane.
 *
 * @param id        stable label for reports (e.g. {@code v17}); the plate is shown where there is one
 * @param plate     the plate fitted to the vehicle, or null for none
 * @param card      the card the driver presents, or null
 * @param patience  how long the driver waits at a closed barrier before backing away
 */
public record SimulatedVehicle(String id, String plate, PlateColour colour, String card, Behaviour behaviour,
                               Duration patience) {

    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(3);

    public SimulatedVehicle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(behaviour, "behaviour");
        colour = colour == null ? PlateColour.BLUE : colour;
        patience = patience == null ? DEFAULT_PATIENCE : patience;
        if (patience.isNegative() || patience.isZero()) {
            throw new IllegalArgumentException("patience must be positive, was " + patience);
        }
    }

    /** The plate where there is one, else the id: how the vehicle appears in reports. */
    public String label() {
        return plate != null ? plate : id;
    }

    /** The plate the camera can see: none when plateless. */
    public String visiblePlate() {
        return behaviour == Behaviour.PLATELESS ? null : plate;
    }

    /** Whether the driver holds a card to the reader. */
    public boolean presentsCard() {
        return card != null && behaviour != Behaviour.NO_CARD && behaviour != Behaviour.TAILGATE
                && behaviour != Behaviour.FORCE;
    }
}
