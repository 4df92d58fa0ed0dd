package io.leadbridge.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests, with a fresh profile of its own. Uses Debian's {@code chromium} and {@code
 * chromium-driver} where they are installed, so Selenium Manager never downloads anything; elsewhere (a developer's
 * laptop) Selenium Manager finds a browser and a matching driver. A browser that cannot start fails the test; it never
 * skips it.
 */
public final class Browser implements AutoCloseable {

    private static final File DEBIAN_CHROMIUM = new File("/usr/bin/chromium");
    private static final File DEBIAN_CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String DEMO_DOMAIN = "acme.example";

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless Chromium; {@link #close()} quits it and removes its profile. */
    public static Browser start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("leadbridge-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary Chromium profile", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        // English unless the person chooses otherwise, whatever the machine's language; no password manager prompts.
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "intl.accept_languages", "en-US,en",
                        "credentials_enable_service", false,
                        "profile.password_manager_enabled", false));
        boolean debian = DEBIAN_CHROMIUM.canExecute() && DEBIAN_CHROMEDRIVER.canExecute();
        try {
            if (debian) {
                options.setBinary(DEBIAN_CHROMIUM);
                ChromeDriverService service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(DEBIAN_CHROMEDRIVER)
                        .usingAnyFreePort()
                        .build();
                return new Browser(new ChromeDriver(service, options), profile);
            }
            return new Browser(new ChromeDriver(options), profile);
        } catch (RuntimeException e) {
            delete(profile);
            return fail("""

                    The browser tests need Chromium and its driver, and the browser could not be started%s.
                    On Debian or Ubuntu install both with:
                      sudo apt-get install chromium chromium-driver
                    Elsewhere Selenium Manager looks for Chrome and a matching chromedriver. The cause is below.
                    """.formatted(debian ? " (" + DEBIAN_CHROMIUM + " with " + DEBIAN_CHROMEDRIVER + ")" : ""), e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** A person at this browser, using the application at {@code http://localhost:<port>}. */
    public Person at(int port) {
        return new Person(driver, "http://localhost:" + port);
    }

    /** What a person does in the browser: open pages, type, click (scrolled into view first), sign in and out. */
    public static final class Person {
        private final WebDriver driver;
        private final String base;
        private final WebDriverWait wait;

        private Person(WebDriver driver, String base) {
            this.driver = driver;
            this.base = base;
            this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            // htmx swaps elements out while a condition looks at them: an element gone stale is looked up anew.
            this.wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        }

        public WebDriverWait waiting() {
            return wait;
        }

        public WebDriver driver() {
            return driver;
        }

        /** Saves what this person's browser shows now as {@code target/screenshots/<name>.png} and returns where. */
        public Path screenshot(String name) {
            return Browser.screenshot(driver, name);
        }

        public void open(String path) {
            driver.get(base + path);
        }

        public void type(String id, String text) {
            WebElement input = driver.findElement(By.id(id));
            input.clear();
            input.sendKeys(text);
        }

        public void click(By by) {
            WebElement element = driver.findElement(by);
            ((JavascriptExecutor) driver)
                    .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
            wait.until(ExpectedConditions.elementToBeClickable(element));
            element.click();
        }

        /**
         * Signs in. Never to the shared demo workspace ({@code @acme.example}): a browser test changes what it sees, so
         * it signs in to a workspace of its own ({@link Workspaces}).
         */
        public void signIn(String email, String password) {
            if (email.toLowerCase(Locale.ROOT).endsWith("@" + DEMO_DOMAIN)) {
                throw new IllegalArgumentException("A browser test signs in to a workspace of its own (Workspaces),"
                        + " not to the shared demo workspace: " + email);
            }
            open("/login");
            type("username", email);
            type("password", password);
            click(By.cssSelector("#login-form button[type='submit']"));
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
        }

        /** Signs one of the people of a workspace of the test's own ({@link Workspaces}) in, with their password. */
        public void signIn(Workspaces.Member member) {
            signIn(member.email(), Workspaces.PASSWORD);
        }

        public void signOut() {
            click(By.id("sign-out"));
            wait.until(d -> d.getCurrentUrl().contains("/login"));
        }
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png} and returns where. */
    public Path screenshot(String name) {
        return screenshot(driver, name);
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png} and returns where. */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a left-over temporary profile is harmless
        }
    }
}
