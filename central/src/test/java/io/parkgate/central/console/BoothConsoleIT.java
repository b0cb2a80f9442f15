package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.it.Api;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.plate.PlateColour;
import io.parkgate.testing.CuttableLink;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.imageio.ImageIO;
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

/**
 * The booth console's failure paths (issue 16, "Broken") in a real headless Chromium against central with its
 * embedded broker; the exit lane is played over MQTT ({@link LaneSide}). The browser reaches central through a
 * TCP proxy the test can cut, as when central goes down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(VertxExtension.class)
class BoothConsoleIT {

    private static final String PLATE = "粤B6T239";

    private CentralFixture central;
    private CuttableLink proxy;
    private Browser browser;
    private LaneSide exit;
    /** Serves the lanes' snapshots as an agent's frame port would: events carry a short URL, not the image. */
    private com.sun.net.httpserver.HttpServer photos;
    private final java.util.Map<String, byte[]> photoBytes = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        central = new CentralFixture(vertx, dir.resolve("central"));
        for (String[] u : new String[][] {{"wang", "王刚", "ATTENDANT"}, {"zhao", "赵敏", "ATTENDANT"},
                {"li", "李班长", "SUPERVISOR"}}) {
            central.api.ok("POST", "/api/users", central.managerToken, new io.vertx.core.json.JsonObject()
                    .put("username", u[0]).put("displayName", u[1]).put("role", u[2]).put("password", u[0]
                            + "-password"));
        }
        photos = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        photos.createContext("/", x -> {
            byte[] b = photoBytes.get(x.getRequestURI().getPath());
            x.getResponseHeaders().add("Content-Type", "image/png");
            x.sendResponseHeaders(b == null ? 404 : 200, b == null ? -1 : b.length);
            if (b != null) {
                x.getResponseBody().write(b);
            }
            x.close();
        });
        photos.start();
        proxy = new CuttableLink("127.0.0.1", central.central.httpPort());
        exit = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.OUT,
                CentralFixture.PASSWORD_OUT);
        exit.status(true, 1);
        browser = new Browser(dir.resolve("chromium"), proxy.url().replace("tcp://", "http://"));
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (exit != null) {
            exit.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (photos != null) {
            photos.stop(0);
        }
        if (central != null) {
            central.close();
        }
    }

    /**
     * Verifies that the cash dialog shows the fee due, refuses less than it, records the fee (not what was handed
     * over) and tells the change; and that this message and a refused manual open show above the action bar.
     */
    @Test
    @Order(1)
    void cashIsNeverTooLittleAndMessagesShowAboveTheActionBar() throws Exception {
        signInAttendant("wang");
        exit.event(EventType.EXIT, PLATE, 93, null, "TEMPORARY", "临时车辆，请收费", 500L, null);
        browser.waitForText("#lane-north-out [data-test=fee]", "¥5.00");
        browser.click("#lane-north-out");
        browser.waitForText("#focus-label", "north-out");
        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        assertEquals("应收 ¥5.00", browser.text("#cash-dialog [data-test=dialog-big]"));
        browser.type("#f-amount", "0.5");
        browser.click("#dialog-ok");
        String refused = browser.waitForText("#cash-dialog .error", "少于应收");
        assertTrue(refused.contains("¥0.50") && refused.contains("¥5.00"), refused);
        assertFalse(prepaid(), "nothing recorded for an under-payment");

        browser.type("#f-amount", "10");
        browser.waitForText("#cash-dialog [data-test=dialog-hint]", "找零 ¥5.00");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "找零 ¥5.00");
        assertOnTop("#toast");
        browser.waitForText("#lane-north-out [data-test=receipt]", "¥5.00");
        assertTrue(prepaid());
        // A short receipt number (not the 36-character id), printed alone on the receipt printer.
        String no = browser.text("#lane-north-out #receipt-no");
        assertTrue(no.matches("R\\d{8}-\\d{4}"), "central's receipt number of the day: " + no);
        assertTrue(browser.text("#toast").contains(no), browser.text("#toast"));
        browser.js("window.print = () => { window.printed = document.getElementById('print-receipt').innerText"
                + " + '|' + getComputedStyle(document.getElementById('lanes')).display; }");
        browser.js("document.querySelector('#lane-north-out button[data-print]').scrollIntoView({block: 'center'})");
        browser.click("#lane-north-out button[data-print]");
        String printed = String.valueOf(browser.js("return window.printed"));
        assertTrue(printed.contains(no) && printed.contains(PLATE) && printed.contains("¥5.00")
                && printed.contains("停车收费收据"), printed);
        JsonArray audit = central.api.ok("GET", "/api/audit?action=PREPAYMENT", central.managerToken, null).array();
        assertTrue(audit.getJsonObject(0).encode().contains("500"), "the fee is recorded, not the note handed over: "
                + audit.encode());

        browser.driver.findElement(By.tagName("body")).sendKeys("6");
        browser.type("#f-reason", "道闸检修");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "请呼叫班长");
        assertOnTop("#toast");
    }

    /**
     * Verifies that central's refusals read in Chinese, and that a session central no longer knows leads back to
     * the sign-in page saying why, instead of a blank page.
     */
    @Test
    @Order(2)
    void errorsReadInChineseAndAnExpiredSessionGoesBackToSignIn() {
        signOut();
        browser.type("#username", "wang");
        browser.type("#password", "not-the-password");
        browser.click("#login-submit");
        String error = browser.waitForText("#login-error", "用户名或密码错误");
        assertFalse(error.matches(".*[A-Za-z]{4,}.*"), "no raw English: " + error);

        signInAttendant("wang");
        browser.js("const s = JSON.parse(sessionStorage.getItem('parkgate.session'));"
                + " s.token = 'expired-or-made-up'; sessionStorage.setItem('parkgate.session', JSON.stringify(s));");
        browser.open("/console/#/register");
        browser.find("#login-form");
        browser.waitForText("#login-error", "登录已过期");
        Object page = browser.js("return document.body.innerText");
        assertFalse(String.valueOf(page).contains("token"), String.valueOf(page));
    }

    /**
     * Verifies that with central unreachable the console says so in a banner, shows no lane as online and marks
     * what it still shows as out of date; a save fails visibly in Chinese; all clears when central is back.
     */
    @Test
    @Order(3)
    void centralDownShowsABannerAndMarksValuesStale() {
        signInAttendant("wang");
        browser.waitForText("#lane-north-out [data-test=online]", "在线");
        proxy.cut();
        try {
            browser.waitForText("#offline", "与中心的连接已断开");
            browser.waitForText("#lane-north-out [data-test=online]", "状态未知");
            assertFalse(browser.text("#lanes").contains("在线"), browser.text("#lanes"));
            browser.find("#lane-north-out [data-test=stale]");
            assertEquals(true, browser.js("return document.body.classList.contains('stale')"));
            browser.driver.findElement(By.tagName("body")).sendKeys("2");
            browser.type("#f-note", "左后门凹陷");
            browser.click("#dialog-ok");
            browser.waitForText("#toast", "无法连接中心服务器");
            assertOnTop("#toast");
        } finally {
            proxy.restore();
        }
        browser.until("the banner gone once central is back",
                () -> browser.driver.findElement(By.id("offline")).isDisplayed() ? null : true);
        browser.waitForText("#lane-north-out [data-test=online]", "在线");
    }

    /**
     * Verifies that after handing over the outgoing attendant can act at no lane, that the supervisor finds the
     * accepted form among those awaiting a signature and opens it by the number printed on it.
     */
    @Test
    @Order(4)
    void handoverOpensByItsPrintedNumberAndWaitsForTheSignature() {
        browser.open("/console/#/handover");
        String receivers = browser.text("#toAttendant");
        assertTrue(receivers.contains("赵敏 (zhao)") && !receivers.contains("(wang)") && !receivers.contains("(li)"),
                "the receiver is picked from the other attendants: " + receivers);
        new org.openqa.selenium.support.ui.Select(browser.find("#toAttendant")).selectByValue("zhao");
        browser.type("#cash", "5");
        browser.click("#ho-submit");
        String formNo = browser.waitForText("#handover-view [data-test=form-no]", "FM-RW528-");
        browser.waitForText("#handover-view [data-test=from]", "王刚");
        browser.waitForText("#handover-view [data-test=to]", "赵敏");
        browser.open("/console/#/lane");
        browser.waitForText("[data-test=handed-over]", formNo);
        for (String act : new String[] {"cash", "damage", "goods", "visitor", "call", "open"}) {
            assertFalse(browser.driver.findElement(By.id("act-" + act)).isEnabled(), act + " after handing over");
        }
        browser.driver.findElement(By.tagName("body")).sendKeys("2");
        assertTrue(browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty(), "no action by key either");

        String zhao = central.api.login("zhao", "zhao-password");
        String id = central.api.ok("GET", "/api/handovers?state=PENDING&toAttendant=zhao", zhao, null).array()
                .getJsonObject(0).getString("id");
        central.api.ok("POST", "/api/handovers/" + id + "/accept", zhao, null);

        signOut();
        signIn("li");
        browser.open("/console/#/handover");
        browser.waitForText("[data-test=unsigned]", formNo);
        browser.type("#open-id", " " + formNo.toLowerCase(Locale.ROOT) + " ");
        browser.click("#open-form button");
        browser.waitForText("#handover-view [data-test=form-no]", formNo);
        browser.type("#sign-user", "li");
        browser.type("#sign-password", "li-password");
        browser.click("#sign-submit");
        browser.waitForText("[data-test=supervisor]", "李班长");
        browser.open("/console/#/handover");
        browser.waitForText("#view", "没有待签字的交接班表");
        browser.type("#open-id", "FM-RW528-19990101-001");
        browser.click("#open-form button");
        browser.waitForText("#open-error", "未找到交接班表 FM-RW528-19990101-001");
    }

    /** Verifies that a case resolved without a release says so, not that a release was sent. */
    @Test
    @Order(5)
    void resolvingWithoutReleaseSaysSo() throws Exception {
        exit.event(EventType.EXCEPTION, "粤B55555", 60, null, "PLATELESS", "无车牌，请人工确认", null, null);
        browser.open("/console/#/supervisor");
        browser.waitForText("#queue", "粤B55555");
        browser.click("#queue tr[data-id]");
        browser.click("#claim");
        browser.find("#resolve-form");
        if (browser.find("#release").isSelected()) {
            browser.click("#release");
        }
        browser.type("#outcome", "司机倒车离开，未放行");
        browser.click("#resolve");
        String toast = browser.waitForText("#toast", "未放行");
        assertFalse(toast.contains("放行指令已发出"), toast);
        String resolved = browser.waitForText("[data-test=resolved]", "未放行");
        assertFalse(resolved.contains("放行指令已发出"), resolved);
        assertTrue(exit.commands.isEmpty(), "no command reached the lane: " + exit.commands);
    }

    /**
     * Verifies the manager's accounts screen: an attendant created, moved to supervisor (their session ends),
     * given a new password (the old one no longer signs in), disabled (no sign-in at all) and enabled again, each
     * change audited.
     */
    @Test
    @Order(6)
    void managerAdministersAccounts() throws Exception {
        signOut();
        signIn(CentralFixture.MANAGER);
        browser.click("#nav a[data-view=accounts]");
        browser.waitForText("#acc-table", "wang");
        browser.click("#acc-new");
        browser.type("#f-username", "sun");
        browser.type("#f-displayName", "孙丽");
        browser.type("#f-password", "sun-password");
        browser.type("#f-again", "sun-passw0rd");
        browser.click("#dialog-ok");
        browser.waitForText("#acc-dialog .error", "不一致");
        browser.type("#f-again", "sun-password");
        browser.click("#dialog-ok");
        browser.waitForText("#acc-table tr[data-user=sun]", "孙丽");
        assertEquals("车场值班员", new org.openqa.selenium.support.ui.Select(
                browser.find("select[data-role=sun]")).getFirstSelectedOption().getText());
        String sun = central.api.login("sun", "sun-password");

        new org.openqa.selenium.support.ui.Select(browser.find("select[data-role=sun]")).selectByValue("SUPERVISOR");
        browser.waitForText("#toast", "班长");
        assertEquals(401, central.api.call("GET", "/api/me", sun, null).status(), "a new role: signed in again");
        assertEquals("SUPERVISOR", central.api.ok("GET", "/api/me", central.api.login("sun", "sun-password"), null)
                .json().getString("role"));

        browser.click("button[data-reset=sun]");
        browser.type("#f-password", "new-sun-password");
        browser.type("#f-again", "new-sun-password");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "密码已重置");
        assertEquals(401, central.api.call("POST", "/api/login", null, new io.vertx.core.json.JsonObject()
                .put("username", "sun").put("password", "sun-password")).status());
        central.api.login("sun", "new-sun-password");

        browser.click("button[data-disable=sun]");
        browser.click("#dialog-ok");
        browser.waitForText("#acc-table tr[data-user=sun] [data-test=state]", "已停用");
        assertEquals(401, central.api.call("POST", "/api/login", null, new io.vertx.core.json.JsonObject()
                .put("username", "sun").put("password", "new-sun-password")).status());
        assertTrue(browser.driver.findElements(By.cssSelector("button[data-disable='" + CentralFixture.MANAGER + "']"))
                .isEmpty(), "a manager cannot disable themselves");
        browser.screenshot("accounts");
        browser.click("button[data-enable=sun]");
        browser.waitForText("#acc-table tr[data-user=sun] [data-test=state]", "正常");
        central.api.login("sun", "new-sun-password");
        String audit = central.api.ok("GET", "/api/audit?limit=50", central.managerToken, null).body();
        assertTrue(audit.contains("PASSWORD_RESET") && audit.contains("USER_DISABLED")
                && audit.contains("USER_ENABLED") && audit.contains("ATTENDANT -> SUPERVISOR"), audit);
        assertEquals(403, central.api.call("GET", "/api/users", central.api.login("wang", "wang-password"), null)
                .status(), "only a manager lists accounts");
    }

    /**
     * Verifies the lane screen of an exit: the entry photo and the exit photo side by side (a click enlarges one),
     * entry and exit time, the stay, the vehicle category, and the plate drawn in its real colour (yellow here).
     */
    @Test
    @Order(7)
    void laneScreenShowsBothPhotosTheStayAndThePlatesColour() throws Exception {
        Instant now = Instant.now();
        try (LaneSide entry = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.IN,
                CentralFixture.PASSWORD_IN)) {
            entry.status(true, 0);
            entry.event(EventType.ENTRY, "粤B12345", PlateColour.YELLOW, now.minus(Duration.ofMinutes(125)), 95, null,
                    "TEMPORARY", "临时车辆", null, null, dataUrl(new Color(200, 40, 40)));
        }
        signInAttendant("zhao");
        exit.event(EventType.EXIT, "粤B12345", PlateColour.YELLOW, now, 94, null, "TEMPORARY", "临时车辆，请收费", 1500L,
                null, dataUrl(new Color(40, 40, 200)));
        browser.waitForText("#lane-north-out [data-test=plate]", "粤B12345");
        assertEquals("YELLOW", browser.find("#lane-north-out [data-test=plate]").getAttribute("data-colour"));
        assertEquals("rgb(245, 196, 0)", browser.js("return getComputedStyle(document.querySelector("
                + "'#lane-north-out [data-test=plate]')).backgroundColor"), "drawn yellow, not blue");
        browser.waitForText("#lane-north-out [data-test=category]", "黄牌 · 大型车");
        browser.waitForText("#lane-north-out [data-test=stay]", "2 小时 5 分");
        browser.waitForText("#lane-north-out [data-test=entry-photo]", "入场照片");
        browser.waitForText("#lane-north-out [data-test=exit-photo]", "出场照片");
        for (String photo : new String[] {"entry-photo", "exit-photo"}) {
            Number width = (Number) browser.until(photo + " shown large", () -> browser.js("const i = document"
                    + ".querySelector('#lane-north-out [data-test=" + photo + "] img'); return i && i.complete"
                    + " && i.naturalWidth ? i.getBoundingClientRect().width : null"));
            assertTrue(width.intValue() >= 240, photo + " is " + width + " px wide");
        }
        browser.click("#lane-north-out [data-test=exit-photo] img");
        browser.find("#photo-dialog img");
        Number big = (Number) browser.js("return document.querySelector('#photo-dialog img').getBoundingClientRect()"
                + ".width");
        assertTrue(big.intValue() > 600, "enlarged to " + big);
        browser.click("#photo-dialog");
        browser.until("the enlarged photo closed",
                () -> browser.driver.findElements(By.id("photo-dialog")).isEmpty() ? true : null);
    }

    /**
     * Verifies awareness: a supervisor anywhere in the console gets a banner, a chime and the queue's count for a
     * newly held car; the attendant sees the case claimed and dealt with; the attendant's lane focus stays put
     * when another lane gets a car.
     */
    @Test
    @Order(8)
    void everyoneSeesWhatHappensToAHeldCar() throws Exception {
        signOut();
        signIn("li");
        browser.open("/console/#/register");
        browser.find("#r-table");
        Object chimesBefore = browser.js("return window.parkgateChimes ?? 0");
        Object pageTop = browser.js("return document.getElementById('view').getBoundingClientRect().top");
        exit.event(EventType.EXCEPTION, "粤B70001", 55, null, "PLATELESS", "无车牌，请人工确认", null, null);
        browser.waitForText("#banner", "新的待处理车辆");
        browser.waitForText("#banner", "粤B70001");
        // The banner comes over the page: had it pushed the page down, a click made at that moment would be lost.
        assertEquals(pageTop, browser.js("return document.getElementById('view').getBoundingClientRect().top"),
                "the page did not move under the supervisor's pointer");
        browser.waitForText("#nav a[data-view=supervisor]", "(1)");
        assertTrue(((Number) browser.js("return window.parkgateChimes ?? 0")).intValue()
                > ((Number) chimesBefore).intValue(), "a chime for the new case");
        String id = central.api.ok("GET", "/api/exceptions", central.managerToken, null).array().getJsonObject(0)
                .getString("id");

        signOut();
        signInAttendant("zhao");
        browser.click("#lane-north-in");
        browser.waitForText("#focus-label", "north-in");
        String li = central.api.login("li", "li-password");
        central.api.ok("POST", "/api/exceptions/" + id + "/claim", li, null);
        browser.waitForText("#toast", "李班长 已接手");
        central.api.ok("POST", "/api/exceptions/" + id + "/resolve", li, new io.vertx.core.json.JsonObject()
                .put("feeFen", 0).put("feeAction", "COLLECT").put("outcome", "司机已离开").put("release", false));
        browser.waitForText("#toast", "已由班长处理");

        exit.event(EventType.EXIT, "粤B70002", PlateColour.GREEN, Instant.now(), 97, null, "TEMPORARY", "临时车辆，请收费",
                800L, null, null);
        browser.until("the new car's lane flagged", () -> "yes".equals(browser.js(
                "return document.querySelector('#lane-north-out')?.dataset.flagged")) ? true : null);
        assertTrue(browser.text("#focus-label").contains("north-in"), "focus stays where it was put");

        // Calling the supervisor: the lane's reason is shown, the typed note starts empty.
        browser.click("#lane-north-out");
        browser.waitForText("#focus-label", "粤B70002");
        browser.driver.findElement(By.tagName("body")).sendKeys("5");
        browser.waitForText("#call-dialog", "临时车辆，请收费");
        assertEquals("", browser.find("#f-note").getAttribute("value"));
        browser.click("#call-dialog button[value=cancel]");
    }

    /**
     * Verifies that the attendant corrects a held car's misread plate from the lane screen (key 7): the dialog
     * shows what the camera read, refuses the same plate again, and the lane receives the signed correction.
     */
    @Test
    @Order(9)
    void theBoothCorrectsAMisreadPlate() throws Exception {
        signOut();
        signInAttendant("zhao");
        exit.event(EventType.EXCEPTION, "粤B8B88B", 62, null, "NO_ENTRY_RECORD", "无入场记录，请人工处理", null, null);
        browser.click("#lane-north-out");
        browser.waitForText("#focus-label", "粤B8B88B");
        browser.driver.findElement(By.tagName("body")).sendKeys("7");
        browser.waitForText("#plate-dialog", "相机识别为 粤B8B88B");
        assertEquals("粤B8B88B", browser.find("#f-plate").getAttribute("value"));
        browser.click("#dialog-ok");
        browser.waitForText("#plate-dialog .error", "无需更正");
        browser.type("#f-plate", "粤b88888");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "已更正为 粤B88888");
        assertOnTop("#toast");
        browser.until("the correction at the lane", () -> exit.commands.stream().anyMatch(c ->
                c.kind() == io.parkgate.wire.CommandKind.CORRECT_PLATE && "粤B88888".equals(c.plate())) ? true : null);
        String audit = central.api.ok("GET", "/api/audit?limit=20", central.managerToken, null).body();
        assertTrue(audit.contains("PLATE_CORRECTED") && audit.contains("粤B8B88B -> 粤B88888"), audit);
    }

    /** Verifies that long English labels wrap inside their buttons and no page scrolls sideways in English. */
    @Test
    @Order(10)
    void englishLabelsWrapAndNothingOverflowsSideways() throws Exception {
        exit.event(EventType.EXCEPTION, "粤B70003", 50, null, "PLATE_SMUDGED",
                "a very long reason without any break: " + "X".repeat(120), null, null);
        signInAttendant("zhao");
        for (int[] size : new int[][] {{1280, 720}, {800, 1280}}) {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", size[0],
                    "height", size[1], "deviceScaleFactor", 1, "mobile", size[0] < 1000));
            browser.open("/console/?lang=en#/lane");
            browser.waitForText(".actions", "Take cash");
            Object clipped = browser.js("return [...document.querySelectorAll('.actions button')]"
                    + ".filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.id)");
            assertEquals(java.util.List.of(), clipped, "labels cut off at " + size[0]);
            assertEquals(0L, ((Number) browser.js("return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth")).longValue(), "lane view sideways at " + size[0]
                    + ": " + browser.js("const w = document.documentElement.clientWidth; return [...document"
                    + ".querySelectorAll('#view *')].filter(e => e.getBoundingClientRect().right > w + 1)"
                    + ".slice(0, 8).map(e => e.tagName + '#' + e.id + '.' + e.className + ' '"
                    + " + Math.round(e.getBoundingClientRect().right)).join(', ')"));
        }
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        signOut();
        signIn("li");
        browser.open("/console/?lang=en#/supervisor");
        browser.waitForText("#queue", "粤B70003");
        assertEquals(0L, ((Number) browser.js("return document.documentElement.scrollWidth"
                + " - document.documentElement.clientWidth")).longValue(), "the queue pushes the page sideways");
        browser.open("/console/?lang=zh-CN#/supervisor");
        browser.waitForText("#queue", "粤B70003");
    }

    /**
     * Verifies that a lane reporting its PC's clock off from central's shows it on the lane screen, in Chinese and in
     * English, with what it means on hover, and stops showing it once the lane reports its clock right again; and
     * that a supervisor resolving a case at that lane is told its stay and fee may be wrong.
     */
    @Test
    @Order(11)
    void aLaneWhoseClockIsWrongShowsIt() throws Exception {
        signInAttendant("zhao");
        Instant now = Instant.now();
        exit.clock(new LaneStatus.ClockOffset(-10_805, true, now));
        browser.waitForText("#lane-north-out [data-test=clock]", "车道时钟慢 3 小时");
        assertTrue(browser.find("#lane-north-out [data-test=clock]").getAttribute("title").contains("费用可能算错"),
                "the hover says what it means");
        browser.open("/console/?lang=en#/lane");
        browser.waitForText("#lane-north-out [data-test=clock]", "Lane clock 3 h slow");
        exit.clock(new LaneStatus.ClockOffset(45, true, now));
        browser.waitForText("#lane-north-out [data-test=clock]", "Lane clock 45 s fast");
        exit.clock(new LaneStatus.ClockOffset(1, false, now));
        browser.until("the clock tag gone", () -> browser.driver.findElements(By.cssSelector(
                "#lane-north-out [data-test=clock]")).isEmpty() ? true : null);

        // The supervisor about to resolve a case there is told to check its times.
        exit.clock(new LaneStatus.ClockOffset(-10_805, true, now));
        exit.event(EventType.EXCEPTION, "粤B70009", 60, null, "PLATELESS", "无车牌，请人工确认", null, null);
        signOut();
        signIn("li");
        browser.open("/console/?lang=zh-CN#/supervisor");
        browser.waitForText("#queue", "粤B70009");
        JsonArray cases = central.api.ok("GET", "/api/exceptions", central.managerToken, null).array();
        String id = cases.stream().map(c -> (io.vertx.core.json.JsonObject) c)
                .filter(c -> "粤B70009".equals(c.getString("plate"))).findFirst().orElseThrow().getString("id");
        browser.click("#queue tr[data-id='" + id + "']");
        browser.click("#claim");
        String warning = browser.waitForText("#resolve-form [data-test=lane-clock]", "车道时钟慢 3 小时");
        assertTrue(warning.contains("停车时长和费用可能算错"), warning);
        exit.status(true, 1);
    }

    /**
     * Verifies the manager's report: occupancy over the day, revenue by shift and method, the exceptions with
     * their waiting times as charts; the register exports as local-time CSV and as an .xlsx workbook.
     */
    @Test
    @Order(9)
    void managerSeesTheDaysReportAndExportsForExcel() throws Exception {
        signOut();
        signIn(CentralFixture.MANAGER);
        browser.open("/console/#/register");
        browser.waitForText("#report", "经营报表");
        String exc = browser.waitForText("#rep-exc [data-test=rep-exceptions]", "无车牌");
        assertTrue(exc.matches("(?s).*无车牌或车牌无法识别，请报班长\\s+2\\s.*"), "two plateless cases today, by name: " + exc);
        assertEquals(3L, browser.js("return document.querySelectorAll('#rep-shift rect').length"));
        assertTrue(((Number) browser.js("return document.querySelectorAll('#rep-occupancy rect').length")).intValue()
                >= 1);
        assertTrue(((Number) browser.js("return document.querySelectorAll('#rep-waits rect').length")).intValue()
                >= 1);
        browser.js("document.getElementById('report').scrollIntoView()");
        browser.screenshot("manager-report");

        Api.Response xlsx = central.api.call("GET", "/api/register.xlsx?limit=100", central.managerToken, null);
        assertEquals(200, xlsx.status());
        assertTrue(xlsx.body().startsWith("PK"), "a zip (the .xlsx container)");
        String csv = central.api.call("GET", "/api/register.csv?limit=100", central.managerToken, null).body();
        assertTrue(csv.contains("粤B12345"), csv);
        assertFalse(csv.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T\\d{2}:.*Z,.*"), "no UTC instants: " + csv);
        // The buttons download through the page (authenticated fetch), without an error shown.
        browser.click("#r-xlsx");
        browser.click("#r-csv");
        assertTrue(browser.driver.findElements(By.cssSelector("#toast.bad:not([hidden])")).isEmpty(),
                "no download failed");
    }

    // ---- helpers ----

    /** A 320×180 PNG of one colour, as a data URL (a camera's frame as the console receives it). */
    /** A one-colour snapshot, served over HTTP; returns its URL. */
    private String dataUrl(Color c) throws Exception {
        BufferedImage img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 320, 180);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        String path = "/snapshots/" + Integer.toHexString(c.getRGB()) + ".png";
        photoBytes.put(path, png.toByteArray());
        return "http://127.0.0.1:" + photos.getAddress().getPort() + path;
    }

    private boolean prepaid() {
        return central.api.ok("GET", "/api/prepayments/" + URLEncoder.encode(PLATE, StandardCharsets.UTF_8),
                central.managerToken, null).json().getBoolean("prepaid");
    }

    /** The element is visible and nothing covers its middle (the sticky action bar used to). */
    private void assertOnTop(String css) {
        Object top = browser.js("const e = document.querySelector(arguments[0]); const r = e.getBoundingClientRect();"
                + " const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                + " return !!at && (at === e || e.contains(at));", css);
        assertEquals(true, top, css + " is covered");
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
        browser.signIn(user, user + "-password");
    }

    private void signOut() {
        browser.click("#logout");
        browser.find("#login-form");
    }
}
