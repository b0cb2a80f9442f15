package io.parkgate.registry;

import java.time.Instant;

/**
 * A parking pass (月卡/年卡/永久) for one plate.
 *
 * @param validUntil exclusive end, or null for a permanent pass
 */
public record Pass(String id, String plate, Type type, Instant validFrom, Instant validUntil) {

    public enum Type { MONTHLY, ANNUAL, PERMANENT }

    public boolean validAt(Instant t) {
        return !t.isBefore(validFrom) && (validUntil == null || t.isBefore(validUntil));
    }
}
