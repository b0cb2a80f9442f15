package io.parkgate.agent.lane;

import io.parkgate.agent.port.PlateRead;
import java.time.Instant;
import java.util.UUID;

/**
 * One vehicle's stop at the lane, from the arming loop to crossing the barrier line: what was read,
 * when, and the event id under which its passage is journalled (so repeated reads and retries stay one
 * passage).
 *
 * @param plate null when no plate was read
 * @param card  null when no card was presented
 */
public record VehicleVisit(String eventId, Instant arrivedAt, PlateRead plate, String card) {

    public static VehicleVisit arrive(Instant at) {
        return new VehicleVisit(UUID.randomUUID().toString(), at, null, null);
    }

    public VehicleVisit withPlate(PlateRead read) {
        return new VehicleVisit(eventId, arrivedAt, read, card);
    }

    public VehicleVisit withCard(String number) {
        return new VehicleVisit(eventId, arrivedAt, plate, number);
    }

    public String plateText() {
        return plate == null ? null : plate.plate();
    }
}
