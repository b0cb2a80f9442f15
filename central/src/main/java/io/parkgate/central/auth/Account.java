package io.parkgate.central.auth;

import java.time.Instant;

/** An account as a manager administers it (never its password hash). */
public record Account(String username, String displayName, Role role, Instant createdAt, boolean disabled,
                      boolean mustChangePassword) {
}
