package io.parkgate.central.auth;

import io.parkgate.central.error.CentralException;
import java.util.Arrays;

/** The authenticated caller of an API request. */
public record Principal(String username, String displayName, Role role) {

    /** Throws FORBIDDEN unless the caller has one of the roles. */
    public Principal require(Role... allowed) {
        for (Role r : allowed) {
            if (r == role) {
                return this;
            }
        }
        throw CentralException.forbidden(username + " (" + role + ") may not do this; needs one of "
                + Arrays.toString(allowed));
    }
}
