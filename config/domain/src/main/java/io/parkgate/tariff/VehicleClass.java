package io.parkgate.tariff;

import io.parkgate.plate.PlateColour;

/** Tariff class of a vehicle, derived from plate colour and type unless the registry says otherwise. */
public enum VehicleClass {
    /** Blue plates, green new-energy small-car plates. */
    SMALL,
    /** Yellow plates: buses, lorries, driving-school and trailer plates. */
    LARGE;

    /**
     * The class a plate implies: yellow plates, driving-school (学) and trailer (挂) plates, and large
     * new-energy plates (8 characters ending in D or F) are LARGE; everything else, including an
     * unread plate (null), is SMALL.
     */
    public static VehicleClass fromPlate(PlateColour colour, String plate) {
        if (colour == PlateColour.YELLOW) {
            return LARGE;
        }
        if (plate == null) {
            return SMALL;
        }
        String p = plate.strip();
        if (p.endsWith("学") || p.endsWith("挂")) {
            return LARGE;
        }
        boolean largeNewEnergy = colour == PlateColour.GREEN && p.codePointCount(0, p.length()) == 8
                && (p.endsWith("D") || p.endsWith("F"));
        return largeNewEnergy ? LARGE : SMALL;
    }
}
