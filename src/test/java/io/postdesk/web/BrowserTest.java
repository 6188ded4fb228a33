package io.postdesk.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.IntegrationTest;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base of the browser tests: Debian's Chromium driven by Selenium against the running app. Skips, saying why, where
 * Chromium or its driver is not installed (`.ci/run` installs them).
 */
abstract class BrowserTest extends IntegrationTest {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    protected WebDriver browser;
    protected WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        // What a browser test checks is the page, which does not depend on the database; every repository and API
        // path it uses runs on both databases in the other ITs. So the browser runs once, in the H2 pass.
        assumeTrue(
                !TestDatabaseIsPostgres(),
                "browser tests run in the H2 pass only (the page does not depend on the database)");
        assumeTrue(
                CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Chromium is not installed: apt-get install chromium chromium-driver to run the browser tests");
        profile = Files.createTempDirectory("postdesk-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--window-size=1366,900",
                "--user-data-dir=" + profile);
        // The console is read after each test: a CSP refusal or a missing favicon is a defect the page hides.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // A page may be replaced (navigation, htmx swap) between finding an element and reading it: look again.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        java.util.List<String> refused = java.util.List.of();
        if (browser != null) {
            try {
                refused = browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                        .map(org.openqa.selenium.logging.LogEntry::getMessage)
                        .filter(BrowserTest::isPageDefect)
                        .toList();
            } finally {
                browser.quit();
            }
        }
        if (profile != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(profile);
        }
        org.assertj.core.api.Assertions.assertThat(refused)
                .as("console errors the page caused")
                .isEmpty();
    }

    /** Console lines no page may cause: the CSP refusing a script or an eval, or the favicon missing. */
    static boolean isPageDefect(String consoleLine) {
        return consoleLine.contains("Content Security Policy")
                || consoleLine.contains("EvalError")
                || consoleLine.contains("favicon");
    }

    /**
     * axe-core, the accessibility checker, as npm ships it; {@code .ci/run} installs it there. Without it the check is
     * skipped (a fresh clone without npm still passes), saying so once.
     */
    static final Path AXE = Path.of(System.getProperty(
            "postdesk.axe", System.getProperty("user.home") + "/.cache/postdesk-axe/node_modules/axe-core/axe.min.js"));

    private static @org.jspecify.annotations.Nullable String axeSource;
    private static boolean axeMissingSaid;

    /** Opens a page and runs axe-core on it: a serious or critical violation fails the test. */
    protected void open(String path) {
        browser.get("http://localhost:" + port + path);
        assertAccessible();
    }

    /** Runs axe-core on the page as it is now (also after htmx changed it). */
    protected void assertAccessible() {
        if (!Files.isReadable(AXE)) {
            if (!axeMissingSaid) {
                axeMissingSaid = true;
                System.err.println("axe-core not found at " + AXE + ": accessibility checks skipped");
            }
            return;
        }
        try {
            if (axeSource == null) {
                axeSource = Files.readString(AXE);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript(axeSource);
        Object found = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })"
                + "    .map(function (v) { return v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + "      + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(', '); }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) found)
                .as("accessibility violations (axe-core) on " + browser.getCurrentUrl())
                .isEmpty();
    }

    protected void signInAsAdmin() {
        open("/login");
        browser.findElement(By.id("email")).sendKeys(ADMIN_EMAIL);
        browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/"));
        assertAccessible();
    }

    protected WebElement waitFor(By by) {
        return wait.until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    protected void waitUntil(ExpectedCondition<Boolean> condition) {
        wait.until(condition);
    }

    /** Nothing on the page reaches past the window's width (a phone must not scroll sideways). */
    protected void assertNoHorizontalOverflow() {
        Object wide = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                        const width = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > width + 1)
                            // inside a box that scrolls sideways (a wide data table on a phone) is fine
                            .filter(e => { for (let p = e.parentElement; p; p = p.parentElement) {
                                if (getComputedStyle(p).overflowX === 'auto') return false; } return true; })
                            .slice(0, 5)
                            .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.getBoundingClientRect().right)
                            .join(', ');""");
        assertThat(wide).as("elements wider than the window").isEqualTo("");
    }

    /** The element, scrolled into view, lies within the window's width. */
    protected void assertWithinWindow(org.openqa.selenium.WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        Object box = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "const r = arguments[0].getBoundingClientRect();"
                                + " return r.left >= 0 && r.right <= document.documentElement.clientWidth + 1;",
                        element);
        assertThat((Boolean) box).as(element + " inside the window's width").isTrue();
    }

    /** The widths the docs show: a laptop and a phone (CSS pixels of the viewport, not of the window). */
    static final Dimension DESKTOP = new Dimension(1440, 900);

    static final Dimension PHONE = new Dimension(390, 844);

    /**
     * Saves screenshots for the docs when running from the project directory: {@code docs/screenshots/NAME.png} at
     * {@link #DESKTOP} and {@code NAME-phone.png} at {@link #PHONE} (a NAME ending in {@code -phone} is taken at the
     * phone size only). The window gets its size back afterwards, so the test goes on as it was.
     */
    protected void screenshot(String name) throws IOException {
        Path docs = Path.of("docs", "screenshots");
        if (!Files.isDirectory(docs.getParent()) || TestDatabaseIsPostgres()) {
            return;
        }
        Dimension before = browser.manage().window().getSize();
        try {
            if (name.endsWith("-phone")) {
                shoot(docs.resolve(name + ".png"), PHONE);
            } else {
                shoot(docs.resolve(name + ".png"), DESKTOP);
                shoot(docs.resolve(name + "-phone.png"), PHONE);
            }
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    private void shoot(Path file, Dimension viewport) throws IOException {
        setViewport(viewport);
        // Let the page lay itself out again at the new width before the picture is taken.
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + " requestAnimationFrame(() => requestAnimationFrame(() => done(null)));");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sizes the window so that the viewport (what the page sees as its width) is exactly {@code viewport}. */
    protected void setViewport(Dimension viewport) {
        browser.manage().window().setSize(viewport);
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        long width = ((Number) js.executeScript("return window.innerWidth;")).longValue();
        long height = ((Number) js.executeScript("return window.innerHeight;")).longValue();
        if (width != viewport.getWidth() || height != viewport.getHeight()) {
            browser.manage()
                    .window()
                    .setSize(new Dimension(
                            viewport.getWidth() + (viewport.getWidth() - (int) width),
                            viewport.getHeight() + (viewport.getHeight() - (int) height)));
        }
    }

    private static boolean TestDatabaseIsPostgres() {
        return io.postdesk.TestDatabase.isPostgres();
    }
}
