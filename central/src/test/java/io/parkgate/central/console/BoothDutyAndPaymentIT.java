package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.central.auth.Role;
import io.parkgate.central.exception.ExceptionStatus;
import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.central.note.LaneNote;
import io.parkgate.central.shift.ShiftName;
import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.Pass;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.wire.BarrierState;
import io.parkgate.wire.EventType;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The booth's duty and money rules against the real central (HTTP and its embedded MQTT broker, the exit lane
 * played by {@link LaneSide}) and in a real headless Chromium: an attendant who has handed the shift over is
 * refused every lane action by central itself; a partial cash payment is recorded as partial and keeps the car
 * held until the rest is paid or a supervisor waives it; every desk payment has a short receipt number central
 * counts per day, printed and found again in the register.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(VertxExtension.class)
class BoothDutyAndPaymentIT {

    private static final String PLATE = "粤B3P001";
    private static final String PLATE_WAIVED = "粤B3P002";
    private static final String PLATE_SHORT = "粤B3S001";
    private static final String RECEIPT = "R\\d{8}-\\d{4}";

    private CentralFixture central;
    private Browser browser;
    private LaneSide exit;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        // The lanes by the names a site file gives them (the post has none of its own).
        central = new CentralFixture(vertx, dir.resolve("central"), c -> c.withLanes(List.of(
                new LaneDefinition(CentralFixture.IN, CentralFixture.POST, Direction.IN, CentralFixture.PASSWORD_IN,
                        CentralFixture.SECRET_IN, "北门入口"),
                new LaneDefinition(CentralFixture.OUT, CentralFixture.POST, Direction.OUT, CentralFixture.PASSWORD_OUT,
                        CentralFixture.SECRET_OUT, "北门出口"))));
        for (String[] u : new String[][] {{"wang", "王刚", "ATTENDANT"}, {"zhao", "赵敏", "ATTENDANT"},
                {"li", "李班长", "SUPERVISOR"}}) {
            central.api.ok("POST", "/api/users", central.managerToken, new JsonObject().put("username", u[0])
                    .put("displayName", u[1]).put("role", u[2]).put("password", u[0] + "-password"));
        }
        exit = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.OUT,
                CentralFixture.PASSWORD_OUT);
        exit.status(true, 1);
        browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + central.central.httpPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (exit != null) {
            exit.close();
        }
        if (central != null) {
            central.close();
        }
    }

    /**
     * Verifies over plain HTTP that once wang has filed the handover, central refuses his notes, cash, manual open
     * and visitor records with 403 and a message naming the form (in English and Chinese), before and after the
     * receiver accepts, while the receiver acts.
     */
    @Test
    @Order(1)
    void centralRefusesTheOutgoingAttendantsLaneActions() throws Exception {
        String wang = central.api.login("wang", "wang-password");
        String shift = central.api.ok("POST", "/api/shifts", wang, new JsonObject().put("post", CentralFixture.POST))
                .json().getString("id");
        assertEquals(200, note(wang, "左前灯破损").status(), "on duty: a note is taken");

        String formNo = central.api.ok("POST", "/api/shifts/" + shift + "/handover", wang, new JsonObject()
                .put("toAttendant", "zhao").put("cashFen", 0)).json().getString("formNo");
        assertHandedOver(note(wang, "交班后的记录"), formNo);
        exit.event(EventType.EXIT, "粤B3P000", 90, null, "TEMPORARY", "临时车辆，请收费", 500L, null);
        awaitHeld("粤B3P000");
        assertHandedOver(central.api.call("POST", "/api/prepayments", wang, new JsonObject().put("plate", "粤B3P000")
                .put("amountFen", 500).put("method", "CASH").put("post", CentralFixture.POST)), formNo);
        assertHandedOver(central.api.call("POST", "/api/lanes/" + CentralFixture.OUT + "/open", wang,
                new JsonObject().put("reason", "交班后抬杆")), formNo);
        assertHandedOver(central.api.call("PUT", "/api/registry", wang, new JsonObject().put("visitors",
                new JsonArray().add(new JsonObject().put("plate", "粤B3P009").put("validFrom", Instant.now().toString())
                        .put("validUntil", Instant.now().plusSeconds(3600).toString())))), formNo);
        assertTrue(exit.prepayments.isEmpty() && exit.commands.isEmpty(), "nothing reached the lane");

        String zhao = central.api.login("zhao", "zhao-password");
        String id = central.api.ok("GET", "/api/handovers?state=PENDING&toAttendant=zhao", zhao, null).array()
                .getJsonObject(0).getString("id");
        central.api.ok("POST", "/api/handovers/" + id + "/accept", zhao, null);
        assertHandedOver(note(wang, "接班后仍想记录"), formNo);
        assertEquals(200, note(zhao, "接班后的记录").status(), "the receiver acts");
        String notes = central.api.ok("GET", "/api/notes?post=" + CentralFixture.POST, zhao, null).body();
        assertFalse(notes.contains("交班后的记录") || notes.contains("接班后仍想记录"), notes);
    }

    /**
     * Verifies in the browser that an outgoing attendant whose page does not know of the handover (it was filed
     * from another screen) is told by central's refusal, in Chinese, and the page then locks its actions; signing
     * in again shows the booth handed over.
     */
    @Test
    @Order(2)
    void thePageSaysSoWhenCentralRefuses() {
        String li = central.api.login("li", "li-password");
        // A fresh shift for li at a post of its own would need another post: the supervisor opens nothing here.
        signInAttendant("zhao");
        String zhao = central.api.login("zhao", "zhao-password");
        String shift = central.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, zhao, null).json()
                .getString("id");
        String formNo = central.api.ok("POST", "/api/shifts/" + shift + "/handover", zhao, new JsonObject()
                .put("toAttendant", "wang").put("cashFen", 0)).json().getString("formNo");
        assertFalse(browser.find("#act-damage").getAttribute("disabled") != null, "the page has not heard yet");
        browser.driver.findElement(By.tagName("body")).sendKeys("2");
        browser.type("#f-note", "车门划痕");
        browser.click("#dialog-ok");
        String toast = browser.waitForText("#toast", "您已交班（" + formNo + "）");
        assertFalse(toast.matches(".*[A-Za-z]{5,}.*"), "in Chinese: " + toast);
        browser.waitForText("[data-test=handed-over]", formNo);
        for (String act : new String[] {"cash", "damage", "goods", "visitor", "call", "open"}) {
            assertFalse(browser.driver.findElement(By.id("act-" + act)).isEnabled(), act + " after the refusal");
        }
        // Signing in again resumes the running shift, already handed over: locked from the start.
        signInAttendant("zhao");
        browser.waitForText("[data-test=handed-over]", formNo);
        assertFalse(browser.driver.findElement(By.id("act-cash")).isEnabled());
        // The receiver takes the booth back for the next tests.
        String wang = central.api.login("wang", "wang-password");
        String id = central.api.ok("GET", "/api/handovers?state=PENDING&toAttendant=wang", wang, null).array()
                .getJsonObject(0).getString("id");
        central.api.ok("POST", "/api/handovers/" + id + "/accept", wang, null);
        assertEquals(200, note(wang, "接班").status());
        assertEquals(200, note(li, "班长记录").status(), "a supervisor is never refused for a shift");
    }

    /**
     * Verifies a partial payment at the booth: recorded as partial with its own receipt number, counted as cash of
     * the shift, nothing passed to the lane (the car stays held); the rest is asked for, less is refused, and the
     * completing payment is passed to the lane with everything paid toward the fee; both receipts print and are
     * found again in the register by their numbers.
     */
    @Test
    @Order(3)
    void aPartialPaymentKeepsTheCarHeldUntilTheRestIsPaid() throws Exception {
        signInAttendant("wang");
        exit.event(EventType.EXIT, PLATE, 93, null, "TEMPORARY", "临时车辆，请收费", 500L, null);
        browser.waitForText("#lane-north-out [data-test=fee]", "¥5.00");
        openCash(PLATE);
        browser.type("#f-amount", "1.5");
        browser.click("#dialog-ok");
        browser.waitForText("#cash-dialog .error", "少于应收");
        new Select(browser.find("#f-kind")).selectByValue("PARTIAL");
        browser.waitForText("#cash-dialog [data-test=dialog-hint]", "尚欠 ¥3.50");
        browser.click("#dialog-ok");
        String toast = browser.waitForText("#toast", "已部分收费 ¥1.50");
        String first = receiptIn(toast);
        browser.waitForText("#lane-north-out [data-test=partial]", "尚欠 ¥3.50");
        assertEquals(first, browser.text("#partial-receipt-no"));
        assertTrue(browser.find("#act-cash").isEnabled(), "the rest is still to take");
        assertTrue(browser.text("#lane-north-out [data-test=decision]").contains("请收费"));
        assertFalse(prepaid(PLATE), "a partial payment does not make the exit paid");
        assertEquals(0, exit.prepayments.size(), "nothing told to the lane: it keeps holding the car");
        assertEquals(150L, central.api.ok("GET", "/api/prepayments/" + enc(PLATE), central.managerToken, null).json()
                .getLong("partialPaidFen"));

        String printed = print("#lane-north-out button[data-print]");
        assertTrue(printed.contains(first) && printed.contains("部分收费，尚欠 ¥3.50") && printed.contains("¥1.50"),
                printed);

        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        assertEquals("尚欠 ¥3.50", browser.text("#cash-dialog [data-test=dialog-big]"));
        browser.type("#f-amount", "2");
        browser.click("#dialog-ok");
        browser.waitForText("#cash-dialog .error", "少于应收");
        browser.type("#f-amount", "5");
        browser.waitForText("#cash-dialog [data-test=dialog-hint]", "找零 ¥1.50");
        browser.click("#dialog-ok");
        String second = receiptIn(browser.waitForText("#toast", "找零 ¥1.50"));
        assertTrue(second.compareTo(first) > 0, first + " then " + second);
        browser.waitForText("#lane-north-out #receipt-no", second);
        assertTrue(prepaid(PLATE));
        Prepayment told = browser.until("the lane told of the payment",
                () -> exit.prepayments.isEmpty() ? null : exit.prepayments.get(0));
        assertEquals(500L, told.amountFen(), "the lane is told all that was paid toward its fee");
        assertEquals(second, told.id(), "the lane knows the payment by its receipt number");
        assertTrue(print("#lane-north-out button[data-print]").contains(second));

        // A lane holding a car for less than central's tariff makes of its stay (2 h 30 at central: 5 + 3 + 3 yuan):
        // central refuses the lane's 5 yuan saying what it prices, in Chinese, and records nothing (the shift's cash
        // below still counts 5 yuan).
        try (LaneSide in = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.IN,
                CentralFixture.PASSWORD_IN)) {
            in.event(EventType.ENTRY, PLATE_SHORT, PlateColour.BLUE, Instant.now().minus(Duration.ofMinutes(150)),
                    93, null, "TEMPORARY", "临时车辆", null, null, null);
            awaitHeld(PLATE_SHORT);
        }
        exit.holding(PLATE_SHORT, 500L);
        browser.waitForText("#lane-north-out [data-test=plate]", PLATE_SHORT);
        browser.waitForText("#lane-north-out [data-test=fee]", "¥5.00");
        openCash(PLATE_SHORT);
        browser.type("#f-amount", "5");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "少收：中心核定尚欠 ¥11.00，实收 ¥5.00，未入账");
        assertFalse(prepaid(PLATE_SHORT));
        exit.status(true, 1);

        // The shift's cash counts both payments.
        String wang = central.api.login("wang", "wang-password");
        String shift = central.api.ok("GET", "/api/shifts/current?post=" + CentralFixture.POST, wang, null).json()
                .getString("id");
        JsonObject form = central.api.ok("POST", "/api/shifts/" + shift + "/handover", wang, new JsonObject()
                .put("toAttendant", "zhao").put("cashFen", 500)).json();
        assertEquals(500L, form.getLong("expectedCashFen"), form.encode());
        browser.open("/console/#/handover/" + form.getString("id"));
        String listed = browser.waitForText("[data-test=shift-payments]", second);
        assertTrue(listed.contains(first) && listed.contains("部分收费（尚欠 ¥3.50）") && listed.contains("全额"), listed);
        String zhao = central.api.login("zhao", "zhao-password");
        central.api.ok("POST", "/api/handovers/" + form.getString("id") + "/accept", zhao, null);

        // The register finds each receipt by its number (typed loosely) and says which one was partial.
        signOut();
        signIn(CentralFixture.MANAGER);
        browser.open("/console/#/register");
        browser.find("#r-payments");
        browser.type("#r-receipt", " " + first.toLowerCase(Locale.ROOT) + " ");
        browser.click("#r-search");
        String row = browser.waitForText("#r-payments tr[data-receipt='" + first + "']", "部分收费（尚欠 ¥3.50）");
        assertTrue(row.contains(PLATE) && row.contains("¥1.50"), row);
        browser.waitForText("#r-table", PLATE);
        assertEquals(1L, browser.js("return document.querySelectorAll('#r-payments tr[data-receipt]').length"));
        browser.type("#r-receipt", second);
        browser.click("#r-search");
        browser.waitForText("#r-payments tr[data-receipt='" + second + "']", "全额");
        browser.type("#r-receipt", "R19990101-0001");
        browser.click("#r-search");
        browser.waitForText("#r-payments", "没有符合条件的收费记录");
    }

    /**
     * Verifies that a supervisor can waive the rest of a partially paid fee from the lane view: audited with the
     * reason, and the lane is told the stay is paid (so the held car leaves); an attendant cannot waive.
     */
    @Test
    @Order(4)
    void aSupervisorWaivesTheRest() throws Exception {
        exit.event(EventType.EXIT, PLATE_WAIVED, 93, null, "TEMPORARY", "临时车辆，请收费", 800L, null);
        awaitHeld(PLATE_WAIVED);
        String zhao = central.api.login("zhao", "zhao-password");
        JsonObject part = central.api.ok("POST", "/api/prepayments", zhao, new JsonObject().put("plate", PLATE_WAIVED)
                .put("amountFen", 300).put("method", "CASH").put("post", CentralFixture.POST).put("partial", true))
                        .json();
        assertTrue(part.getString("receiptNo").matches(RECEIPT), part.encode());
        assertEquals(500L, part.getLong("remainingFen"));
        assertEquals(403, central.api.call("POST", "/api/prepayments/waive", zhao, new JsonObject()
                .put("plate", PLATE_WAIVED).put("reason", "熟人")).status(), "an attendant cannot waive");
        int told = exit.prepayments.size();

        signOut();
        signIn("li");
        browser.open("/console/#/lane");
        browser.waitForText("#lane-north-out [data-test=partial]", "尚欠 ¥5.00");
        browser.js("document.getElementById('waive-rest').scrollIntoView({block: 'center'})");
        browser.click("#waive-rest");
        browser.type("#f-reason", "车主零钱不足，经班长同意");
        browser.click("#dialog-ok");
        String toast = browser.waitForText("#toast", "已免除余款 ¥5.00");
        String receipt = receiptIn(toast);
        Prepayment p = browser.until("the lane told", () -> exit.prepayments.size() > told
                ? exit.prepayments.get(exit.prepayments.size() - 1) : null);
        assertEquals(PaymentMethod.WAIVED, p.method());
        assertTrue(p.amountFen() >= 800, "the lane's fee is covered: " + p);
        assertEquals(receipt, p.id());
        String audit = central.api.ok("GET", "/api/audit?action=FEE_WAIVED", central.managerToken, null).body();
        assertTrue(audit.contains("车主零钱不足") && audit.contains("li") && audit.contains(receipt), audit);
        assertEquals(409, central.api.call("POST", "/api/prepayments/waive", central.api.login("li", "li-password"),
                new JsonObject().put("plate", PLATE_WAIVED).put("reason", "再次")).status(), "nothing left to waive");
    }

    /** Verifies the payment API's edges: bad partial amounts, a non-boolean flag, less than due without it. */
    @Test
    @Order(5)
    void badPaymentsAreRefusedAndNothingIsRecorded() throws Exception {
        exit.event(EventType.EXIT, "粤B3P003", 93, null, "TEMPORARY", "临时车辆，请收费", 600L, null);
        awaitHeld("粤B3P003");
        String zhao = central.api.login("zhao", "zhao-password");
        JsonObject base = new JsonObject().put("plate", "粤B3P003").put("method", "CASH");
        assertEquals(400, pay(zhao, base.copy().put("amountFen", 0).put("partial", true)).status(), "zero");
        assertEquals(400, pay(zhao, base.copy().put("amountFen", 600).put("partial", true)).status(), "all of it");
        assertEquals(400, pay(zhao, base.copy().put("amountFen", 100).put("partial", "yes")).status(), "flag");
        assertEquals(400, pay(zhao, base.copy().put("amountFen", -5).put("partial", true)).status(), "negative");
        assertEquals(400, pay(zhao, base.copy().put("amountFen", 10_000_001L).put("partial", true)).status(), "bound");
        assertEquals(409, pay(zhao, base.copy().put("amountFen", 599)).status(), "less without saying partial");
        assertEquals(0, central.api.ok("GET", "/api/payments?plate=" + enc("粤B3P003"), zhao, null).array().size());
    }

    /** Verifies that receipt numbers taken at once are unique and consecutive, counted on central's site day. */
    @Test
    @Order(6)
    void receiptNumbersAreUniqueAndConsecutive() throws Exception {
        exit.event(EventType.EXIT, "粤B3P004", 93, null, "TEMPORARY", "临时车辆，请收费", 5000L, null);
        awaitHeld("粤B3P004");
        String zhao = central.api.login("zhao", "zhao-password");
        List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> pay(zhao, new JsonObject().put("plate", "粤B3P004")
                    .put("method", "CASH").put("amountFen", 100).put("partial", true))));
        }
        Set<String> numbers = new HashSet<>();
        for (CompletableFuture<Api.Response> c : calls) {
            Api.Response r = c.get();
            assertEquals(200, r.status(), r.body());
            JsonObject o = r.json();
            String no = o.getString("receiptNo");
            assertTrue(no.matches(RECEIPT), no);
            assertEquals("R" + DateTimeFormatter.ofPattern("yyyyMMdd").format(Instant.parse(o.getString("paidAt"))
                    .atZone(central.config.zone())), no.substring(0, 9), "the site's day");
            numbers.add(no);
        }
        assertEquals(12, numbers.size(), "unique: " + numbers);
        List<Integer> seq = numbers.stream().map(n -> Integer.parseInt(n.substring(10))).sorted().toList();
        assertEquals(seq.get(0) + 11, seq.get(11), "consecutive: " + seq);
    }

    /**
     * Verifies that no view shows a code where people read words: walks every screen of the manager, the
     * supervisor and the attendant in both languages, with a held case, a card lost and one active, a monthly pass,
     * partial and waived payments and handovers on file, and finds no enum code of the system (decision and alarm
     * codes, event types, statuses, roles, colours, classes, pass types, payment methods, shifts) and no lane or
     * post id in the page's text: lanes and the post go by their names.
     */
    @Test
    @Order(7)
    void everyViewSpeaksInWordsNotCodes() throws Exception {
        exit.event(EventType.EXCEPTION, "粤B3P005", 55, "0D3D67EC8C", "CARD_PLATE_MISMATCH", null, null, null);
        Instant now = Instant.now();
        central.api.ok("PUT", "/api/registry", central.managerToken, new JsonObject()
                .put("owners", new JsonArray().add(new JsonObject().put("id", "o1").put("name", "孟远怡")
                        .put("unit", "6栋3单元703").put("phone", "13800000000")))
                .put("vehicles", new JsonArray().add(new JsonObject().put("plate", "粤B3P006").put("ownerId", "o1")
                        .put("colour", "GREEN").put("vehicleClass", "SMALL")))
                .put("cards", new JsonArray().add(new JsonObject().put("number", "0D3D67EC8C").put("ownerId", "o1")
                        .put("plate", "粤B3P006").put("status", "ACTIVE")).add(new JsonObject()
                        .put("number", "0D3D67EC8D").put("ownerId", "o1").put("plate", "粤B3P006").put("status",
                                "LOST")))
                .put("passes", new JsonArray().add(new JsonObject().put("id", "p1").put("plate", "粤B3P006")
                        .put("type", "MONTHLY").put("validFrom", now.minusSeconds(86_400).toString())
                        .put("validUntil", now.plusSeconds(86_400 * 20).toString()))));
        String held = browser.until("the case in the queue", () -> {
            JsonArray open = central.api.ok("GET", "/api/exceptions", central.managerToken, null).array();
            return open.isEmpty() ? null : open.getJsonObject(0).getString("id");
        });
        java.util.regex.Pattern codes = codePattern();
        List<String> seen = new ArrayList<>();
        for (String lang : new String[] {"zh-CN", "en"}) {
            signIn(CentralFixture.MANAGER);
            for (String view : new String[] {"supervisor", "supervisor/" + held, "register", "takings", "handover",
                "accounts"}) {
                seen.add(words(lang, view, codes));
            }
            browser.open("/console/?lang=" + lang + "#/cards");
            for (String tab : new String[] {"owners", "vehicles", "cards", "passes"}) {
                browser.click("#c-tabs button[data-tab=" + tab + "]");
                browser.find("#c-table tbody tr");
                seen.add(pageWords("cards/" + tab + " (" + lang + ")", codes));
            }
            signInAttendant("zhao");
            seen.add(words(lang, "lane", codes));
            seen.add(words(lang, "handover", codes));
        }
        String all = String.join("\n", seen);
        assertTrue(all.contains("北门出口") && all.contains("北门岗亭") && all.contains("卡与车牌不符")
                && all.contains("Card does not match the plate") && all.contains("挂失") && all.contains("月卡"), all);
    }

    /** The page text of a view in a language, checked for codes. */
    private String words(String lang, String view, java.util.regex.Pattern codes) {
        browser.open("/console/?lang=" + lang + "#/" + view);
        try {
            browser.find("#view[data-view='" + view.replaceAll("/.*", "") + "'] .panel");
        } catch (AssertionError e) {
            throw new AssertionError(view + " (" + lang + ") at " + browser.js("return location.href + ' ' + "
                    + "document.getElementById('view').outerHTML.slice(0, 800)"), e);
        }
        browser.until("the view drawn", () -> browser.driver.findElements(By.cssSelector(".panel.error")).isEmpty()
                ? true : null);
        return pageWords(view + " (" + lang + ")", codes);
    }

    private String pageWords(String where, java.util.regex.Pattern codes) {
        // Let the live stream and lookups settle: the text is read once nothing on the page has changed for a while.
        String text = browser.until("the page settled", () -> {
            String a = String.valueOf(browser.js("return document.body.innerText"));
            browser.js("return new Promise(r => setTimeout(r, 300))");
            String b = String.valueOf(browser.js("return document.body.innerText"));
            return a.equals(b) ? b : null;
        });
        java.util.regex.Matcher m = codes.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertEquals(List.of(), found, "codes shown on " + where + ":\n" + text);
        return text;
    }

    /** Every code the system produces that people should read in words, and the lane and post ids. */
    private static java.util.regex.Pattern codePattern() {
        Set<String> names = new java.util.TreeSet<>();
        for (Class<? extends Enum<?>> e : List.<Class<? extends Enum<?>>>of(DecisionCode.class, AlarmKind.class,
                EventType.class, ExceptionStatus.class, Role.class, PlateColour.class, VehicleClass.class,
                Card.Status.class, Pass.Type.class, PaymentMethod.class, BarrierState.class, ShiftName.class,
                Direction.class, LaneNote.Kind.class)) {
            for (Enum<?> c : e.getEnumConstants()) {
                names.add(c.name());
            }
        }
        names.add("LONG_STAY");
        return java.util.regex.Pattern.compile("(?<![A-Za-z0-9_-])(" + String.join("|", names) + ")(?![A-Za-z0-9_-])"
                + "|" + CentralFixture.IN + "|" + CentralFixture.OUT + "|" + CentralFixture.POST);
    }

    // ---- helpers ----

    private Api.Response pay(String token, JsonObject body) {
        return central.api.call("POST", "/api/prepayments", token, body.put("post", CentralFixture.POST));
    }

    private Api.Response note(String token, String text) {
        return central.api.call("POST", "/console/notes", token, new JsonObject().put("kind", "DAMAGE")
                .put("laneId", CentralFixture.IN).put("plate", "粤B3P008").put("note", text));
    }

    private static void assertHandedOver(Api.Response r, String formNo) {
        assertEquals(403, r.status(), r.body());
        String m = r.json().getString("message");
        assertTrue(m.contains("handed your shift over on form " + formNo) && m.contains("已交班"), m);
    }

    /** Focuses the exit lane holding {@code plate} and opens its cash dialog with key 1. */
    private void openCash(String plate) {
        browser.click("#lane-north-out");
        browser.waitForText("#focus-label", plate);
        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        browser.find("#cash-dialog");
    }

    private void awaitHeld(String plate) {
        browser.until(plate + " in the register", () -> central.api.ok("GET", "/api/passages?plate=" + enc(plate),
                central.managerToken, null).array().isEmpty() ? null : true);
    }

    private String print(String button) {
        browser.js("window.print = () => { window.printed = document.getElementById('print-receipt').innerText; }");
        browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'})", button);
        browser.click(button);
        return String.valueOf(browser.js("return window.printed"));
    }

    private static String receiptIn(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(RECEIPT).matcher(text);
        assertTrue(m.find(), "a receipt number in: " + text);
        return m.group();
    }

    private boolean prepaid(String plate) {
        return central.api.ok("GET", "/api/prepayments/" + enc(plate), central.managerToken, null).json()
                .getBoolean("prepaid");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void signInAttendant(String user) {
        browser.open("/console/");
        boolean signedIn = browser.until("the page drawn", () -> {
            if (browser.find("#view").getAttribute("data-view") == null) {
                return null;
            }
            return browser.driver.findElement(By.id("logout")).isDisplayed();
        });
        if (signedIn) {
            signOut();
        }
        browser.signInAtPost(user, user + "-password");
    }

    private void signIn(String user) {
        browser.open("/console/");
        boolean signedIn = browser.until("the page drawn", () -> {
            if (browser.find("#view").getAttribute("data-view") == null) {
                return null;
            }
            return browser.driver.findElement(By.id("logout")).isDisplayed();
        });
        if (signedIn) {
            signOut();
        }
        browser.type("#username", user);
        browser.type("#password", user + "-password");
        browser.click("#login-submit");
        browser.find("#logout");
        browser.find("#view:not([data-view=login]) .panel");
    }

    private void signOut() {
        browser.click("#logout");
        browser.find("#login-form");
    }
}
