package io.parkgate.tariff;

/** Tariff class of a vehicle, derived from plate colour and type unless the registry says otherwise. */
public enum VehicleClass {
    /** Blue plates, green new-energy small-car plates. */
    SMALL,
    /** Yellow plates: buses, lorries, driving-school and trailer plates. */
    LARGE
}
