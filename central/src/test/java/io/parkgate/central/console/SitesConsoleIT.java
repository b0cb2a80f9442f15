package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.TestAgent;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console of a central serving two compounds, in a real headless Chromium: the group manager sees the site
 * they work at, switches to the other and gets that site's queue and live feed only; a supervisor of one site
 * has no other site to switch to and never sees the other's cases.
 */
@ExtendWith(VertxExtension.class)
class SitesConsoleIT {

    private static final String NORTH = TwoSites.NORTH;
    private static final String SOUTH = TwoSites.SOUTH;
    private static final String LANE = TwoSites.LANE;

    @TempDir
    Path dir;

    /** Verifies the site shown, the switch, and that each site's queue and live feed carry that site only. */
    @Test
    void consoleWorksAtOneSiteAndSwitches(Vertx vertx) throws Exception {
        CentralConfig cfg = CentralConfig.defaults(NORTH, dir.resolve("central"), TwoSites.lanes(NORTH),
                        new CentralConfig.Credentials("boss", "boss-password"))
                .withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"))
                .withMoreSites(List.of(new CentralConfig.SiteSettings(SOUTH, ZoneId.of("Asia/Shanghai"),
                        TwoSites.lanes(SOUTH), null, 0)));
        Central central = Central.start(vertx, cfg, Clock.systemUTC());
        try (TestAgent north = TwoSites.agent(central, NORTH, dir);
             TestAgent south = TwoSites.agent(central, SOUTH, dir);
             Browser browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + central.httpPort())) {
            Api api = new Api(central.httpPort());
            String boss = api.login("boss", "boss-password");
            api.ok("POST", "/api/users", boss, new JsonObject().put("username", "li").put("site", NORTH)
                    .put("role", "SUPERVISOR").put("password", "li-password"));
            north.uplink.publish(held("粤N10001"));
            south.uplink.publish(held("粤S10001"));
            io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(15), "both cases stored",
                    () -> api.ok("GET", "/api/exceptions?site=" + NORTH, boss, null).array().size() == 1
                            && api.ok("GET", "/api/exceptions?site=" + SOUTH, boss, null).array().size() == 1);

            signIn(browser, "boss");
            assertEquals("north", browser.js("return document.getElementById('site').value"));
            assertEquals(2L, browser.js("return document.getElementById('site').options.length"));
            assertTrue(browser.find("#site").isDisplayed());
            browser.waitForText("#queue", "粤N10001");
            assertFalse(browser.text("#queue").contains("粤S10001"));

            browser.js("const s = document.getElementById('site'); s.value = 'south';"
                    + " s.dispatchEvent(new Event('change'));");
            browser.waitForText("#queue", "粤S10001");
            assertFalse(browser.text("#queue").contains("粤N10001"));
            // Live: a case at north after one at south; south's arrives, north's never shows here.
            north.uplink.publish(held("粤N10002"));
            io.parkgate.testing.Await.until(java.time.Duration.ofSeconds(15), "north's second case stored",
                    () -> api.ok("GET", "/api/exceptions?site=" + NORTH, boss, null).array().size() == 2);
            south.uplink.publish(held("粤S10002"));
            browser.waitForText("#queue", "粤S10002");
            assertFalse(browser.text("#queue").contains("粤N10002"), browser.text("#queue"));

            browser.click("#logout");
            browser.find("#login-form");
            signIn(browser, "li");
            assertEquals(1L, browser.js("return document.getElementById('site').options.length"));
            assertEquals(true, browser.js("return document.getElementById('site').disabled"));
            browser.waitForText("#queue", "粤N10002");
            String queue = browser.text("#queue");
            assertFalse(queue.contains("粤S"), queue);
            assertTrue(browser.driver.findElement(By.id("who")).getText().contains("班长"),
                    browser.driver.findElement(By.id("who")).getText());
        } finally {
            central.close();
        }
    }

    private static void signIn(Browser browser, String user) {
        browser.signIn(user, user + "-password");
    }



    private static LaneEvent held(String plate) {
        return new LaneEvent(UUID.randomUUID().toString(), LANE, EventType.EXCEPTION, Instant.now(), plate, plate,
                null, 91, null, "BLACKLISTED", "黑名单", null, null, null, null, null);
    }
}
