package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.central.Await;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.EventType;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The console end to end: central in-process (embedded broker, port 0), the lane side over MQTT under the
 * lane's credentials, and a real headless Chromium. One attendant's shift runs through the class in order:
 * a paid exit, a held vehicle the supervisor releases with a drawn signature, and the shift's handover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    /** A key of the dictionaries shown instead of its text. */
    private static final Pattern RAW_KEY =
            Pattern.compile("\\b(app|nav|role|common|login|lane|note|exc|sup|pay|ho|reg|cards|dir|barrier)\\.[A-Za-z]");

    private Path dir;
    private CentralFixture central;
    private LaneSide exit;
    private Browser browser;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        central = new CentralFixture(dir.resolve("central"));
        central.user("wang", "ATTENDANT");
        central.user("zhao", "ATTENDANT");
        central.user("li", "SUPERVISOR");
        central.user("chen", "CARD_CLERK");
        exit = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.OUT,
                CentralFixture.PASSWORD_OUT);
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

    /** Verifies that an attendant signs in to a post, sees a temporary exit arrive live and records its cash. */
    @Test
    @Order(1)
    void attendantTakesCashForATemporaryExit() throws Exception {
        signIn("wang", true);
        browser.waitForText("#lanes", CentralFixture.OUT);
        exit.status(true, 1);
        browser.waitForText("#lane-north-out [data-test=loop]", "线圈上有车");
        exit.event(EventType.EXIT, "粤B12345", 93, null, "TEMPORARY", "临时车，停车 2 小时", 1500L, null);

        browser.waitForText("#lane-north-out [data-test=plate]", "粤B12345");
        browser.waitForText("#lane-north-out [data-test=fee]", "¥15.00");
        browser.waitForText("#lane-north-out [data-test=decision]", "请收费");
        browser.screenshot("lane-view");

        browser.driver.findElement(By.tagName("body")).sendKeys("1");
        browser.find("#cash-dialog");
        browser.click("#dialog-ok");
        String receipt = browser.waitForText("#lane-north-out [data-test=receipt]", "收据号");
        assertTrue(receipt.contains("¥15.00"), receipt);

        JsonObject paid = central.api.ok("GET", "/api/prepayments/" + URLEncoder.encode("粤B12345",
                StandardCharsets.UTF_8), central.managerToken, null).json();
        assertTrue(paid.getBoolean("prepaid"), paid.encode());
        assertTrue(receipt.contains(browser.find("#receipt-no").getText()));
        assertFalse(browser.find("#act-cash").isEnabled(), "a paid exit cannot be paid twice");
    }

    /** Verifies that a held vehicle reaches the supervisor live and their drawn-signature release reaches the lane. */
    @Test
    @Order(2)
    void supervisorReleasesAHeldVehicleWithASignature() throws Exception {
        signOut();
        signIn("li", false);
        exit.event(EventType.EXCEPTION, "粤B77777", 88, "0E00A35C21", "CARD_PLATE_MISMATCH", "卡与车牌不符", null,
                null);
        browser.waitForText("#queue", "粤B77777");
        browser.click("#queue tr[data-id]");
        browser.click("#claim");
        browser.find("#resolve-form");
        browser.type("#licenceNo", "440301199001011234");
        browser.type("#idCardNo", "440301199001011234");
        browser.type("#statement", "本人车辆，今日换车临时使用他人卡");
        browser.type("#fee", "20");
        browser.type("#outcome", "核实为业主本人，收取临时停车费后放行");
        browser.click("#resolve");
        browser.waitForText("#resolve-error", "签名");
        assertTrue(exit.commands.isEmpty(), "no release without the owner's signature");

        WebElement pad = browser.find("#signature");
        new Actions(browser.driver).moveToElement(pad, -150, 10).clickAndHold().moveByOffset(40, -30)
                .moveByOffset(40, 40).moveByOffset(40, -40).moveByOffset(60, 30).release().perform();
        browser.js("window.scrollTo(0, 0)");
        browser.screenshot("exception-view");
        browser.click("#resolve");

        Await.until(Duration.ofSeconds(10), "the release command at the lane", () -> !exit.commands.isEmpty());
        Command cmd = exit.commands.get(0);
        assertEquals(CommandKind.RELEASE, cmd.kind());
        assertEquals("粤B77777", cmd.plate());
        assertEquals("li", cmd.issuedBy());
        browser.waitForText("[data-test=resolved]", "核实为业主本人");
        browser.find("[data-test=resolved] img.signed");
        JsonObject x = central.api.ok("GET", "/api/exceptions/" + cmd.exceptionId(), central.managerToken, null).json();
        assertNotNull(x.getString("signatureRef"));
        assertTrue(x.getString("signatureRef").startsWith("data:image/png;base64,"));
    }

    /** Verifies that the shift is handed over with the cash difference shown, accepted, signed and printable. */
    @Test
    @Order(3)
    void shiftIsHandedOverWithTheCashDifferenceShown() throws Exception {
        signOut();
        signIn("wang", true);
        browser.open("/console/#/handover");
        browser.type("#toAttendant", "zhao");
        browser.type("#walkieTalkies", "2");
        browser.type("#keys", "3");
        browser.type("#cash", "30");
        browser.type("#dutyNotes", "北门出口一辆车卡与车牌不符，班长处理放行");
        browser.screenshot("handover-form");
        browser.click("#ho-submit");

        assertEquals("¥35.00", browser.waitForText("[data-test=cash-expected]", "¥"));
        String diff = browser.waitForText("#difference", "短款");
        assertTrue(diff.contains("-¥5.00"), diff);
        browser.waitForText("#handover-view", "粤B77777");

        browser.screenshot("handover-submitted");
        browser.type("#accept-password", "zhao-password");
        browser.click("#accept-submit");
        browser.type("#sign-user", "li");
        browser.type("#sign-password", "li-password");
        browser.click("#sign-submit");
        browser.waitForText("[data-test=supervisor]", "li");
        browser.waitForText("#who", "zhao");

        browser.printMedia(true);
        try {
            assertEquals("none", browser.js("return getComputedStyle(document.getElementById('bar')).display"));
            browser.screenshot("handover-print");
        } finally {
            browser.printMedia(false);
        }
    }

    /** Verifies that the zh-CN and en pages both render with every text from their dictionary. */
    @Test
    @Order(4)
    void chineseAndEnglishPagesRender() throws Exception {
        browser.open("/console/?lang=en#/lane");
        browser.waitForText(".actions", "Take cash");
        browser.waitForText("#nav", "Handover");
        assertNoRawKeys();
        browser.open("/console/?lang=en#/register");
        browser.waitForText("#view", "Vehicle entry/exit register");
        browser.waitForText("#r-table", "粤B12345");
        assertNoRawKeys();
        browser.screenshot("register-en");

        browser.open("/console/?lang=zh-CN#/lane");
        browser.waitForText(".actions", "收现金");
        assertNoRawKeys();
        signOut();
        browser.waitForText("#login-form", "登录");
        assertNoRawKeys();
    }

    /** Verifies that the card centre imports residents from CSV, lists the rejected rows and returns a card. */
    @Test
    @Order(5)
    void cardClerkImportsResidentsAndReturnsACard() throws Exception {
        signIn("chen", false);
        Path csv = dir.resolve("住户.csv");
        Files.writeString(csv, "姓名,房号,电话,车牌,卡号\n"
                + "张伟,3-1201,13800000001,粤B10001,0E00A35C21\n"
                + "李娜,3-1202,13800000002,粤B10002,\n"
                + "王强,3-1203,,ABC123,\n"
                + "赵敏,,13800000004,粤B10004,\n"
                + "刘洋,3-1205,,粤B10001,\n", StandardCharsets.UTF_8);
        browser.driver.findElement(By.id("c-import")).sendKeys(csv.toAbsolutePath().toString());
        browser.waitForText("[data-test=import-report]", "导入 2 行，拒绝 3 行");
        String rejected = browser.waitForText("#c-rejected", "ABC123");
        assertTrue(rejected.contains("车牌格式不对") && rejected.contains("缺少房号") && rejected.contains("车牌重复"),
                rejected);
        browser.type("#c-search", "1202");
        String owners = browser.waitForText("#c-table", "李娜");
        assertFalse(owners.contains("张伟"), owners);

        browser.find("#c-search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.click("button[data-tab=cards]");
        browser.click("button[data-card='0E00A35C21'][data-status=RETURNED]");
        browser.waitForText("#c-table", "RETURNED");
        JsonObject reg = central.api.ok("GET", "/api/registry", central.managerToken, null).json();
        assertEquals("RETURNED", reg.getJsonArray("cards").getJsonObject(0).getString("status"));
        assertEquals(2, reg.getJsonArray("vehicles").size());
    }

    /** Verifies that the pages reflow on a portrait tablet without sideways scrolling. */
    @Test
    @Order(6)
    void pagesFitATablet() throws Exception {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", 800, "height", 1280, "deviceScaleFactor", 1, "mobile", true));
        try {
            fitsSideways("cards", "register");
            signOut();
            signIn("li", false);
            fitsSideways("supervisor", "lane", "register");
            String resolved = central.api.ok("GET", "/api/exceptions?status=RESOLVED", central.managerToken, null)
                    .array().getJsonObject(0).getString("id");
            browser.open("/console/#/supervisor/" + resolved);
            browser.waitForText("#detail", "粤B77777");
            fitsSideways();
            browser.screenshot("tablet-exceptions");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    java.util.Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** Verifies that the manager approves a management exemption, which central records as theirs. */
    @Test
    @Order(7)
    void managerApprovesAnExemption() {
        signOut();
        signIn(CentralFixture.MANAGER, false);
        browser.click("#exempt");
        browser.find("#exempt-dialog");
        browser.type("#f-plate", "粤B88888");
        browser.type("#f-days", "0");
        browser.type("#f-reason", "物业公司车辆");
        browser.click("#dialog-ok");
        browser.waitForText("#exempt-dialog .error", "0");
        browser.type("#f-days", "30");
        browser.click("#dialog-ok");
        browser.waitForText("#toast", "粤B88888");
        JsonObject e = central.api.ok("GET", "/api/registry", central.managerToken, null).json()
                .getJsonArray("exemptions").getJsonObject(0);
        assertEquals("粤B88888", e.getString("plate"));
        assertEquals(CentralFixture.MANAGER, e.getString("approvedBy"));
        assertEquals("物业公司车辆", e.getString("reason"));
    }

    /** Opens each view (none: stays on the current page) and asserts nothing sticks out sideways. */
    private void fitsSideways(String... views) {
        if (views.length == 0) {
            assertNoSidewaysScroll("the current page");
        }
        for (String view : views) {
            browser.open("/console/#/" + view);
            browser.find("#view[data-view=" + view + "] .panel");
            assertNoSidewaysScroll(view);
        }
    }

    private void assertNoSidewaysScroll(String what) {
        Number overflow = (Number) browser.js(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0, overflow.intValue(), what + " scrolls sideways on a tablet");
    }

    private void signIn(String user, boolean attendant) {
        browser.open("/console/");
        browser.type("#username", user);
        browser.type("#password", user + "-password");
        browser.click("#login-submit");
        if (attendant) {
            browser.find("#post");
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
}
