package io.parkgate.registry;

import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.VehicleClass;

/** A resident's registered vehicle. */
public record Vehicle(String plate, String ownerId, PlateColour colour, VehicleClass vehicleClass) {
}
