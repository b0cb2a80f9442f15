package io.parkgate.central.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.parkgate.central.it.CentralFixture;
import io.parkgate.wire.EventType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
import org.openqa.selenium.Keys;

/**
 * The console's card centre and management pages on central alone (port 0, embedded broker) in a real headless
 * Chromium: what needs no lane. The lanes, the supervisor's release and the handover are tested end to end
 * against the real car park in the simulator module ({@code ConsoleCarParkIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(VertxExtension.class)
class ConsoleIT {

    /** A key of the dictionaries shown instead of its text. */
    private static final Pattern RAW_KEY =
            Pattern.compile(
                    "\\b(app|nav|role|common|login|lane|note|exc|sup|pay|ho|reg|cards|dir|barrier|code)\\.[A-Za-z]");

    private Path dir;
    private CentralFixture central;
    private Browser browser;

    @BeforeAll
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        this.dir = dir;
        central = new CentralFixture(vertx, dir.resolve("central"));
        central.user("chen", "CARD_CLERK");
        browser = new Browser(dir.resolve("chromium"), "http://127.0.0.1:" + central.central.httpPort());
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (central != null) {
            central.close();
        }
    }

    /**
     * Verifies that the card centre imports residents from CSV, lists the rejected rows (also those central would
     * refuse, which would otherwise fail the whole import), returns a card, and renders in zh-CN and en with every
     * text from the dictionaries.
     */
    @Test
    @Order(1)
    void cardClerkImportsResidentsAndReturnsACard() throws Exception {
        signIn("chen", false);
        Path csv = dir.resolve("住户.csv");
        Files.writeString(csv, "姓名,房号,电话,车牌,卡号\n"
                + "张伟,3-1201,13800000001,粤B10001,0E00A35C21\n"
                + "李娜,3-1202,13800000002,粤B10002,\n"
                + "王强,3-1203,,ABC123,\n"
                + "赵敏,,13800000004,粤B10004,\n"
                + "刘洋,3-1205,,粤B10001,\n"
                + "周杰,3栋 1206,138 0000 0006,粤B10006,\n"
                + "吴磊,3-1207,13800000007/13900000007,粤B10007,\n"
                + "欧阳" + "长".repeat(39) + ",3-1208,,粤B10008,\n"
                // What only central's rules catch: the letter I in a plate, and a name with a direction control.
                + "孙丽,3-1209,,粤BI2345,\n"
                + "王\u202Eabc,3-1210,,粤B10010,\n"
                // Written as people write plates: lower case, a space, a dot. Imported as 粤B10011.
                + "钱进,3-1211,,粤b 1·0011,\n", StandardCharsets.UTF_8);
        browser.driver.findElement(By.id("c-import")).sendKeys(csv.toAbsolutePath().toString());
        browser.waitForText("[data-test=import-report]", "导入 4 行，拒绝 7 行");
        String rejected = browser.waitForText("#c-rejected", "ABC123");
        assertTrue(rejected.contains("车牌格式不对") && rejected.contains("缺少房号") && rejected.contains("车牌重复")
                && rejected.contains("电话格式不对") && rejected.contains("姓名超过 40 个字符"), rejected);
        assertTrue(rejected.contains("中心拒收") && rejected.contains("号牌不使用I和O")
                && rejected.contains("owners["), rejected);
        browser.type("#c-search", "1202");
        String owners = browser.waitForText("#c-table", "李娜");
        assertFalse(owners.contains("张伟"), owners);

        browser.find("#c-search").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.click("button[data-tab=cards]");
        browser.click("button[data-card='0E00A35C21'][data-status=RETURNED]");
        browser.waitForText("#c-table", "退卡");
        JsonObject reg = central.api.ok("GET", "/api/registry", central.managerToken, null).json();
        assertEquals("RETURNED", reg.getJsonArray("cards").getJsonObject(0).getString("status"));
        assertEquals(4, reg.getJsonArray("vehicles").size());
        assertTrue(reg.getJsonArray("vehicles").encode().contains("\"粤B10011\""), reg.encode());
        assertNoRawKeys();
        browser.open("/console/?lang=en#/cards");
        browser.waitForText("#view", "Card centre");
        browser.waitForText("#c-table", "李娜");
        assertNoRawKeys();
        browser.open("/console/?lang=zh-CN#/cards");
        browser.waitForText("#view", "卡中心");
    }

    /** Verifies that the manager approves a management exemption, which central records as theirs. */
    @Test
    @Order(2)
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

    /**
     * Verifies that a held vehicle's snapshot is shown as an image when the agent serves it over http (imaging
     * cameras), that an unknown decision code shows as it came, and that a plain reference stays text.
     */
    @Test
    @Order(3)
    void snapshotsServedByTheAgentShowAsImages() throws Exception {
        BufferedImage frame = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(frame, "png", png);
        HttpServer agent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        agent.createContext("/frames/7.png", x -> {
            x.getResponseHeaders().add("Content-Type", "image/png");
            x.sendResponseHeaders(200, png.size());
            x.getResponseBody().write(png.toByteArray());
            x.close();
        });
        agent.start();
        try (LaneSide lane = new LaneSide(central.central.brokerUrl(), CentralFixture.SITE, CentralFixture.OUT,
                CentralFixture.PASSWORD_OUT)) {
            String url = "http://127.0.0.1:" + agent.getAddress().getPort() + "/frames/7.png";
            lane.event(EventType.EXCEPTION, "粤B24680", 71, null, "PLATE_SMUDGED", "车牌污损，请人工确认", null, null, url);
            lane.event(EventType.EXCEPTION, "粤B13579", 64, null, "PLATELESS", "无车牌", null, null, "cam-3/frame-9");
            browser.open("/console/#/supervisor");
            browser.waitForText("#queue", "粤B24680");
            clickQueueRow("粤B24680");
            browser.waitForText("#detail .plate", "粤B24680");
            browser.waitForText("#detail [data-test=code]", "PLATE_SMUDGED");
            browser.until("the agent's frame loaded in the evidence", () -> {
                Object w = browser.js("const i = document.querySelector('#detail .snapshot img');"
                        + " return i && i.complete ? i.naturalWidth : null");
                return w instanceof Number n && n.intValue() == 64 ? n : null;
            });
            assertEquals(url, browser.find("#detail .snapshot img").getAttribute("src"));
            clickQueueRow("粤B13579");
            browser.waitForText("#detail .plate", "粤B13579");
            browser.waitForText("#detail .snapshot", "cam-3/frame-9");
            assertEquals(0, browser.driver.findElements(By.cssSelector("#detail .snapshot img")).size());
            browser.waitForText("#detail [data-test=code]", "无车牌");
        } finally {
            agent.stop(0);
        }
    }

    private void clickQueueRow(String plate) {
        browser.until("the queue row of " + plate, () -> {
            for (var row : browser.driver.findElements(By.cssSelector("#queue tr[data-id]"))) {
                try {
                    if (row.getText().contains(plate)) {
                        row.click();
                        return true;
                    }
                } catch (org.openqa.selenium.WebDriverException stale) {
                    return null; // repainted by the live stream: look again
                }
            }
            return null;
        });
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
