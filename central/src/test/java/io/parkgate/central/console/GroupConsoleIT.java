package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Central;
import io.parkgate.central.CentralConfig;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.it.TestAgent;
import io.parkgate.testing.Await;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group's screens of the console, at a central serving two compounds, in a real headless Chromium: the takings
 * report (a group manager's across sites, a supervisor's of his own site, none for an attendant, the API's word on
 * a bad range) and the roles a user holds at every site (given at another site from the accounts screen, and never
 * offered at a site the manager does not administer).
 */
@ExtendWith(VertxExtension.class)
class GroupConsoleIT {

    private static final String NORTH = TwoSites.NORTH;
    private static final String SOUTH = TwoSites.SOUTH;
    private static final String LANE = TwoSites.LANE;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    Path dir;

    /**
     * Verifies the takings view: the group manager's "all sites" shows each site's row and the total across sites,
     * in yuan, of desk payments made through the API at both sites and a paid exit sent over MQTT, for today in
     * the site's zone (the browser's clock is far away); a supervisor of north has no all-sites choice and sees
     * north's row only; an attendant has no such view and the API refuses him; a range ending before it starts
     * shows the API's message, under the console's words for it.
     */
    @Test
    void takingsPerSiteAndAcrossSites(Vertx vertx) throws Exception {
        Central central = Central.start(vertx, config(), Clock.systemUTC());
        try (TestAgent north = TwoSites.agent(central, NORTH, dir);
             TestAgent south = TwoSites.agent(central, SOUTH, dir);
             Browser browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + central.httpPort())) {
            Api api = new Api(central.httpPort());
            String boss = api.login("boss", "boss-password");
            user(api, boss, "li", NORTH, "SUPERVISOR");
            user(api, boss, "wang", NORTH, "ATTENDANT");
            // Desk payments are for cars inside: their entries first, over MQTT.
            for (String plate : List.of("粤N20001", "粤N20002")) {
                north.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), LANE, EventType.ENTRY, Instant.now(),
                        plate, "TEMPORARY", "临时车"));
            }
            south.uplink.publish(LaneEvent.of(UUID.randomUUID().toString(), LANE, EventType.ENTRY, Instant.now(),
                    "粤S20001", "TEMPORARY", "临时车"));
            Await.until(Duration.ofSeconds(15), "the entries stored", () -> api.ok("GET", "/api/passages?site="
                    + NORTH, boss, null).array().size() == 2 && api.ok("GET", "/api/passages?site=" + SOUTH, boss,
                    null).array().size() == 1);
            LocalDate paidOn = LocalDate.now(SHANGHAI);
            prepay(api, boss, NORTH, "粤N20001", 1250);
            prepay(api, boss, NORTH, "粤N20002", 830);
            prepay(api, boss, SOUTH, "粤S20001", 1999);
            south.uplink.publish(new LaneEvent(UUID.randomUUID().toString(), LANE, EventType.EXIT, Instant.now(),
                    "粤S20002", "粤S20002", null, 95, null, "TEMPORARY", "临时车", 500L, PaymentMethod.CASH, null,
                    null, null));
            String range = "&from=" + Instant.now().minus(Duration.ofDays(1)) + "&to="
                    + Instant.now().plus(Duration.ofDays(1));
            Await.until(Duration.ofSeconds(15), "south's paid exit stored", () -> api.ok("GET",
                    "/api/reports/takings?site=" + SOUTH + range, boss, null).json().getJsonObject("total")
                    .getLong("totalFen") == 2499L);
            String wang = api.login("wang", "wang-password");
            assertEquals(403, api.call("GET", "/api/reports/takings?site=" + NORTH + range, wang, null).status());

            browser.signIn("boss", "boss-password");
            browser.click("#nav a[data-view=takings]");
            browser.find("#tk-form");
            assertEquals(List.of(NORTH, "*"), options(browser, "#tk-scope"));
            widenToYesterday(browser, paidOn);
            browser.js("const s = document.getElementById('tk-scope'); s.value = '*';");
            browser.click("#tk-show");
            browser.waitForText("#tk-table", SOUTH);
            assertEquals("¥20.80", browser.text("#tk-table tr[data-site=north] td.tk-total"));
            assertEquals("¥24.99", browser.text("#tk-table tr[data-site=south] td.tk-total"));
            assertEquals("¥19.99", browser.text("#tk-table tr[data-site=south] td.tk-desk"));
            assertEquals("¥5.00", browser.text("#tk-table tr[data-site=south] td.tk-lane"));
            assertEquals("¥45.79", browser.text("#tk-table tr.tk-sum td.tk-total"));
            browser.screenshot("takings-all-sites");
            browser.click("#logout");
            browser.find("#login-form");

            browser.signIn("li", "li-password");
            browser.click("#nav a[data-view=takings]");
            browser.find("#tk-form");
            assertEquals(List.of(NORTH), options(browser, "#tk-scope"));
            widenToYesterday(browser, paidOn);
            browser.click("#tk-show");
            browser.waitForText("#tk-table", NORTH);
            assertEquals("¥20.80", browser.text("#tk-table tr[data-site=north] td.tk-total"));
            assertFalse(browser.text("#tk-table").contains(SOUTH), browser.text("#tk-table"));
            // A range that ends before it starts: central refuses it and says why, in the console's words.
            setDates(browser, "2026-03-10", "2026-03-09");
            browser.click("#tk-show");
            browser.waitForText("#tk-error", "截止日期不能早于起始日期");
            browser.waitForText("#tk-error", "parameters 'from' and 'to' are required, 'to' after 'from'");
            browser.click("#logout");
            browser.find("#login-form");

            browser.open("/console/");
            browser.signInAtPost("wang", "wang-password");
            assertTrue(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#nav a[data-view=takings]"))
                    .isEmpty(), browser.text("#nav"));
            browser.js("location.hash = '#/takings'");
            browser.until("the attendant sent home", () -> "lane".equals(browser.find("#view")
                    .getAttribute("data-view")) ? true : null);
        } finally {
            central.close();
        }
    }

    /**
     * Verifies the roles at every site from the accounts screen: the group manager sees li's roles (supervisor at
     * north), gives him supervisor at south, and the API then has it and li acts at south as its supervisor, until
     * the role is taken away there again; the
     * manager of north alone is offered north only, and a request for south forged in his console is refused by
     * central with the refusal shown, and changes nothing; a supervisor has no accounts screen and the API refuses
     * him a grant.
     */
    @Test
    void rolesAtOtherSitesFromTheAccountsScreen(Vertx vertx) throws Exception {
        Central central = Central.start(vertx, config(), Clock.systemUTC());
        try (Browser browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + central.httpPort())) {
            Api api = new Api(central.httpPort());
            String boss = api.login("boss", "boss-password");
            user(api, boss, "li", NORTH, "SUPERVISOR");
            user(api, boss, "zhao", NORTH, "MANAGER");
            user(api, boss, "chen", NORTH, "ATTENDANT");
            assertEquals(403, api.call("GET", "/api/exceptions?site=" + SOUTH, api.login("li", "li-password"), null)
                    .status());

            browser.signIn("boss", "boss-password");
            browser.click("#nav a[data-view=accounts]");
            browser.click("button[data-grants=li]");
            browser.waitForText("#grants tr[data-site=north]", "班长");
            assertEquals(List.of(NORTH, SOUTH, "*"), options(browser, "#g-site"));
            browser.js("document.getElementById('g-site').value = 'south';"
                    + " document.getElementById('g-role').value = 'SUPERVISOR';");
            browser.click("#g-give");
            browser.waitForText("#grants tr[data-site=south]", "班长");
            browser.screenshot("roles-per-site");
            JsonObject grants = api.ok("GET", "/api/users/li/grants", boss, null).json().getJsonObject("grants");
            assertEquals(new JsonObject().put(NORTH, "SUPERVISOR").put(SOUTH, "SUPERVISOR"), grants);
            String li = api.login("li", "li-password");
            assertEquals(200, api.call("GET", "/api/exceptions?site=" + SOUTH, li, null).status());
            assertEquals("SUPERVISOR", api.ok("GET", "/api/me?site=" + SOUTH, li, null).json().getString("role"));
            // And taken away again: li is refused at south once more.
            browser.click("#grants button[data-revoke=south]");
            browser.click("#dialog-ok");
            browser.until("south's row gone", () -> browser.driver.findElements(org.openqa.selenium.By.cssSelector(
                    "#grants tr[data-site=south]")).isEmpty() ? true : null);
            assertEquals(new JsonObject().put(NORTH, "SUPERVISOR"), api.ok("GET", "/api/users/li/grants", boss,
                    null).json().getJsonObject("grants"));
            li = api.login("li", "li-password");
            assertEquals(403, api.call("GET", "/api/exceptions?site=" + SOUTH, li, null).status());
            browser.click("#logout");
            browser.find("#login-form");

            // North's manager: chen's roles at north only, offered north only; a forged south is central's to refuse.
            browser.signIn("zhao", "zhao-password");
            browser.click("#nav a[data-view=accounts]");
            browser.click("button[data-grants=chen]");
            browser.waitForText("#grants tr[data-site=north]", "值班员");
            assertEquals(List.of(NORTH), options(browser, "#g-site"));
            browser.js("const s = document.getElementById('g-site'); s.add(new Option('south', 'south'));"
                    + " s.value = 'south'; document.getElementById('g-role').value = 'MANAGER';");
            browser.click("#g-give");
            browser.waitForText("#g-error", "您在车场 south 没有岗位权限");
            browser.screenshot("roles-per-site-refused");
            assertEquals(new JsonObject().put(NORTH, "ATTENDANT"), api.ok("GET", "/api/users/chen/grants", boss,
                    null).json().getJsonObject("grants"));
            String zhao = api.login("zhao", "zhao-password");
            assertEquals(new JsonObject().put(NORTH, "SUPERVISOR"), api.ok("GET", "/api/users/li/grants", zhao,
                    null).json().getJsonObject("grants"), "north's manager sees li's role at north only");
            browser.click("#logout");
            browser.find("#login-form");

            browser.signIn("li", "li-password");
            assertTrue(browser.driver.findElements(org.openqa.selenium.By.cssSelector("#nav a[data-view=accounts]"))
                    .isEmpty(), browser.text("#nav"));
            li = api.login("li", "li-password");
            assertEquals(403, api.call("POST", "/api/users/chen/grants", li, new JsonObject().put("site", NORTH)
                    .put("role", "SUPERVISOR")).status());
            assertEquals(403, api.call("POST", "/api/users/chen/grants", li, new JsonObject().put("site", SOUTH)
                    .put("role", "SUPERVISOR")).status());
            assertEquals(403, api.call("GET", "/api/users/chen/grants", li, null).status());
            assertEquals(new JsonObject().put(NORTH, "ATTENDANT"), api.ok("GET", "/api/users/chen/grants", boss,
                    null).json().getJsonObject("grants"));
        } finally {
            central.close();
        }
    }

    private CentralConfig config() {
        return CentralConfig.defaults(NORTH, dir.resolve("central"), TwoSites.lanes(NORTH),
                        new CentralConfig.Credentials("boss", "boss-password")).withTariff(CentralFixture.TARIFF)
                .withDatabase(io.parkgate.central.db.TestDatabases.target(dir, "central.db"))
                .withMoreSites(List.of(new CentralConfig.SiteSettings(SOUTH, SHANGHAI,
                        TwoSites.lanes(SOUTH), CentralFixture.TARIFF, 0)));
    }

    private static void user(Api api, String boss, String name, String site, String role) {
        api.ok("POST", "/api/users", boss, new JsonObject().put("username", name).put("site", site).put("role", role)
                .put("password", name + "-password"));
    }

    private static void prepay(Api api, String token, String site, String plate, long fen) {
        api.ok("POST", "/api/prepayments?site=" + site, token, new JsonObject().put("plate", plate)
                .put("amountFen", fen).put("method", "CASH"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> options(Browser browser, String css) {
        browser.find(css);
        return (List<String>) browser.js("return [...document.querySelector(arguments[0]).options].map(o => o.value)",
                css);
    }

    /**
     * Checks that the view opened on the site's today (the browser's date and zone are far from it), then starts
     * the range a day earlier, so that a test running across the site's midnight still counts what it paid.
     */
    private static void widenToYesterday(Browser browser, LocalDate paidOn) {
        String from = browser.find("#tk-from").getAttribute("value");
        String to = browser.find("#tk-to").getAttribute("value");
        assertEquals(from, to, "one day by default");
        assertTrue(List.of(paidOn.toString(), LocalDate.now(SHANGHAI).toString()).contains(to),
                "the site's today, was " + to);
        setDates(browser, paidOn.minusDays(1).toString(), to);
    }

    private static void setDates(Browser browser, String from, String to) {
        browser.js("document.getElementById('tk-from').value = arguments[0];"
                + " document.getElementById('tk-to').value = arguments[1];", from, to);
    }



}
