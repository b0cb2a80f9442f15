package io.parkgate.central.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium through chromedriver, at a booth screen's 1280×720, with a fresh profile. Nothing
 * is downloaded: the binaries are given by path. Screenshots go to {@code -Dparkgate.screenshots=DIR} when set.
 * Shared with the simulator's end-to-end console tests (central's test-jar). Waits are deadlines on page
 * conditions, generous for a loaded two-core machine ({@code -Dparkgate.browserWait=SECONDS}, default 30).
 * <p>The browser's clock is deliberately far from the car park's: its time zone is {@link #ZONE} (not the site's)
 * and, where Debian's {@code faketime} is installed, its date is {@link #DATE_SHIFT} away
 * ({@code -Dparkgate.browserDateShift=-1000d}, {@code none} to keep the machine's date). The console must take
 * every "now", "today" and shift from central, so nothing a test sees may change with either.
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("parkgate.browserWait", 30));
    /** Sixteen hours behind the booths in China: "today" differs for most of the day. */
    public static final String ZONE = System.getProperty("parkgate.browserZone", "America/Los_Angeles");
    /** A faketime offset for the browser's date: about three years back. */
    public static final String DATE_SHIFT = System.getProperty("parkgate.browserDateShift", "-1000d");
    private static final Path FAKETIME = Path.of("/usr/bin/faketime");

    public final ChromeDriver driver;
    private final String base;

    public Browser(Path profile, String base) {
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions o = new ChromeOptions();
        o.setBinary(chromium(profile));
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,720", "--lang=zh-CN",
                "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        o.setCapability("goog:loggingPrefs", logs);
        this.driver = new ChromeDriver(service, o);
        this.driver.manage().window().setSize(new Dimension(1280, 720));
        // Headless Chromium keeps room for window decorations: pin the page itself to the booth screen.
        this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        // A browser zone other than the site's: the page must show the site's times all the same.
        this.driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ZONE));
        this.base = base;
    }

    /** True when the browser runs on a shifted date (faketime is installed and a shift is asked for). */
    public static boolean dateShifted() {
        return Files.isExecutable(FAKETIME) && !DATE_SHIFT.isBlank() && !"none".equals(DATE_SHIFT);
    }

    /** Chromium itself, or a wrapper next to the profile that starts it under faketime in {@link #ZONE}. */
    private static String chromium(Path profile) {
        if (!dateShifted()) {
            return "/usr/bin/chromium";
        }
        try {
            Path wrapper = profile.toAbsolutePath().resolveSibling(profile.getFileName() + "-far-clock.sh");
            Files.createDirectories(wrapper.getParent());
            Files.writeString(wrapper, "#!/bin/sh\nTZ='" + ZONE + "' exec " + FAKETIME + " -f '" + DATE_SHIFT
                    + "' /usr/bin/chromium \"$@\"\n");
            if (!wrapper.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + wrapper + " executable");
            }
            return wrapper.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement find(String css) {
        return until("element " + css, () -> {
            try {
                List<WebElement> found = driver.findElements(By.cssSelector(css));
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            } catch (WebDriverException stale) {
                return null; // the view repainted between finding and asking: look again
            }
        });
    }

    /** Waits until the element's text contains the expected text, and returns the text. */
    /** Signs {@code user} in with {@code password} and waits for the console's first view after the login. */
    public void signIn(String user, String password) {
        open("/console/");
        type("#username", user);
        type("#password", password);
        click("#login-submit");
        find("#logout");
        find("#view:not([data-view=login]) .panel");
    }

    /**
     * Signs in on the login form already shown as a booth attendant: the console then asks for the post (booth),
     * confirmed with the same button, and opens the booth's actions.
     */
    public void signInAtPost(String user, String password) {
        type("#username", user);
        type("#password", password);
        click("#login-submit");
        find("#post");
        click("#login-submit");
        find(".actions");
    }

    /** The element's text, found again when the view repainted between finding and reading it. */
    public String text(String css) {
        return until("the text of " + css, () -> {
            try {
                return driver.findElement(By.cssSelector(css)).getText();
            } catch (WebDriverException stale) {
                return null; // repainted, or not there yet: look again
            }
        });
    }

    public String waitForText(String css, String expected) {
        return until("'" + expected + "' in " + css, () -> {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            for (WebElement e : found) {
                try {
                    if (e.getText().contains(expected)) {
                        return e.getText();
                    }
                } catch (WebDriverException stale) {
                    // The view repainted between finding and reading: look again.
                }
            }
            return null;
        });
    }

    public void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    public void click(String css) {
        until("clickable " + css, () -> {
            try {
                WebElement e = find(css);
                if (!e.isEnabled()) {
                    return null;
                }
                e.click();
                return true;
            } catch (WebDriverException stale) {
                return null;
            }
        });
    }

    /** What the page logged (script errors included), for failure messages. */
    public String browserLog() {
        StringBuilder b = new StringBuilder();
        driver.manage().logs().get(LogType.BROWSER).forEach(e -> b.append(e.getLevel()).append(' ')
                .append(e.getMessage()).append('\n'));
        return b.toString();
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Polls the page (it changes by itself through the live stream) until the value is there, or fails. */
    public <T> T until(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what + "; page text:\n"
                        + driver.findElement(By.tagName("body")).getText() + "\nlast message: " + js(
                        "return document.getElementById('toast')?.textContent ?? ''") + "\nbrowser log:\n"
                        + browserLog());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    /** Prints the page as the printer would see it (print stylesheet) while the screenshot is taken. */
    public void printMedia(boolean on) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", on ? "print" : ""));
    }

    /**
     * Like {@link #screenshot}, of the whole page at {@code width} (a printed form is taller than the screen);
     * the booth screen's 1280×720 is restored afterwards.
     */
    public byte[] fullPageScreenshot(String name, int width) throws Exception {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        try {
            int height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).intValue();
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", Math.min(height, 4000), "deviceScaleFactor", 1, "mobile", false));
            js("window.scrollTo(0, 0)");
            return screenshot(name);
        } finally {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 720, "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /** Saves a screenshot when {@code -Dparkgate.screenshots} names a directory; returns the PNG bytes. */
    public byte[] screenshot(String name) throws Exception {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        String dir = System.getProperty("parkgate.screenshots");
        if (dir != null && !dir.isBlank()) {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Files.write(d.resolve(name + ".png"), png);
        }
        return png;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
