package io.parkgate.registry;

/**
 * Identifies one registry record for removal in a delta.
 *
 * @param key owner id, vehicle plate, card number, pass id, visitor plate, blacklisted plate or
 *            exempted plate, according to {@code kind}
 */
public record RegistryKey(Kind kind, String key) {

    public enum Kind { OWNER, VEHICLE, CARD, PASS, VISITOR, BLACKLIST, EXEMPTION }
}
