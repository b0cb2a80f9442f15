package io.parkgate.registry;

/** A plate that must not be let in (or out without the supervisor). */
public record BlacklistEntry(String plate, String reason) {
}
