package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a person sees in a real browser: creating a workspace, signing in and out in each role, choosing the language,
 * and a wrong password. Each test signs in to a workspace of its own, with the demo's people in it, on real
 * PostgreSQL.
 */
@BrowserTest
class UserJourneyBrowserTests {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static Properties english;
    private static Properties german;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Autowired
    Workspaces workspaces;

    private Workspaces.Workspace workspace;

    private Browser.Person person;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void readMessages() throws IOException {
        english = messages("messages.properties");
        german = messages("messages_de.properties");
    }

    @BeforeEach
    void openWorkspaceAndBrowser() {
        workspace = workspaces.create();
        person = browsers.person();
        driver = person.driver();
        wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @Test
    void signsUpANewWorkspaceAndLandsOnItsPeoplePage() {
        String run = UUID.randomUUID().toString();
        String workspace = "Browser Works " + run.substring(0, 8);
        String name = "Berta Browser";
        String email = "berta-" + run + "@example.com";

        open("/signup");
        wait.until(visibilityOfElementLocated(By.id("signup-form")));
        type("workspaceName", workspace);
        type("name", name);
        type("email", email);
        type("password", "too-short");
        submit("signup-form");

        WebElement passwordError = wait.until(visibilityOfElementLocated(By.id("password-error")));
        assertThat(passwordError.getText())
                .isEqualTo(english.getProperty("validation.password.length")
                        .replace("{min}", "12")
                        .replace("{max}", "128"));
        assertThat(driver.findElements(By.cssSelector("#password.is-invalid + #password-error")))
                .as("the error sits right after the password field, which is marked invalid")
                .hasSize(1);
        assertThat(driver.findElement(By.id("password")).getDomAttribute("aria-describedby"))
                .isEqualTo("password-error");
        assertThat(path()).isEqualTo("/signup");
        assertThat(driver.findElement(By.id("workspaceName")).getDomProperty("value"))
                .as("what was entered stays in the form")
                .isEqualTo(workspace);
        assertThat(driver.findElements(By.id("signed-in-as"))).isEmpty();
        person.screenshot("signup-password-too-short");

        type("password", "a long and proper password " + run.substring(0, 4));
        submit("signup-form");

        awaitPath("/admin/users");
        wait.until(textToBe(By.cssSelector("main h1"), english.getProperty("people.title")));
        WebElement me =
                wait.until(visibilityOfElementLocated(By.cssSelector("#people tbody tr[data-email='" + email + "']")));
        assertThat(me.findElement(By.cssSelector("td")).getText()).isEqualTo(name);
        assertThat(me.getText()).contains(email, english.getProperty("role.ADMIN"));
        assertThat(driver.findElements(By.cssSelector("#people tbody tr")))
                .as("a new workspace has only its founder")
                .hasSize(1);
        assertThat(signedInAs()).contains(name, workspace);
        person.screenshot("signup-people-page");

        signOut();
        open("/admin/users");
        awaitPath("/login");
        assertThat(driver.findElements(By.id("signed-in-as"))).isEmpty();
    }

    @Test
    void eachDemoPersonSignsInToTheirOwnHome() {
        record Home(String email, String name, String path, String page, String titleKey) {}
        List<Home> homes = List.of(
                new Home(workspace.admin().email(), "Alex Admin", "/admin/users", "people", "people.title"),
                new Home(
                        workspace.mia().email(),
                        "Mia Marketing",
                        "/marketing",
                        "dashboard-marketing",
                        "dashboard.marketing.title"),
                // A rep lands on the queue, where the day's work waits (issue 16).
                new Home(workspace.sam().email(), "Sam Sales", "/sales/queue", "queue-summary", "queue.title"),
                new Home(
                        workspace.lia().email(),
                        "Lia Liaison",
                        "/liaison",
                        "dashboard-liaison",
                        "dashboard.liaison.title"));

        for (Home home : homes) {
            signIn(home.email(), workspace.password());

            awaitPath(home.path());
            wait.until(visibilityOfElementLocated(By.id(home.page())));
            assertThat(heading()).as(home.email()).isEqualTo(english.getProperty(home.titleKey()));
            assertThat(signedInAs()).as(home.email()).contains(home.name(), workspace.name());
            if (home.path().equals("/admin/users")) {
                assertThat(driver.findElements(By.cssSelector("#people tbody tr[data-email='"
                                + workspace.mia().email() + "']")))
                        .as("the admin sees the workspace's people")
                        .hasSize(1);
            }
            person.screenshot("home-" + home.page());

            signOut();
        }
    }

    @Test
    void theChosenLanguageIsRemembered() {
        signIn(workspace.mia().email(), workspace.password());
        awaitPath("/marketing");
        assertThat(heading()).isEqualTo(english.getProperty("dashboard.marketing.title"));
        assertThat(signOutButton()).isEqualTo(english.getProperty("nav.signOut"));

        driver.findElement(By.id("lang-de")).click();
        wait.until(textToBe(By.cssSelector("main h1"), german.getProperty("dashboard.marketing.title")));
        assertThat(signOutButton()).isEqualTo(german.getProperty("nav.signOut"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("de");
        assertThat(driver.findElement(By.id("lang-de")).getDomAttribute("aria-current"))
                .isEqualTo("true");
        person.screenshot("language-german");

        // Signing out and in again as someone else in the same browser keeps the language.
        driver.findElement(By.id("sign-out")).click();
        awaitPath("/login");
        wait.until(textToBePresentInElementLocated(By.id("main"), german.getProperty("login.loggedOut")));
        assertThat(heading()).isEqualTo(german.getProperty("login.title"));
        signIn(workspace.admin().email(), workspace.password());
        awaitPath("/admin/users");
        wait.until(textToBe(By.cssSelector("main h1"), german.getProperty("people.title")));
        assertThat(signOutButton()).isEqualTo(german.getProperty("nav.signOut"));

        driver.findElement(By.id("add-person")).click();
        awaitPath("/admin/users/new");
        assertThat(URI.create(driver.getCurrentUrl()).getQuery())
                .as("the link carries no language")
                .isNull();
        wait.until(textToBe(By.cssSelector("main h1"), german.getProperty("people.add")));
        assertThat(signOutButton()).isEqualTo(german.getProperty("nav.signOut"));
        assertThat(driver.findElement(By.cssSelector("label[for='name']")).getText())
                .isEqualTo(german.getProperty("people.name"));
        person.screenshot("language-german-add-person");

        driver.findElement(By.id("lang-en")).click();
        wait.until(textToBe(By.cssSelector("main h1"), english.getProperty("people.add")));
        assertThat(signOutButton()).isEqualTo(english.getProperty("nav.signOut"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang"))
                .isEqualTo("en");

        driver.findElement(By.cssSelector("a.navbar-brand")).click();
        awaitPath("/admin/users");
        wait.until(textToBe(By.cssSelector("main h1"), english.getProperty("people.title")));
        assertThat(signOutButton()).isEqualTo(english.getProperty("nav.signOut"));
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        signIn(workspace.mia().email(), "not-" + workspace.password());

        WebElement error = wait.until(visibilityOfElementLocated(By.id("login-error")));
        assertThat(error.getText()).isEqualTo(english.getProperty("login.failed"));
        assertThat(path()).isEqualTo("/login");
        assertThat(driver.findElements(By.id("signed-in-as"))).isEmpty();
        person.screenshot("login-wrong-password");

        open("/marketing");
        awaitPath("/login");
        assertThat(driver.findElements(By.id("login-error"))).isEmpty();
    }

    @Test
    void errorsShowFriendlyPagesInTheLayoutAndNeverAStackTrace() {
        signIn(workspace.admin().email(), workspace.password());
        awaitPath("/admin/users");

        open("/admin/users/987654321");
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), english.getProperty("error.404.title")));
        assertThat(driver.findElement(By.id("error-404")).getText()).contains(english.getProperty("error.404.text"));
        assertThat(signedInAs()).contains("Alex Admin");

        open("/marketing");
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), english.getProperty("error.403.title")));
        assertThat(driver.findElement(By.id("error-403")).getText()).contains(english.getProperty("error.403.text"));

