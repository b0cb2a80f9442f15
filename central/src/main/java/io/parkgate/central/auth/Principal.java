package io.parkgate.central.auth;

import io.parkgate.central.error.CentralException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The authenticated caller of an API request, with the role they hold at each site (compound) granted to them.
 * A grant on {@link #ALL_SITES} is a group role: the role at every site (a group manager).
 */
public record Principal(String username, String displayName, Map<String, Role> grants) {

    /** The site of a group grant: the role holds at every site. */
    public static final String ALL_SITES = "*";
    /** Starts the message of a refusal for want of a grant at the site, so the console can say it in Chinese. */
    public static final String SITE_FORBIDDEN = "SITE_FORBIDDEN";

    public Principal {
        grants = java.util.Collections.unmodifiableMap(new TreeMap<>(grants));
    }

    /** A caller holding {@code role} at every site (tools and tests that have one site in mind). */
    public Principal(String username, String displayName, Role role) {
        this(username, displayName, Map.of(ALL_SITES, role));
    }

    /** The role held at {@code site}: its own grant, else the group grant; empty when the site is not theirs. */
    public Optional<Role> roleAt(String site) {
        Role r = grants.get(site);
        return Optional.ofNullable(r != null ? r : grants.get(ALL_SITES));
    }

    /** Whether the caller may see the site's records at all. */
    public boolean holds(String site) {
        return roleAt(site).isPresent();
    }

    /** Whether the caller holds a group grant (every site, present and future). */
    public boolean group() {
        return grants.containsKey(ALL_SITES);
    }

    /** The role shown for the caller: the group role when there is one, else the first site's (by name). */
    public Role mainRole() {
        Role g = grants.get(ALL_SITES);
        return g != null ? g : grants.values().stream().findFirst().orElse(Role.ATTENDANT);
    }

    /**
     * The one check of every service and route: throws FORBIDDEN unless the caller holds one of the roles at
     * {@code site}. Without any grant there the message starts with {@link #SITE_FORBIDDEN}.
     */
    public Principal require(String site, Role... allowed) {
        Optional<Role> role = roleAt(site);
        if (role.isEmpty()) {
            throw CentralException.forbidden(SITE_FORBIDDEN + ": " + username + " holds no role at site " + site);
        }
        for (Role r : allowed) {
            if (r == role.get()) {
                return this;
            }
        }
        throw CentralException.forbidden(username + " (" + role.get() + " at site " + site
                + ") may not do this; needs one of " + Arrays.toString(allowed));
    }

    /** Whether the caller holds exactly {@code role} at {@code site}. */
    public boolean is(String site, Role role) {
        return roleAt(site).orElse(null) == role;
    }
}
