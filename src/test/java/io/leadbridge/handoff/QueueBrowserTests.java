package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.EventPublications;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Notifications;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rep's queue in a real browser, with touch, on a phone (390×844) and a laptop (1366×900): each handoff's time
 * left and both buttons in view without sideways scrolling, touch targets of 44 px; the undo of a decision; the keys
 * j/k/a/r; the count in the title and on the Queue item following each decision. The screenshots of both sizes are
 * kept in target/screenshots, and copied to docs/screenshots with {@code -Dleadbridge.updateScreenshots=true}.
 */
@BrowserTest
class QueueBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    Notifications notifications;

    /** The database as its owner sees it (no row-level security), as the other browser tests' context has it. */
    @Autowired
    Flyway flyway;

    JdbcClient owner;

    @RegisterExtension
    Browsers browsers = new Browsers();

    Browser.Person person;
    WebDriver driver;
    WebDriverWait wait;

    UUID tenantId;
    long miaId;
    long samId;
    String samEmail;
    List<LeadView> handedOff;

    @BeforeEach
    void openWorkspaceWithThreeHandoffs() {
        owner = JdbcClient.create(flyway.getConfiguration().getDataSource());
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignedInAccount admin = accounts.signUp(new AccountManagement.SignUp(
                "Queue " + run, "Ada Admin", "ada-" + run + "@queue.example", PASSWORD, Locale.ENGLISH));
        tenantId = admin.tenantId();
        samEmail = "sam-" + run + "@queue.example";
        CurrentTenant.runAs(tenantId, () -> {
            miaId = accounts.create(new AccountManagement.NewPerson(
                            "Mia Marketing", "mia-" + run + "@queue.example", Set.of(Role.MARKETER), PASSWORD))
                    .id();
            samId = accounts.create(
                            new AccountManagement.NewPerson("Sam Sales", samEmail, Set.of(Role.SALES_REP), PASSWORD))
                    .id();
        });
        handedOff =
                List.of(handOff("Anna", "Adler-Schwarzenberg"), handOff("Bruno", "Berger"), handOff("Clara", "Conrad"));
        // The first is eleven days late, the second due soon: the queue shows all three states.
        owner.sql("update handoff set handed_at = now() - interval '40 days', due_at = now() - interval '11 days'"
                        + " where lead_id = ?")
                .param(handedOff.get(0).id())
                .update();
        owner.sql("update handoff set handed_at = now() - interval '30 days', due_at = now() - interval '10 days'"
                        + " + interval '12 days' where lead_id = ?")
                .param(handedOff.get(1).id())
                .update();
        person = browsers.person();
        driver = person.driver();
        wait = person.waiting();
    }

    LeadView handOff(String firstName, String lastName) {
        return CurrentTenant.callAs(tenantId, () -> {
            LeadView lead = leads.create(
                    TestLeads.qualifiedLead(firstName, lastName),
                    null,
                    Actor.person(miaId, "Mia Marketing"),
                    LeadManagement.Channel.FORM);
            assignment.handOff(lead.id(), null, samId, null, accounts.onBehalfOf(miaId));
            // Sam's notification is written a moment after the handoff committed (docs/adr/0008).
            EventPublications.awaitCompleted(owner, tenantId);
            return leads.lead(lead.id());
        });
    }

    /** The viewport of a phone or a laptop, with touch input, as Chromium's device emulation gives it. */
    void viewport(int width, int height, boolean mobile) {
        ChromiumDriver chromium = (ChromiumDriver) driver;
        chromium.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        chromium.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    record Rect(double left, double top, double right, double bottom, double width, double height) {}

    @SuppressWarnings("unchecked")
    Rect rect(WebElement element) {
        Map<String, Object> r = (Map<String, Object>) js(
                "var r = arguments[0].getBoundingClientRect();"
                        + " return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width,"
                        + " height: r.height};",
                element);
        return new Rect(
                number(r.get("left")),
                number(r.get("top")),
                number(r.get("right")),
                number(r.get("bottom")),
                number(r.get("width")),
                number(r.get("height")));
    }

    static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    long innerWidth() {
        return ((Number) js("return window.innerWidth")).longValue();
    }

    long innerHeight() {
        return ((Number) js("return window.innerHeight")).longValue();
    }

    void assertNoSidewaysScrolling() {
        long scrollWidth = ((Number) js("return document.scrollingElement.scrollWidth")).longValue();
        assertThat(scrollWidth).as("page width").isLessThanOrEqualTo(innerWidth());
    }

    /** The card's (or row's) time left and both buttons lie inside the window, each a touch target of 44 px. */
    void assertUsableByTouch(WebElement row) {
        js("arguments[0].scrollIntoView({block: 'start', behavior: 'instant'})", row);
        long width = innerWidth();
        long height = innerHeight();
        for (WebElement element : List.of(
                row.findElement(By.cssSelector("td.sla-clock .time-left")),
                row.findElement(By.cssSelector("button.accept")),
                row.findElement(By.cssSelector("a.open-reject")))) {
            Rect r = rect(element);
            assertThat(r.left()).as("left of %s", element.getText()).isGreaterThanOrEqualTo(0);
            assertThat(r.right()).as("right of %s", element.getText()).isLessThanOrEqualTo(width);
            assertThat(r.top()).as("top of %s", element.getText()).isGreaterThanOrEqualTo(0);
            assertThat(r.bottom()).as("bottom of %s", element.getText()).isLessThanOrEqualTo(height);
            assertThat(element.isDisplayed()).isTrue();
        }
        for (WebElement button : List.of(
                row.findElement(By.cssSelector("button.accept")), row.findElement(By.cssSelector("a.open-reject")))) {
            Rect r = rect(button);
            assertThat(r.height()).as("height of %s", button.getText()).isGreaterThanOrEqualTo(44);
            assertThat(r.width()).as("width of %s", button.getText()).isGreaterThanOrEqualTo(44);
        }
    }

    WebElement row(LeadView lead) {
        return driver.findElement(By.id("handoff-" + lead.id()));
    }

    void waitForOutcome(long leadId, String outcome) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("handoff-" + leadId)).stream()
                        .anyMatch(row -> outcome.equals(row.getDomAttribute("data-outcome"))));
    }

    void waitForAwaiting(long leadId) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#handoff-" + leadId + " button.accept"))
                                .size()
                        == 1);
    }

    String navCount() {
        return (String) js("return document.getElementById('nav-queue-count').textContent.trim()");
    }

    String activeId() {
        return (String) js("var a = document.activeElement; var row = a && a.closest('tr');"
                + " return (row ? row.id : '') + ' ' + (a ? a.className : '')");
    }

    /**
     * Copies a screenshot to docs/screenshots (committed, for reviewers) when the run asks for it with {@code
     * -Dleadbridge.updateScreenshots=true}; an ordinary run leaves the committed copies alone.
     */
    static void keep(Path screenshot, String name) throws IOException {
        if (!Boolean.getBoolean("leadbridge.updateScreenshots")) {
            return;
        }
        Path docs = Path.of("docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(screenshot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    void signInToTheQueue() {
        viewportReady();
        person.signIn(samEmail, PASSWORD);
        // A rep lands on the queue after signing in.
        wait.until(d -> d.getCurrentUrl().endsWith("/sales/queue"));
        wait.until(visibilityOfElementLocated(By.id("queue")));
    }

    void viewportReady() {}

    @Test
    void onAPhoneEachHandoffIsACardWithItsClockAndBothButtonsInViewAndTheRejectFormFullWidth() throws IOException {
        viewport(390, 844, true);
        signInToTheQueue();
        assertThat(innerWidth()).isEqualTo(390);

        assertNoSidewaysScrolling();
        for (LeadView lead : handedOff) {
            assertUsableByTouch(row(lead));
        }
        assertThat(row(handedOff.get(0)).getText()).contains("Overdue since");
        assertThat(row(handedOff.get(1)).getText()).contains("Due soon");
        js("window.scrollTo({top: 0, left: 0, behavior: 'instant'})");
        keep(person.screenshot("queue-phone"), "queue-phone");

        // The reject form opens in the card, full width, with touch-sized fields, and says which reasons need a
        // comment.
        LeadView second = handedOff.get(1);
        person.click(By.cssSelector("#handoff-" + second.id() + " a.open-reject"));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + second.id() + " select.reason")));
        WebElement card = row(second);
        WebElement form = card.findElement(By.cssSelector("form.reject-form"));
        Rect cardRect = rect(card);
        Rect formRect = rect(form);
        assertThat(formRect.width()).as("reject form width").isGreaterThanOrEqualTo(cardRect.width() - 40);
        assertThat(formRect.right()).isLessThanOrEqualTo(innerWidth());
        for (String field : List.of("select.reason", "input.comment", "button.reject")) {
            assertThat(rect(card.findElement(By.cssSelector(field))).height())
                    .as(field)
                    .isGreaterThanOrEqualTo(44);
        }
        assertThat(card.findElement(By.cssSelector(".comment-help")).getText())
                .contains("Reasons marked * need a comment");
        assertThat(new Select(card.findElement(By.cssSelector("select.reason")))
                        .getOptions().stream().map(WebElement::getText).toList())
                .contains("Other *", "No budget");
        assertNoSidewaysScrolling();
        person.screenshot("queue-phone-reject-open");
    }

    @Test
    void onALaptopTheQueueIsATableUsableByTouchAndTheCountFollowsADecisionAndItsUndo() throws IOException {
        viewport(1366, 900, false);
        signInToTheQueue();
        assertThat(innerWidth()).isEqualTo(1366);
        assertNoSidewaysScrolling();
        for (LeadView lead : handedOff) {
            assertUsableByTouch(row(lead));
        }
        js("window.scrollTo({top: 0, left: 0, behavior: 'instant'})");
        keep(person.screenshot("queue-desktop"), "queue-desktop");

        assertThat(driver.getTitle()).isEqualTo("(3) Your queue · LeadBridge");
        assertThat(navCount()).isEqualTo("3");
        assertThat(driver.findElement(By.id("queue-summary")).getText()).contains("3 leads await your decision");

        LeadView first = handedOff.get(0);
        LeadView second = handedOff.get(1);
        person.click(By.cssSelector("#handoff-" + first.id() + " button.accept"));
        waitForOutcome(first.id(), "accepted");
        wait.until(d -> d.getTitle().equals("(2) Your queue · LeadBridge"));
        wait.until(d -> navCount().equals("2"));
        assertThat(driver.findElement(By.id("queue-summary")).getText()).contains("2 leads await your decision");
        // The focus moved on to the next lead's Accept, not to the top of the page.
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("accept"));
        person.screenshot("queue-desktop-accepted");

        // Undo, within the seconds it is offered: the lead awaits the decision again, everywhere.
        person.click(By.cssSelector("#handoff-" + first.id() + " button.undo"));
        waitForAwaiting(first.id());
        wait.until(d -> d.getTitle().equals("(3) Your queue · LeadBridge"));
        wait.until(d -> navCount().equals("3"));
        assertThat(driver.findElement(By.id("queue-summary")).getText()).contains("3 leads await your decision");
        wait.until(d -> activeId().startsWith("handoff-" + first.id() + " "));
        LeadView after = CurrentTenant.callAs(tenantId, () -> leads.lead(first.id()));
        assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(owner.sql("select count(*) from handoff where lead_id = ? and status = 'AWAITING'")
                        .param(first.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // The undo is offered for a few seconds only.
        person.click(By.cssSelector("#handoff-" + second.id() + " button.accept"));
        waitForOutcome(second.id(), "accepted");
        assertThat(driver.findElements(By.cssSelector("#handoff-" + second.id() + " button.undo")))
                .hasSize(1);
        new WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#handoff-" + second.id() + " button.undo"))
                        .isEmpty());
        assertThat(CurrentTenant.callAs(tenantId, () -> leads.lead(second.id())).stage())
                .isEqualTo(Stage.SALES_ACCEPTED);
    }

    @Test
    void theKeysMoveThroughTheQueueAcceptAndOpenTheRejectFormButNotWhileTyping() {
        viewport(1366, 900, false);
        signInToTheQueue();
        assertThat(driver.findElement(By.id("queue-keys")).getText()).contains("j", "k", "accept", "reject");
        LeadView first = handedOff.get(0);
        LeadView second = handedOff.get(1);
        LeadView third = handedOff.get(2);

        keys("j");
        assertThat(activeId()).startsWith("handoff-" + first.id() + " ").contains("accept");
        keys("j");
        keys("j");
        assertThat(activeId()).startsWith("handoff-" + third.id() + " ");
        keys("k");
        assertThat(activeId()).startsWith("handoff-" + second.id() + " ");
        keys("k");
        assertThat(activeId()).startsWith("handoff-" + first.id() + " ");

        keys("a");
        waitForOutcome(first.id(), "accepted");
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("accept"));
        wait.until(d -> d.getTitle().equals("(2) Your queue · LeadBridge"));

        keys("r");
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + second.id() + " select.reason")));
        // The reason takes the focus when htmx settles the swapped row (autofocus), a moment after it shows.
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("reason"));
        // Typing in the comment: the letters are text, not commands.
        WebElement comment = driver.findElement(By.cssSelector("#handoff-" + second.id() + " input.comment"));
        comment.click();
        new Actions(driver).sendKeys("a jar").perform();
        assertThat(comment.getDomProperty("value")).isEqualTo("a jar");
        assertThat(driver.findElements(By.cssSelector("#handoff-" + second.id() + " form.reject-form")))
                .hasSize(1);
        assertThat(driver.getTitle()).isEqualTo("(2) Your queue · LeadBridge");
        assertThat(CurrentTenant.callAs(tenantId, () -> leads.lead(second.id())).stage())
                .isEqualTo(Stage.AWAITING_ACCEPTANCE);
        person.screenshot("queue-keyboard");
    }

    void keys(String keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    /** Whether the page's live stream is open (the bell's updates come through it). */
    boolean streamOpen() {
        return Boolean.TRUE.equals(js("var el = document.querySelector('[sse-connect]');"
                + " var source = el && el['htmx-internal-data'] && el['htmx-internal-data'].sseEventSource;"
                + " return !!source && source.readyState === 1;"));
    }

    long unread() {
        return CurrentTenant.callAs(tenantId, () -> (long) notifications.unread(samId));
    }

    @Test
    void onAPhoneTheQueueCountAndTheBellStayInViewNextToTheTogglerAndFollowDecisionsAndTheStream() {
        viewport(390, 844, true);
        signInToTheQueue();

        // The menu is collapsed: its Queue item is hidden, the counts next to the toggler are not.
        WebElement toggler = driver.findElement(By.cssSelector("nav .navbar-toggler"));
        assertThat(toggler.isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("nav-queue")).isDisplayed()).isFalse();
        WebElement queueCount = driver.findElement(By.id("nav-queue-count-phone"));
        WebElement bellCount = driver.findElement(By.cssSelector("#nav-phone-bell .phone-unread-count"));
        assertThat(queueCount.isDisplayed()).isTrue();
        assertThat(queueCount.getText()).isEqualTo("3");
        long unread = unread();
        assertThat(unread).isPositive();
        assertThat(bellCount.isDisplayed()).isTrue();
        assertThat(bellCount.getText()).isEqualTo(Long.toString(unread));
        Rect togglerRect = rect(toggler);
        for (WebElement badge : List.of(queueCount, bellCount)) {
            Rect r = rect(badge);
            assertThat(r.right()).as("next to (left of) the toggler").isLessThanOrEqualTo(togglerRect.left());
            assertThat(r.bottom()).as("on the toggler's line").isGreaterThan(togglerRect.top());
            assertThat(r.top()).as("on the toggler's line").isLessThan(togglerRect.bottom());
        }
        for (String link : List.of("nav-phone-queue", "nav-phone-bell")) {
            assertThat(rect(driver.findElement(By.id(link))).height()).as(link).isGreaterThanOrEqualTo(44);
        }
        assertNoSidewaysScrolling();

        // The card says who handed the lead off (the table's header is hidden on a phone).
        WebElement card = row(handedOff.get(0));
        WebElement label = card.findElement(By.cssSelector("td.handed-by .handed-by-label"));
        assertThat(label.isDisplayed()).isTrue();
        assertThat(label.getText()).isEqualTo("Handed off by");
        assertThat(card.findElement(By.cssSelector("td.handed-by")).getText()).contains("Mia Marketing");
        assertThat(driver.findElement(By.cssSelector("#queue thead")).isDisplayed())
                .isFalse();

        // A decision: the count next to the toggler follows.
        LeadView first = handedOff.get(0);
        person.click(By.cssSelector("#handoff-" + first.id() + " button.accept"));
        waitForOutcome(first.id(), "accepted");
        wait.ignoring(StaleElementReferenceException.class)
                .until(d ->
                        d.findElement(By.id("nav-queue-count-phone")).getText().equals("2"));
        assertThat(driver.findElement(By.id("nav-queue-count-phone")).isDisplayed())
                .isTrue();

        // A new notification arrives through the live stream: the phone's bell counts it without a reload.
        wait.until(d -> streamOpen());
        handOff("Dora", "Dreher");
        long more = unread();
        assertThat(more).isGreaterThan(unread);
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#nav-phone-bell .phone-unread-count"))
                        .getText()
                        .equals(Long.toString(more)));
        person.screenshot("queue-phone-counts");
    }

    @Test
    void aLeadHandedToTheRepAppearsInTheOpenQueueWithItsCountButNotUnderAnOpenRejectForm() {
        viewport(1366, 900, false);
        signInToTheQueue();
        wait.until(d -> streamOpen());

        // Marketing hands Sam a fourth lead while his queue is open: the row, the counts and the title follow.
        LeadView dora = handOff("Dora", "Dreher");
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("handoff-" + dora.id())).isEmpty());
        wait.until(d -> d.findElement(By.id("nav-queue-count")).getText().equals("4"));
        wait.until(d -> d.getTitle().startsWith("(4)"));
        assertThat(driver.findElement(By.id("queue-summary")).getText()).contains("4 leads await your decision");
        assertThat(driver.findElement(By.id("queue-changed")).isDisplayed()).isFalse();

        // With a reject form open, the rows stay where his hands are; a line offers the fresh queue.
        person.click(By.cssSelector("#handoff-" + handedOff.get(0).id() + " a.open-reject"));
        wait.until(
                d -> !d.findElements(By.cssSelector("#queue form.reject-form")).isEmpty());
        LeadView emil = handOff("Emil", "Ebner");
        wait.until(d -> d.findElement(By.id("queue-changed")).isDisplayed());
        assertThat(driver.findElements(By.id("handoff-" + emil.id()))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#queue form.reject-form")))
                .hasSize(1);
        assertThat(driver.findElement(By.id("nav-queue-count")).getText()).isEqualTo("5");
        person.screenshot("queue-changed-live");
        person.click(By.id("queue-changed-refresh"));
        wait.until(d -> !d.findElements(By.id("handoff-" + emil.id())).isEmpty());
    }

    @Test
    void onAPhoneTheRowsRejectFormClosesWithCancelOrEscAndTheFocusReturnsToReject() {
        viewport(390, 844, true);
        signInToTheQueue();
        LeadView second = handedOff.get(1);
        String open = "#handoff-" + second.id() + " a.open-reject";

        person.click(By.cssSelector(open));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + second.id() + " select.reason")));
        WebElement cancel = driver.findElement(By.cssSelector("#handoff-" + second.id() + " a.cancel-reject"));
        assertThat(cancel.getText()).isEqualTo("Cancel");
        Rect r = rect(cancel);
        assertThat(r.height()).as("Cancel's height").isGreaterThanOrEqualTo(44);
        assertThat(r.width()).as("Cancel's width").isGreaterThanOrEqualTo(44);
        person.screenshot("queue-phone-reject-cancel");
        person.click(By.cssSelector("#handoff-" + second.id() + " a.cancel-reject"));
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#handoff-" + second.id() + " form.reject-form"))
                        .isEmpty());
        assertThat(driver.getCurrentUrl()).endsWith("/sales/queue");
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("open-reject"));
        assertThat(driver.findElements(By.cssSelector("#handoff-" + second.id() + " button.accept")))
                .hasSize(1);

        // Opened again, and Esc while typing the comment closes it too; the lead still awaits the decision.
        person.click(By.cssSelector(open));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + second.id() + " input.comment")));
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("reason"));
        driver.findElement(By.cssSelector("#handoff-" + second.id() + " input.comment"))
                .click();
        new Actions(driver).sendKeys("not now").perform();
        new Actions(driver).sendKeys(org.openqa.selenium.Keys.ESCAPE).perform();
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("#handoff-" + second.id() + " form.reject-form"))
                        .isEmpty());
        wait.until(d -> activeId().startsWith("handoff-" + second.id() + " ")
                && activeId().contains("open-reject"));
        assertThat(CurrentTenant.callAs(tenantId, () -> leads.lead(second.id())).stage())
                .isEqualTo(Stage.AWAITING_ACCEPTANCE);

        // The restored row works as before: its Reject… opens the form again.
        person.click(By.cssSelector(open));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + second.id() + " select.reason")));
    }
}
