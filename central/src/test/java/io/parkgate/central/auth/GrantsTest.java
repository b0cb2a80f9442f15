package io.parkgate.central.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.error.CentralException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one role check, per site, and who administers whose account. */
class GrantsTest {

    private static final Principal LI = new Principal("li", "李", Map.of("north", Role.SUPERVISOR,
            "south", Role.ATTENDANT));
    private static final Principal ZHAO = new Principal("zhao", "赵", Map.of("north", Role.MANAGER));
    private static final Principal BOSS = new Principal("boss", "经理", Map.of(Principal.ALL_SITES, Role.MANAGER));

    /** Verifies that a role holds at its own site only, a group role everywhere, and the refusals say why. */
    @Test
    void roleHoldsAtItsSite() {
        LI.require("north", Role.SUPERVISOR);
        CentralException role = assertThrows(CentralException.class, () -> LI.require("south", Role.SUPERVISOR));
        assertEquals(CentralException.Kind.FORBIDDEN, role.kind());
        assertTrue(role.getMessage().contains("ATTENDANT at site south"), role.getMessage());
        CentralException site = assertThrows(CentralException.class, () -> ZHAO.require("south", Role.values()));
        assertTrue(site.getMessage().startsWith(Principal.SITE_FORBIDDEN), site.getMessage());
        BOSS.require("east", Role.MANAGER);
        assertFalse(ZHAO.holds("south"));
        assertTrue(BOSS.holds("anywhere"));
        assertThrows(CentralException.class, () -> ZHAO.require(Principal.ALL_SITES, Role.MANAGER),
                "a site's manager is no group manager");
    }

    /** Verifies that a site's manager administers accounts of their site only; the group manager every one. */
    @Test
    void managersAdministerTheirSitesAccounts() {
        assertTrue(Grants.manages(ZHAO, Map.of("north", Role.ATTENDANT)));
        assertFalse(Grants.manages(ZHAO, LI.grants()), "li holds a role at south too");
        assertFalse(Grants.manages(ZHAO, BOSS.grants()), "nor the group's manager");
        assertFalse(Grants.manages(LI, Map.of("north", Role.ATTENDANT)), "a supervisor administers no account");
        assertTrue(Grants.manages(BOSS, LI.grants()));
        assertTrue(Grants.manages(BOSS, ZHAO.grants()));
    }
}
