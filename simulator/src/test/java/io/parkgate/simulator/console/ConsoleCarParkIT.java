package io.parkgate.simulator.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.console.Browser;
import io.parkgate.central.it.Api;
import io.parkgate.plate.PlateColour;
import io.parkgate.simulator.ScenarioRunner;
import io.parkgate.simulator.Simulator;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.lane.SimulatedVehicle;
import io.parkgate.simulator.scenario.Scenario;
import io.parkgate.simulator.scenario.ScenarioStep;
import io.parkgate.simulator.testutil.CarParkFixture;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.traffic.Population;
import io.parkgate.simulator.traffic.PopulationSize;
import io.parkgate.simulator.traffic.Resident;
import io.parkgate.tariff.Yuan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console against the real car park: central with its embedded broker, one real gate agent per lane of
 * the north gate, the lanes' hardware simulated byte for byte, and Debian's headless Chromium. One day at the
 * north post runs through the class in order: a temporary vehicle pays cash at the exit, a card/plate
 * mismatch is released by the supervisor with a drawn signature, and the shift is handed over with a
 * shortfall. Asserts go to the simulated hardware (barrier pulses, passages), not only to the page.
 * {@code -Dparkgate.screenshots=DIR} writes the documentation's screenshots from this run. The browser runs in
 * another time zone and (with faketime) about three years away from the car park's clock ({@link Browser}): the
 * console must take "today", the shift and waiting times from central.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleCarParkIT {

    /** 09:00 in Shenzhen. */
    private static final Instant START = Instant.parse("2026-11-23T01:00:00Z");
    private static final String TEMPORARY = "粤B6T239";
    private static final String IMPOSTOR = "湘A99999";
    private static final String DAMAGE = "右前翼子板划痕，已告知司机";
    /** Long enough for a person (the browser) to act: at ×10, two simulated hours are 12 real minutes. */
    private static final Duration PATIENCE = Duration.ofHours(2);
    private static final Pattern RAW_KEY = Pattern.compile(
            "\\b(app|nav|role|common|login|lane|note|exc|sup|pay|ho|reg|cards|dir|barrier|code)\\.[A-Za-z]");

    private CarParkFixture park;
    private Simulator sim;
    private Api api;
    private String manager;
    private Browser browser;
    private Resident resident;
    /** The temporary vehicle's fee, as the exit lane asked for it. */
    private long feeFen;
    /** What the supervisor collected in cash for the mismatch. */
    private static final long MISMATCH_FEE_FEN = 2000;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Population pop = Population.generate(11, new PopulationSize(30, 2, 1, 1, 1), START);
        resident = pop.residents().stream()
                .filter(r -> r.passStatus() == Resident.PassStatus.VALID && r.card() != null).findFirst().orElseThrow();
        park = new CarParkFixture(dir, START, 11, pop, url -> url);
        sim = park.sim;
        api = new Api(park.central.httpPort());
        manager = api.login("boss", "boss-password");
        for (String[] u : new String[][] {{"wang", "ATTENDANT"}, {"zhao", "ATTENDANT"}, {"li", "SUPERVISOR"}}) {
            api.ok("POST", "/api/users", manager, new JsonObject().put("username", u[0]).put("role", u[1])
                    .put("password", u[0] + "-password"));
        }
        SimFixture.await("both lanes online at central", 30_000, () -> {
            String lanes = api.ok("GET", "/api/lanes", manager, null).body();
            return lanes.split("\"online\":true", -1).length == 3;
        });
        sim.startClock();
        browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + park.central.httpPort());
        browser.open("/console/");
        assertEquals(Browser.ZONE, browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone"));
        if (Browser.dateShifted()) {
            long apart = Math.abs(((Number) browser.js("return Date.now()")).longValue()
                    - sim.clock().instant().toEpochMilli());
            assertTrue(apart > Duration.ofDays(300).toMillis(), "the browser's date is far from the car park's: "
                    + browser.js("return String(new Date())"));
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (park != null) {
            park.close();
        }
    }

    /**
     * Verifies that an attendant at the exit post sees a temporary vehicle held for its fee with the Chinese
     * reason, takes the cash in the browser, gets a receipt number, and the simulated barrier opens for it.
     */
    @Test
    @Order(1)
    void attendantTakesCashAndTheSimulatedBarrierOpens() throws Exception {
        SimulatedVehicle car = new SimulatedVehicle("temp", TEMPORARY, PlateColour.BLUE, null, Behaviour.NORMAL,
                PATIENCE);
        run("entry", step(Duration.ZERO, "north-in", car));
        SimFixture.await("the entry at central and its stay relayed to the exit lane", 30_000,
                () -> api.ok("GET", "/api/passages?plate=" + enc(TEMPORARY), manager, null).body().contains("ENTRY")
                        && park.agents.get(1).store().openStays().stream().anyMatch(s -> TEMPORARY.equals(s.plate())));
        // 09:00 at the car park (17:00 the day before in the browser's zone): the early shift is offered.
        signIn("wang", null);
        browser.waitForText("#lanes", "北门出口");
        browser.waitForText("[data-test=shift]", "早班");
        // Lanes by their site-file names, not their codes.
        browser.waitForText("#lane-north-out h2", "北门出口");
        browser.waitForText("#lane-north-in h2", "北门入口");
        // Damage seen on entry (entry rule 2): recorded at the entry lane, kept with the car's entry.
        browser.click("#lane-north-in");
        browser.waitForText("#focus-label", "北门入口");
        browser.driver.findElement(By.tagName("body")).sendKeys("2");
        assertEquals(TEMPORARY, browser.find("#f-plate").getAttribute("value"));
        browser.type("#f-note", DAMAGE);
        browser.click("#dialog-ok");
        browser.waitForText("#history", DAMAGE);
        JsonObject note = api.ok("GET", "/api/notes?laneId=north-in", manager, null).array().getJsonObject(0);
        assertEquals("DAMAGE", note.getString("kind"));
        String entryId = api.ok("GET", "/api/passages?plate=" + enc(TEMPORARY), manager, null).array()
                .getJsonObject(0).getString("eventId");
        assertEquals(entryId, note.getString("passageEventId"), "the note is attached to the car's entry");

        int pulses = sim.lane("north-out").io().openPulses();
        ScenarioRunner exit = ScenarioRunner.schedule(sim, scenario("exit", step(Duration.ofHours(2), "north-out",
                car)));
        JsonObject waiting = waitingAt("north-out", TEMPORARY);
        feeFen = waiting.getLong("feeFen");
        assertTrue(feeFen > 0, waiting.encode());
        assertEquals("COLLECT_FEE", waiting.getString("verdict"));

        browser.waitForText("#lane-north-out [data-test=plate]", TEMPORARY);
        String fee = browser.waitForText("#lane-north-out [data-test=fee]", yuan(feeFen));
        String decision = browser.waitForText("#lane-north-out [data-test=decision]", "请收费");
        assertTrue(decision.contains(waiting.getString("reason")), decision);
        assertTrue(decision.contains("临时车"), decision);
        browser.waitForText("#lane-north-out [data-test=code]", "临时车辆");
        // Entry and exit side by side, two simulated hours apart (the simulated camera reports no plate colour:
        // BoothConsoleIT covers the colours).
        browser.waitForText("#lane-north-out [data-test=stay]", "2 小时");
        browser.find("#lane-north-out [data-test=entry-photo]");
        browser.find("#lane-north-out [data-test=exit-photo]");
        assertEquals(pulses, sim.lane("north-out").io().openPulses(), "held for the fee: " + fee);
        browser.screenshot("lane-view");

        browser.click("#lane-north-out");
        browser.waitForText("#focus-label", "北门出口");
        // First a part of the fee, recorded as partial: the real agent keeps the car held.
        long part = feeFen / 2;
        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        browser.find("#cash-dialog");
        browser.type("#f-amount", java.math.BigDecimal.valueOf(part, 2).toPlainString());
        new org.openqa.selenium.support.ui.Select(browser.find("#f-kind")).selectByValue("PARTIAL");
        browser.click("#dialog-ok");
        browser.waitForText("#lane-north-out [data-test=partial]", "尚欠 " + yuan(feeFen - part));
        assertEquals(TEMPORARY, waitingAt("north-out", TEMPORARY).getString("plate"), "still held after a partial");
        assertEquals(pulses, sim.lane("north-out").io().openPulses(), "a partial payment opens nothing");
        // The booth takes its time: a simulated minute more at the barrier takes the stay into its next hour (when
        // the lane held it within a minute of the hour), yet the driver owes what the lane asked when it held him.
        Instant heldSince = Instant.parse(waiting.getString("since"));
        SimFixture.await("a simulated minute at the booth", 60_000,
                () -> sim.clock().instant().isAfter(heldSince.plus(Duration.ofMinutes(1))));
        // Then the rest: central tells the lane all that was paid toward its fee, and the agent lets the car out.
        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        browser.waitForText("#cash-dialog [data-test=dialog-big]", "尚欠 " + yuan(feeFen - part));
        browser.click("#dialog-ok");
        String receipt = browser.waitForText("#lane-north-out [data-test=receipt]", "收据号");
        assertTrue(receipt.contains(yuan(feeFen - part)) && receipt.matches("(?s).*R\\d{8}-\\d{4}.*"), receipt);
        // Read through waitForText, which looks again when the live feed repaints the lane between find and read.
        String receiptNo = browser.waitForText("#lane-north-out #receipt-no", "R");

        assertTrue(exit.awaitFinished(120, TimeUnit.SECONDS), "the paid car left\n" + sim.report().toText());
        Passage out = passageOf("north-out", TEMPORARY);
        assertEquals(Passage.Outcome.PASSED, out.outcome(), sim.report().toText());
        assertNotNull(out.armOpenAt(), "the simulated barrier opened for the paid car");
        assertTrue(sim.lane("north-out").io().openPulses() > pulses);

        // The register has the exit, paid ahead at the booth; central counts the cash for the post's shift.
        SimFixture.await("the exit in central's register", 30_000, () -> api.ok("GET", "/api/passages?plate="
                + enc(TEMPORARY), manager, null).body().contains("\"EXIT\""));
        // The agent's exit names the booth's receipt: the lane was told the payment by its receipt number.
        assertTrue(api.ok("GET", "/api/passages?type=EXIT&plate=" + enc(TEMPORARY), manager, null).body()
                .contains(receiptNo), "the exit's remark names " + receiptNo);
        browser.waitForText("#lane-north-out [data-test=decision]", "已收费");
        JsonObject paid = api.ok("GET", "/api/prepayments/" + enc(TEMPORARY), manager, null).json();
        assertTrue(paid.getBoolean("prepaid"), paid.encode());
    }

    /**
     * Verifies that a card/plate mismatch held at the simulated entry is claimed and resolved by a supervisor
     * in the browser with a signature drawn with real pointer events, and that the simulated barrier opens.
     */
    @Test
    @Order(2)
    void supervisorReleasesAMismatchWithADrawnSignature() throws Exception {
        SimulatedVehicle impostor = new SimulatedVehicle("impostor", IMPOSTOR, PlateColour.BLUE,
                resident.card().number(), Behaviour.NORMAL, PATIENCE);
        int pulses = sim.lane("north-in").io().openPulses();
        ScenarioRunner run = ScenarioRunner.schedule(sim, scenario("mismatch", step(Duration.ZERO, "north-in",
                impostor)));
        JsonObject waiting = waitingAt("north-in", IMPOSTOR);
        assertEquals("HOLD", waiting.getString("verdict"));
        assertEquals("CARD_PLATE_MISMATCH", waiting.getString("code"));
        browser.waitForText("#lane-north-in [data-test=decision]", "不予放行");
        browser.waitForText("#lane-north-in [data-test=code]", "卡与车牌不符");
        // Not to be released (exception rule 1): the attendant calls the supervisor; the call is kept.
        browser.click("#lane-north-in");
        browser.waitForText("#focus-label", IMPOSTOR);
        browser.driver.findElement(By.tagName("body")).sendKeys("5");
        browser.find("#call-dialog");
        browser.click("#dialog-ok");
        browser.waitForText("#history", "呼叫班长");
        JsonObject call = api.ok("GET", "/api/notes?laneId=north-in", manager, null).array().getJsonObject(0);
        assertEquals("CALL", call.getString("kind"));
        assertEquals(waiting.getString("eventId"), call.getString("passageEventId"), "the call names the held visit");

        signOut();
        signIn("li", false);
        browser.waitForText("#queue", IMPOSTOR);
        browser.waitForText("#queue", "北门入口");
        // The car has waited simulated minutes by central's clock: not zero, not the browser's years.
        String waited = browser.until("the waiting timer counting by central's clock", () -> {
            String w = browser.text("#queue td.wait");
            return w.matches("\\d{1,2}:\\d{2}") && !w.equals("0:00") ? w : null;
        });
        assertTrue(Integer.parseInt(waited.split(":")[0]) < 60, waited);
        browser.click("#queue tr[data-id]");
        browser.click("#claim");
        browser.find("#resolve-form");
        browser.waitForText("#detail [data-test=code]", "卡与车牌不符");
        // The card is a resident's: the supervisor sees who holds it, with a number to call, and that the plate
        // has no owner on file.
        String holder = browser.waitForText("#detail [data-test=card-holder]", resident.owner().name());
        assertTrue(holder.contains(resident.owner().unit()) && holder.contains(resident.vehicle().plate()), holder);
        assertEquals("tel:" + resident.owner().phone(), browser.find(
                "#detail [data-test=card-holder] a[data-test=call]")
                .getAttribute("href"));
        browser.waitForText("#detail [data-test=plate-owner]", "无业主档案");
        browser.type("#licenceNo", "430102199001011234");
        browser.type("#idCardNo", "430102199001011234");
        browser.type("#statement", "借用业主的卡，本人为业主亲属");
        browser.type("#fee", Yuan.of(MISMATCH_FEE_FEN));
        browser.type("#outcome", "核实为业主亲属，收取临时停车费后放行");
        browser.click("#resolve");
        browser.waitForText("#resolve-error", "签名");
        assertEquals(pulses, sim.lane("north-in").io().openPulses(), "no release without the owner's signature");

        WebElement pad = browser.find("#signature");
        new Actions(browser.driver).moveToElement(pad, -150, 10).clickAndHold().moveByOffset(40, -30)
                .moveByOffset(40, 40).moveByOffset(40, -40).moveByOffset(60, 30).release().perform();
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("exception-view");
        browser.click("#resolve");

        assertTrue(run.awaitFinished(120, TimeUnit.SECONDS), "released car left\n" + sim.report().toText());
        Passage in = passageOf("north-in", IMPOSTOR);
        assertEquals(Passage.Outcome.PASSED, in.outcome(), sim.report().toText());
        assertNotNull(in.armOpenAt(), "the simulated barrier opened on the supervisor's release");
        assertTrue(sim.lane("north-in").io().openPulses() > pulses);
        browser.waitForText("[data-test=resolved]", "核实为业主亲属");
        browser.find("[data-test=resolved] img.signed");
        JsonObject x = api.ok("GET", "/api/exceptions?status=RESOLVED", manager, null).array().getJsonObject(0);
        assertEquals(IMPOSTOR, x.getString("plate"));
        assertTrue(x.getString("signatureRef").startsWith("data:image/png;base64,"), x.encode());
    }

    /**
     * Verifies that the shift is handed over in the browser with the cash shortfall shown (短款, in yuan),
     * accepted by the incoming attendant and signed off by the supervisor.
     */
    @Test
    @Order(3)
    void shiftIsHandedOverWithAShortfall() throws Exception {
        signOut();
        signIn("wang", true);
        browser.open("/console/#/handover");
        long expected = feeFen + MISMATCH_FEE_FEN;
        long counted = expected - 500;
        new org.openqa.selenium.support.ui.Select(browser.find("#toAttendant")).selectByValue("zhao");
        browser.type("#walkieTalkies", "2");
        browser.type("#keys", "3");
        browser.type("#cash", Yuan.of(counted));
        browser.type("#dutyNotes", "北门入口一辆车卡与车牌不符，班长核实后放行");
        browser.waitForText("[data-test=shift-notes]", DAMAGE);
        browser.click("#ho-submit");

        assertEquals(yuan(expected), browser.waitForText("[data-test=cash-expected]", "¥"));
        String diff = browser.waitForText("#difference", "短款");
        assertTrue(diff.contains("-¥5.00"), diff);
        browser.waitForText("#handover-view", IMPOSTOR);

        browser.waitForText("[data-test=shift-notes]", DAMAGE);

        // The incoming attendant signs in, finds the handover waiting for them, and accepts it.
        signOut();
        browser.open("/console/");
        browser.type("#username", "zhao");
        browser.type("#password", "zhao-password");
        browser.click("#login-submit");
        browser.waitForText("#pending", "FM-RW528");
        browser.click("#pending a");
        browser.waitForText("#difference", "短款");
        browser.type("#accept-password", "zhao-password");
        browser.click("#accept-submit");
        browser.type("#sign-user", "li");
        browser.type("#sign-password", "li-password");
        browser.click("#sign-submit");
        browser.waitForText("[data-test=supervisor]", "li");
        browser.waitForText("#who", "zhao");
        browser.waitForText("#handover-view [data-test=shift]", "早班");
        String id = ((String) browser.js("return location.hash")).replaceFirst("^#/handover/", "");
        JsonObject form = api.ok("GET", "/api/handovers/" + id, manager, null).json();
        assertEquals(-500, form.getLong("differenceFen").longValue(), form.encode());

        browser.printMedia(true);
        try {
            assertEquals("none", browser.js("return getComputedStyle(document.getElementById('bar')).display"));
            browser.fullPageScreenshot("handover-print", 900);
        } finally {
            browser.printMedia(false);
        }
    }

    /** Verifies that the zh-CN and en pages render the real car park with every text from their dictionary. */
    @Test
    @Order(4)
    void chineseAndEnglishPagesRender() throws Exception {
        browser.open("/console/?lang=en#/lane");
        browser.waitForText(".actions", "Take cash");
        browser.waitForText("#lanes", "北门出口");
        assertNoRawKeys();
        browser.screenshot("lane-view-en");
        browser.open("/console/?lang=en#/register");
        browser.waitForText("#view", "Vehicle entry/exit register");
        browser.waitForText("#r-table", TEMPORARY);
        browser.waitForText("#r-table [data-test=row-note]", DAMAGE);
        assertNoRawKeys();
        browser.screenshot("register-en");
        browser.open("/console/?lang=zh-CN#/lane");
        browser.waitForText(".actions", "收现金");
        browser.waitForText("#lanes", "北门出口");
        assertNoRawKeys();
        signOut();
        browser.waitForText("#login-form", "登录");
        assertNoRawKeys();
    }

    /**
     * Verifies that the attendant's and the supervisor's pages fit the 1280×720 booth screen and reflow on a
     * portrait tablet without sideways scrolling, with the real car park's data on them.
     */
    @Test
    @Order(5)
    void pagesFitTheBoothScreenAndATablet() throws Exception {
        signIn("zhao", true);
        fitsSideways("lane", "handover", "register");
        onTablet(() -> fitsSideways("lane", "handover", "register"));
        signOut();
        signIn("li", false);
        fitsSideways("supervisor", "lane", "register");
        String resolved = api.ok("GET", "/api/exceptions?status=RESOLVED", manager, null).array().getJsonObject(0)
                .getString("id");
        browser.open("/console/#/supervisor/" + resolved);
        browser.waitForText("#detail", IMPOSTOR);
        assertNoSidewaysScroll("the resolved case");
        onTablet(() -> {
            fitsSideways("supervisor", "lane", "register");
            browser.open("/console/#/supervisor/" + resolved);
            browser.waitForText("#detail", IMPOSTOR);
            assertNoSidewaysScroll("the resolved case");
            browser.screenshot("tablet-exceptions");
        });
    }

    /**
     * Verifies that a car still inside after 7 days (the released impostor) is raised by central as a LONG_STAY
     * exception, listed with its meaning in the supervisor's queue, offered for resolution without a release,
     * and shown with its link among the register's long stays.
     */
    @Test
    @Order(6)
    void longStayReachesTheSupervisorAndTheRegister() throws Exception {
        Instant later = sim.clock().instant().plus(Duration.ofDays(8));
        // Nothing moves in the car park: the simulated clock skips the idle days to this task.
        sim.scheduler().scheduleAt(later, () -> { });
        SimFixture.await("eight simulated days", 60_000, () -> !sim.clock().instant().isBefore(later));
        assertEquals(1, park.central.longStays().scan().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS).intValue(), "the impostor is still inside");

        // Eight simulated days on: tokens last twelve real hours, so the supervisor is still signed in.
        browser.open("/console/#/supervisor");
        browser.waitForText("#queue", IMPOSTOR);
        signOut();
        signIn("li", false);
        browser.waitForText("#queue", IMPOSTOR);
        browser.waitForText("#queue", "在场");
        browser.click("#queue tr[data-id]");
        browser.waitForText("#detail [data-test=code]", "在场超过7天");
        browser.click("#claim");
        browser.find("#resolve-form");
        assertFalse(browser.find("#release").isSelected(), "nobody waits at the barrier: no release offered");

        browser.open("/console/#/register");
        String longStays = browser.waitForText("[data-test=long-stays]", IMPOSTOR);
        assertTrue(longStays.contains("8 天") && longStays.contains("在场超过7天"), longStays);
        assertFalse(longStays.contains(TEMPORARY), "the temporary car left: " + longStays);
    }

    /**
     * Verifies the manual open from the lane view: it needs a reason, an attendant is told to call the
     * supervisor and nothing moves, and the supervisor's open reaches the simulated barrier and the audit log.
     */
    @Test
    @Order(7)
    void manualOpenNeedsAReasonAndASupervisor() throws Exception {
        int pulses = sim.lane("north-in").io().openPulses();
        signOut();
        signIn("zhao", true);
        openFromTheLaneView("north-in", "临时检修道闸");
        browser.waitForText("#toast", "请呼叫班长");
        assertEquals(pulses, sim.lane("north-in").io().openPulses(), "an attendant's open moves nothing");

        signOut();
        signIn("li", false);
        openFromTheLaneView("north-in", "消防车紧急进场");
        browser.waitForText("#toast", "北门入口");
        SimFixture.await("the simulated barrier opened", 30_000,
                () -> sim.lane("north-in").io().openPulses() > pulses);
        manager = api.login("boss", "boss-password");
        String audit = api.ok("GET", "/api/audit?action=MANUAL_OPEN", manager, null).body();
        assertTrue(audit.contains("消防车紧急进场") && audit.contains("\"li\""), audit);
        assertFalse(audit.contains("临时检修道闸"), "the refused open is not a manual open: " + audit);
    }

    /** Presses 6 on the lane, is held to the mandatory reason, then gives it. */
    private void openFromTheLaneView(String lane, String reason) {
        browser.open("/console/#/lane");
        browser.click("#lane-" + lane);
        browser.waitForText("#focus-label", lane.equals("north-in") ? "北门入口" : "北门出口");
        browser.driver.findElement(By.tagName("body")).sendKeys("6");
        browser.find("#open-dialog");
        browser.click("#dialog-ok");
        browser.until("the reason asked for", () -> browser.text("#open-dialog .error").isBlank() ? null
                : true);
        browser.type("#f-reason", reason);
        browser.click("#dialog-ok");
    }

    // ---- helpers ----

    /** Something to do on the tablet. */
    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} on an 800×1280 portrait tablet, then back at the booth screen. */
    private void onTablet(Step step) throws Exception {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 800, "height", 1280, "deviceScaleFactor", 1, "mobile", true));
        try {
            step.run();
        } finally {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** Opens each view and asserts nothing sticks out sideways. */
    private void fitsSideways(String... views) {
        for (String view : views) {
            browser.open("/console/#/" + view);
            browser.find("#view[data-view=" + view + "] .panel");
            assertNoSidewaysScroll(view);
        }
    }

    private void assertNoSidewaysScroll(String what) {
        Number overflow = (Number) browser.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), what + " scrolls sideways at "
                + browser.js("return innerWidth + 'x' + innerHeight"));
    }

    private ScenarioStep step(Duration at, String lane, SimulatedVehicle car) {
        return new ScenarioStep(at, lane, car, null, null, null, car.id());
    }

    private static Scenario scenario(String name, ScenarioStep... steps) {
        return new Scenario(name, null, List.of(steps));
    }

    private void run(String name, ScenarioStep... steps) throws InterruptedException {
        ScenarioRunner r = ScenarioRunner.schedule(sim, scenario(name, steps));
        assertTrue(r.awaitFinished(120, TimeUnit.SECONDS), name + " finished\n" + sim.report().toText());
    }

    /** Waits until central shows the lane holding {@code plate} after its decision, and returns that. */
    private JsonObject waitingAt(String lane, String plate) {
        JsonObject[] found = new JsonObject[1];
        SimFixture.await(plate + " held at " + lane, 60_000, () -> {
            JsonArray lanes = api.ok("GET", "/api/lanes", manager, null).array();
            for (int i = 0; i < lanes.size(); i++) {
                JsonObject l = lanes.getJsonObject(i);
                JsonObject w = l.getJsonObject("waiting");
                if (lane.equals(l.getString("laneId")) && w != null && plate.equals(w.getString("plate"))) {
                    found[0] = w;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private Passage passageOf(String lane, String plate) {
        return sim.lane(lane).lane().passages().stream().filter(p -> plate.equals(p.vehicle().plate()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no passage of " + plate));
    }

    private void signIn(String user, boolean attendant) {
        signIn(user, attendant ? "EARLY" : "");
    }

    /**
     * Signs in; an attendant ({@code shift} not empty) takes the north post on that shift, or on the shift the
     * console offers by central's clock when {@code shift} is null.
     */
    private void signIn(String user, String shift) {
        browser.open("/console/");
        browser.type("#username", user);
        browser.type("#password", user + "-password");
        browser.click("#login-submit");
        if (shift == null || !shift.isEmpty()) {
            browser.find("#post");
            if (shift != null) {
                new Select(browser.find("#shift")).selectByValue(shift);
            }
            browser.click("#login-submit");
            browser.find(".actions");
        } else {
            browser.find("#logout");
            browser.find("#view:not([data-view=login]) .panel");
        }
    }

    private void signOut() {
        browser.click("#logout");
        browser.find("#login-form");
    }

    private void assertNoRawKeys() {
        String text = browser.driver.findElement(By.tagName("body")).getText();
        assertFalse(RAW_KEY.matcher(text).find(), "a dictionary key is shown instead of its text:\n" + text);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** As the console shows money: ¥12.50. */
    private static String yuan(long fen) {
        return (fen < 0 ? "-" : "") + "¥" + Yuan.of(Math.abs(fen));
    }
}
