package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Marketing hands a lead to a sales rep in a real browser; the rep finds it at the top of his queue with its clock,
 * rejects another lead with a reason and accepts this one, each right in the queue without a page reload; marketing
 * then sees the rejection and its reason on the rejected lead's page. Runs in a fresh workspace of its own, so that
 * no older handoff is more urgent.
 */
@BrowserTest
class HandoffJourneyBrowserTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @RegisterExtension
    Browsers browsers = new Browsers();

    Browser.Person person;
    WebDriver driver;
    WebDriverWait wait;

    Workspaces.Workspace workspace;
    LeadView leadA;
    LeadView leadB;

    @BeforeEach
    void openWorkspaceAndBrowser() {
        workspace = workspaces.create();
        leadA = TestLeads.create(leads, workspace, workspace.mia(), "Anna", "Adler");
        leadB = TestLeads.create(leads, workspace, workspace.mia(), "Bruno", "Berger");

        person = browsers.person();
        driver = person.driver();
        wait = person.waiting();
    }

    LeadView lead(long id) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> leads.lead(id));
    }

    /** Waits until htmx has swapped the lead's queue row for the decided one. */
    void waitForOutcome(long leadId, String outcome) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("handoff-" + leadId)).stream()
                        .anyMatch(row -> outcome.equals(row.getDomAttribute("data-outcome"))));
    }

    Object marker() {
        return ((JavascriptExecutor) driver).executeScript("return window.__marker");
    }

    @Test
    void marketingHandsOffSamDecidesInHisQueueMarketingSeesTheRejection() {
        long a = leadA.id();
        long b = leadB.id();

        person.signIn(workspace.mia());
        person.open("/leads/" + a);
        person.click(By.id("start-handoff"));
        wait.until(visibilityOfElementLocated(By.id("handoff-form")));
        new Select(driver.findElement(By.id("assignee"))).selectByVisibleText("Sam Sales");
        person.screenshot("handoff-form");
        person.click(By.id("hand-off"));
        wait.until(textToBePresentInElementLocated(By.cssSelector(".alert-success"), "Handed off to Sam Sales"));
        assertThat(driver.findElement(By.id("lead-stage")).getText()).isEqualTo("Awaiting acceptance");
        person.signOut();

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        b,
                        null,
                        workspace.sam().id(),
                        null,
                        accounts.onBehalfOf(workspace.mia().id())));

        person.signIn(workspace.sam());
        person.open("/sales/queue");
        wait.until(visibilityOfElementLocated(By.id("queue")));
        List<WebElement> rows = driver.findElements(By.cssSelector("#queue tbody tr.queue-item"));
        assertThat(rows).hasSize(2);
        WebElement top = rows.get(0);
        assertThat(top.getAttribute("data-lead")).isEqualTo(Long.toString(a));
        String clock = top.findElement(By.cssSelector("td.sla-clock")).getText();
        assertThat(clock)
                .satisfiesAnyOf(
                        c -> assertThat(c).containsPattern("\\d+ h \\d+ min left"),
                        c -> assertThat(c).contains("Overdue"));
        assertThat(driver.findElements(By.id("handoff-" + b))).hasSize(1);
        person.screenshot("handoff-queue");

        ((JavascriptExecutor) driver).executeScript("window.__marker = 42");
        // The reject form opens in the row, without leaving the page; the reason list has the focus.
        assertThat(driver.findElements(By.cssSelector("#queue select.reason"))).isEmpty();
        person.click(By.cssSelector("#handoff-" + b + " a.open-reject"));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + b + " select.reason")));
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("reason-" + b);
        person.screenshot("handoff-queue-reject-open");
        assertThat(marker()).isEqualTo(42L);
        new Select(driver.findElement(By.cssSelector("#handoff-" + b + " select.reason"))).selectByValue("NO_BUDGET");
        person.click(By.cssSelector("#handoff-" + b + " button.reject"));
        waitForOutcome(b, "rejected");
        assertThat(driver.findElement(By.id("handoff-" + b)).getText()).contains("Rejected (No budget)");
        assertThat(marker()).isEqualTo(42L);

        person.click(By.cssSelector("#handoff-" + a + " button.accept"));
        waitForOutcome(a, "accepted");
        assertThat(driver.findElement(By.id("handoff-" + a)).getText()).contains("Accepted: the lead is yours now.");
        assertThat(marker()).isEqualTo(42L);
        person.screenshot("handoff-queue-decided");
        person.signOut();

        person.signIn(workspace.mia());
        person.open("/leads/" + b);
        wait.until(visibilityOfElementLocated(By.id("rejection")));
        assertThat(driver.findElement(By.id("rejection")).getText()).contains("No budget");
        assertThat(driver.findElement(By.id("lead-stage")).getText()).isEqualTo("Rejected by sales");
        person.screenshot("handoff-rejection-seen-by-marketing");

        LeadView accepted = lead(a);
        assertThat(accepted.stage()).isEqualTo(Stage.SALES_ACCEPTED);
        assertThat(accepted.ownerId()).isEqualTo(workspace.sam().id());
        assertThat(lead(b).stage()).isEqualTo(Stage.REJECTED);
    }
}