        open("/no/such/page");
        wait.until(visibilityOfElementLocated(By.tagName("h1")));
        assertThat(heading()).isIn(english.getProperty("error.403.title"), english.getProperty("error.404.title"));

        assertThat(driver.getPageSource()).doesNotContain("Exception").doesNotContain("at io.leadbridge");
        person.screenshot("error-not-found");
    }

    private void signIn(String email, String password) {
        open("/login");
        wait.until(visibilityOfElementLocated(By.id("login-form")));
        type("username", email);
        type("password", password);
        submit("login-form");
    }

    private void signOut() {
        driver.findElement(By.id("sign-out")).click();
        awaitPath("/login");
        wait.until(textToBePresentInElementLocated(By.id("main"), english.getProperty("login.loggedOut")));
        assertThat(driver.findElements(By.id("signed-in-as"))).isEmpty();
    }

    private void open(String path) {
        person.open(path);
    }

    private void type(String field, String text) {
        WebElement input = driver.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    private void submit(String form) {
        driver.findElement(By.cssSelector("#" + form + " button[type='submit']"))
                .click();
    }

    private void awaitPath(String path) {
        wait.withMessage(() -> "expected to be on " + path + " but the browser shows " + driver.getCurrentUrl())
                .until(d -> path.equals(path()));
    }

    private String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private String heading() {
        return driver.findElement(By.cssSelector("main h1")).getText();
    }

    private String signedInAs() {
        return wait.until(visibilityOfElementLocated(By.id("signed-in-as"))).getText();
    }

    private String signOutButton() {
        return driver.findElement(By.id("sign-out")).getText();
    }

    private static Properties messages(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = UserJourneyBrowserTests.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
