package io.parkgate.central.auth;

/** An active attendant, as the handover form offers them as receiver. */
public record Attendant(String username, String displayName) {
}
