package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The live stream in two real browsers: Sam (sales) watches the empty activity page of a new workspace; Mia (marketing)
 * hands him a lead and mentions him in a comment. Sam sees the first item replace "Nothing has happened yet." and his
 * bell count go up with each notification, all without a reload.
 */
@BrowserTest
class LiveBellBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @RegisterExtension
    Browsers browsers = new Browsers();

    static Object script(WebDriver driver, String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Whether the page's server-sent events connection is open. */
    static boolean connected(WebDriver driver) {
        return Boolean.TRUE.equals(script(
                driver,
                "var el = document.querySelector('[sse-connect]');"
                        + " var source = el && el['htmx-internal-data'] && el['htmx-internal-data'].sseEventSource;"
                        + " return !!source && source.readyState === 1;"));
    }

    static String bell(WebDriver driver) {
        List<org.openqa.selenium.WebElement> count = driver.findElements(By.id("unread-count"));
        return count.isEmpty() ? "" : count.get(0).getText().strip();
    }

    @Test
    void theFirstItemReplacesTheEmptyFeedAndTheBellCountsLive() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignedInAccount admin = accounts.signUp(new AccountManagement.SignUp(
                "Bell " + run, "Ada Admin", "ada-" + run + "@bell.example", PASSWORD, Locale.ENGLISH));
        UUID tenant = admin.tenantId();
        String miaEmail = "mia-" + run + "@bell.example";
        String samEmail = "sam-" + run + "@bell.example";
        long[] ids = new long[2];
        CurrentTenant.runAs(tenant, () -> {
            ids[0] = accounts.create(
                            new AccountManagement.NewPerson("Mia Marketing", miaEmail, Set.of(Role.MARKETER), PASSWORD))
                    .id();
            ids[1] = accounts.create(
                            new AccountManagement.NewPerson("Sam Sales", samEmail, Set.of(Role.SALES_REP), PASSWORD))
                    .id();
        });
        long miaId = ids[0];
        long samId = ids[1];
        LeadInput input = TestLeads.qualifiedLead("Clara", "Conrad");
        LeadView lead = CurrentTenant.callAs(
                tenant,
                () -> leads.create(input, null, Actor.person(miaId, "Mia Marketing"), LeadManagement.Channel.FORM));

        // 1. Sam watches the activity page of his new workspace: nothing yet, no unread notification.
        Browser.Person sam = browsers.person();
        WebDriver samDriver = sam.driver();
        sam.signIn(samEmail, PASSWORD);
        sam.open("/activity");
        sam.waiting().until(visibilityOfElementLocated(By.id("activity-empty")));
        assertThat(bell(samDriver)).isEmpty();
        sam.waiting().until(LiveBellBrowserTests::connected);
        script(samDriver, "window.__marker = 7");

        // 2. Mia hands the lead to Sam.
        CurrentTenant.callAs(
                tenant, () -> assignment.handOff(lead.id(), null, samId, null, accounts.onBehalfOf(miaId)));

        // 3. Sam sees the handoff arrive, the empty message gone, and his bell at 1: without a reload.
        By handedOff = By.cssSelector(
                "#activity-list li.activity-item[data-type='HANDED_OFF'][data-lead='" + lead.id() + "']");
        sam.waiting().until(visibilityOfElementLocated(handedOff));
        assertThat(samDriver.findElement(By.id("activity-empty")).isDisplayed())
                .as("'Nothing has happened yet.' next to the first item")
                .isFalse();
        sam.waiting().ignoring(StaleElementReferenceException.class).until(d -> "1".equals(bell(d)));
        assertThat(samDriver.findElement(By.id("bell")).getDomAttribute("title"))
                .isEqualTo("Notifications");
        assertThat(samDriver
                        .findElement(By.cssSelector("#bell .visually-hidden"))
                        .getDomProperty("textContent"))
                .isEqualTo("Notifications");
        sam.screenshot("live-bell-first-item");

        // 4. Sam's tab goes to the background: its stream closes (a browser allows only six connections to a server);
        // what happens meanwhile reaches the bell when the tab is shown again.
        script(
                samDriver,
                "Object.defineProperty(document, 'visibilityState', {configurable: true,"
                        + " get: function () { return window.__hidden ? 'hidden' : 'visible'; }});"
                        + " window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'));");
        sam.waiting().until(d -> !connected(d));
        // A second tab of Sam's, in view, witnesses what a stream delivers: once it shows the new count, an open
        // stream would have shown it in the hidden tab too.
        Browser.Person witness = browsers.person();
        witness.signIn(samEmail, PASSWORD);
        witness.open("/activity");
        witness.waiting().until(LiveBellBrowserTests::connected);
        witness.waiting().until(d -> "1".equals(bell(d)));
        LeadView second = CurrentTenant.callAs(
                tenant,
                () -> leads.create(
                        TestLeads.qualifiedLead("Dora", "Dietz"),
                        null,
                        Actor.person(miaId, "Mia Marketing"),
                        LeadManagement.Channel.FORM));
        CurrentTenant.callAs(
                tenant, () -> assignment.handOff(second.id(), null, samId, null, accounts.onBehalfOf(miaId)));
        witness.waiting().ignoring(StaleElementReferenceException.class).until(d -> "2".equals(bell(d)));
        assertThat(bell(samDriver)).as("no stream while hidden").isEqualTo("1");
        script(samDriver, "window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'));");
        sam.waiting().until(LiveBellBrowserTests::connected);
        sam.waiting().ignoring(StaleElementReferenceException.class).until(d -> "2".equals(bell(d)));
        sam.waiting()
                .until(visibilityOfElementLocated(By.cssSelector(
                        "#activity-list li.activity-item[data-type='HANDED_OFF'][data-lead='" + second.id() + "']")));

        // 5. Mia mentions Sam in a comment, in her browser; Sam's bell goes to 3, still without a reload.
        Browser.Person mia = browsers.person();
        mia.signIn(miaEmail, PASSWORD);
        mia.open("/leads/" + lead.id());
        mia.type("comment-body", "@sam please call them today");
        mia.click(By.id("post-comment"));
        mia.waiting().until(textToBePresentInElementLocated(By.id("comment-list"), "@sam please call them today"));

        sam.waiting().ignoring(StaleElementReferenceException.class).until(d -> "3".equals(bell(d)));
        assertThat(script(samDriver, "return window.__marker")).isEqualTo(7L);
        assertThat(samDriver.findElements(By.cssSelector("#activity-list li.activity-item[data-type='COMMENTED']")))
                .isNotEmpty();
        sam.screenshot("live-bell-mentioned");

        // 6. His notifications.
        sam.open("/notifications");
        sam.waiting().until(visibilityOfElementLocated(By.id("notifications")));
        assertThat(samDriver.findElement(By.id("notifications")).getText())
                .contains("Mia Marketing mentioned you in a comment on");
    }
}
