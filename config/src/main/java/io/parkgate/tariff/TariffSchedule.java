package io.parkgate.tariff;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The site's tariff as configured.
 *
 * @param classes         the tariff of each vehicle class; a class without its own is charged as SMALL
 * @param visitorFreeTime the first part of a VISITOR's stay that is free; the rest is charged at the
 *                        temporary tariff (Duration.ZERO: visitors pay like temporary vehicles)
 */
public record TariffSchedule(Map<VehicleClass, ClassTariff> classes, Duration visitorFreeTime) {

    public TariffSchedule {
        Objects.requireNonNull(visitorFreeTime, "visitorFreeTime");
        if (visitorFreeTime.isNegative()) {
            throw new IllegalArgumentException("visitor free time " + visitorFreeTime + " is negative");
        }
        if (!classes.containsKey(VehicleClass.SMALL)) {
            throw new IllegalArgumentException("no tariff for SMALL vehicles");
        }
        classes = Map.copyOf(new EnumMap<>(classes));
    }

    /** The tariff that applies to the class. */
    public ClassTariff forClass(VehicleClass vehicleClass) {
        ClassTariff own = classes.get(vehicleClass);
        return own != null ? own : classes.get(VehicleClass.SMALL);
    }
}
