package io.parkgate.agent.store;

import java.util.UUID;

/** Argument checks whose messages say which field was wrong and what it held. */
final class Require {

    private Require() {
    }

    static String uuid(String field, String value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing (a UUID is required)");
        }
        UUID parsed;
        try {
            parsed = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a UUID", e);
        }
        if (!parsed.toString().equals(value)) {
            throw new IllegalArgumentException(field + " '" + value + "' is not a lower-case canonical UUID");
        }
        return value;
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}
