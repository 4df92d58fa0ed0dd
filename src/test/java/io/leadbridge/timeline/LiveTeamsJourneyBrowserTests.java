package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Both teams at once, in two real browsers: Mia (marketing) watches her dashboard while Sam (sales) accepts her
 * handoff, and sees his acceptance arrive in the live activity feed without reloading; her comment mentioning him
 * rings his bell; and both dashboards show the same shared goal. Runs in a fresh workspace of its own.
 */
@BrowserTest
class LiveTeamsJourneyBrowserTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    GoalManagement goals;

    @RegisterExtension
    Browsers browsers = new Browsers();

    Browser.Person mia;
    Browser.Person sam;
    WebDriver miaDriver;
    WebDriver samDriver;
    WebDriverWait miaWait;
    WebDriverWait samWait;

    Workspaces.Workspace workspace;
    LeadView lead;

    @BeforeEach
    void openWorkspaceAndBrowsers() {
        workspace = workspaces.create();
        lead = TestLeads.create(leads, workspace, workspace.mia(), "Clara", "Conrad");
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        lead.id(),
                        null,
                        workspace.sam().id(),
                        null,
                        accounts.onBehalfOf(workspace.mia().id())));
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> goals.set(
                        GoalManagement.PeriodKind.QUARTER,
                        goals.today(),
                        new BigDecimal("100000"),
                        new BigDecimal("10000"),
                        40,
                        accounts.onBehalfOf(workspace.admin().id())));

        mia = browsers.person();
        miaDriver = mia.driver();
        miaWait = mia.waiting();
        sam = browsers.person();
        samDriver = sam.driver();
        samWait = sam.waiting();
    }

    Object marker(WebDriver driver) {
        return ((JavascriptExecutor) driver).executeScript("return window.__marker");
    }

    /** Whether the server-sent events connection of the activity panel is open. */
    boolean feedConnected(WebDriver driver) {
        Object open = ((JavascriptExecutor) driver)
                .executeScript("var el = document.querySelector('[sse-connect]');"
                        + " var source = el && el['htmx-internal-data'] && el['htmx-internal-data'].sseEventSource;"
                        + " return !!source && source.readyState === 1;");
        return Boolean.TRUE.equals(open);
    }

    @Test
    void samAcceptsMiaSeesItLiveHerMentionRingsHisBellBothSeeTheSameGoal() {
        long leadId = lead.id();
        By accepted =
                By.cssSelector("#activity-list li.activity-item[data-type='ACCEPTED'][data-lead='" + leadId + "']");

        // 1. Mia watches her dashboard.
        mia.signIn(workspace.mia());
        mia.open("/marketing");
        miaWait.until(visibilityOfElementLocated(By.id("activity-list")));
        assertThat(miaDriver.findElements(accepted)).isEmpty();
        miaWait.until(this::feedConnected);
        ((JavascriptExecutor) miaDriver).executeScript("window.__marker = 7");

        // 2. Sam accepts the handoff in his queue.
        sam.signIn(workspace.sam());
        sam.open("/sales/queue");
        samWait.until(visibilityOfElementLocated(By.id("handoff-" + leadId)));
        sam.click(By.cssSelector("tr#handoff-" + leadId + " button.accept"));
        samWait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("handoff-" + leadId)).stream()
                        .anyMatch(row -> "accepted".equals(row.getDomAttribute("data-outcome"))));

        // 3. Mia sees it arrive, without a reload.
        miaWait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(accepted).stream().anyMatch(item -> {
                    String text = item.getText();
                    return text.contains("Sam Sales") && text.contains("accepted");
                }));
        assertThat(marker(miaDriver)).isEqualTo(7L);
        mia.screenshot("live-accepted-in-marketing-feed");

        // 4. Mia mentions Sam in a comment.
        mia.open("/leads/" + leadId);
        mia.type("comment-body", "@sam please call them today");
        mia.click(By.id("post-comment"));
        miaWait.until(textToBePresentInElementLocated(By.id("comment-list"), "@sam please call them today"));

        // 5. Sam's bell rings.
        sam.open("/sales");
        samWait.until(visibilityOfElementLocated(By.id("unread-count")));
        assertThat(Integer.parseInt(
                        samDriver.findElement(By.id("unread-count")).getText().strip()))
                .isGreaterThanOrEqualTo(1);
        sam.open("/notifications");
        samWait.until(visibilityOfElementLocated(By.id("notifications")));
        assertThat(samDriver.findElement(By.id("notifications")).getText())
                .contains("Mia Marketing mentioned you in a comment on");
        sam.screenshot("live-mention-notification");

        // 6. Both dashboards show the same goal.
        mia.open("/marketing");
        sam.open("/sales");
        String miaGoal = miaWait.until(visibilityOfElementLocated(By.id("goal-progress-QUARTER")))
                .getText();
        String samGoal = samWait.until(visibilityOfElementLocated(By.id("goal-progress-QUARTER")))
                .getText();
        assertThat(miaGoal).isNotBlank().contains("€100,000").isEqualTo(samGoal);
    }
}
