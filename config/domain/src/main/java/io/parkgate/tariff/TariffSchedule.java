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
 * @param maxAmountFen    the largest amount of money taken or charged at once anywhere at the site (a fee, a
 *                        payment, a shift's cash); anything above it is refused as a typing or device error
 */
public record TariffSchedule(Map<VehicleClass, ClassTariff> classes, Duration visitorFreeTime, long maxAmountFen) {

    /** 100 000 yuan: far above any parking fee, far below any sum that could overflow. */
    public static final long DEFAULT_MAX_AMOUNT_FEN = 10_000_000;
    /** The highest bound a site file may set (10 million yuan). */
    public static final long LARGEST_MAX_AMOUNT_FEN = 1_000_000_000;
    /** The lowest bound a site file may set (1 yuan). */
    public static final long SMALLEST_MAX_AMOUNT_FEN = 100;

    /** A tariff with the default money bound. */
    public TariffSchedule(Map<VehicleClass, ClassTariff> classes, Duration visitorFreeTime) {
        this(classes, visitorFreeTime, DEFAULT_MAX_AMOUNT_FEN);
    }

    public TariffSchedule {
        if (maxAmountFen < SMALLEST_MAX_AMOUNT_FEN || maxAmountFen > LARGEST_MAX_AMOUNT_FEN) {
            throw new IllegalArgumentException("maxAmountFen " + maxAmountFen + " is not within "
                    + SMALLEST_MAX_AMOUNT_FEN + ".." + LARGEST_MAX_AMOUNT_FEN);
        }
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
