package io.leadbridge.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import io.leadbridge.tenant.CurrentTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rejection disputed and overturned in a real browser: Sam rejects a lead in his queue with a reason and a comment,
 * Mia disputes the rejection on the lead's page, Lia reads both sides on the dispute page and overturns it, and Sam
 * finds the lead back in his queue with her rationale. Runs in a fresh workspace of its own, so that Lia's desk holds
 * only this dispute.
 */
@BrowserTest
class DisputeJourneyBrowserTests {

    static final String COMMENT = "Project only next year";
    static final String ARGUMENT = "They signed a letter of intent yesterday; the project starts this quarter.";
    static final String RATIONALE = "The letter of intent makes the timing now; please call this week.";

    @Autowired
    Workspaces workspaces;

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    DisputeManagement disputes;

    @RegisterExtension
    Browsers browsers = new Browsers();

    Browser.Person person;
    WebDriver driver;
    WebDriverWait wait;

    Workspaces.Workspace workspace;
    LeadView lead;

    @BeforeEach
    void openWorkspaceAndBrowser() {
        workspace = workspaces.create();
        lead = TestLeads.create(leads, workspace, workspace.mia(), "Dora", "Decker");
        long leadId = lead.id();
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        leadId,
                        null,
                        workspace.sam().id(),
                        null,
                        accounts.onBehalfOf(workspace.mia().id())));

        person = browsers.person();
        driver = person.driver();
        wait = person.waiting();
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    /** Waits until htmx has swapped the lead's queue row for the decided one. */
    void waitForOutcome(long leadId, String outcome) {
        wait.ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.id("handoff-" + leadId)).stream()
                        .anyMatch(row -> outcome.equals(row.getDomAttribute("data-outcome"))));
    }

    @Test
    void samRejectsMiaDisputesLiaOverturnsAndTheLeadIsBackInSamsQueue() {
        long l = lead.id();
        By row = By.id("handoff-" + l);

        // Sam rejects the lead in his queue, with a reason and a comment.
        person.signIn(workspace.sam());
        person.open("/sales/queue");
        wait.until(visibilityOfElementLocated(row));
        person.click(By.cssSelector("#handoff-" + l + " a.open-reject"));
        wait.until(visibilityOfElementLocated(By.cssSelector("#handoff-" + l + " select.reason")));
        new Select(driver.findElement(By.cssSelector("#handoff-" + l + " select.reason"))).selectByValue("NOT_READY");
        assertThat(new Select(driver.findElement(By.cssSelector("#handoff-" + l + " select.reason")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Not ready yet (timing)");
        WebElement comment = driver.findElement(By.cssSelector("#handoff-" + l + " input.comment"));
        comment.clear();
        comment.sendKeys(COMMENT);
        person.click(By.cssSelector("#handoff-" + l + " button.reject"));
        waitForOutcome(l, "rejected");
        assertThat(text(row)).contains("Not ready yet (timing)");
        person.screenshot("dispute-rejected-in-queue");
        person.signOut();

        // Mia disputes the rejection on the lead's page.
        person.signIn(workspace.mia());
        person.open("/leads/" + l);
        wait.until(visibilityOfElementLocated(By.id("answer-rejection")));
        assertThat(text(By.id("lead-stage"))).isEqualTo("Rejected by sales");
        assertThat(driver.findElements(By.cssSelector("#answer-rejection #dispute-form")))
                .hasSize(1);
        person.type("argument", ARGUMENT);
        person.screenshot("dispute-form");
        person.click(By.id("open-dispute"));
        wait.until(textToBePresentInElementLocated(
                By.cssSelector(".alert-success"), "Dispute opened; the liaison has been notified."));
        assertThat(text(By.id("lead-stage"))).isEqualTo("In dispute");
        assertThat(text(By.id("dispute"))).contains(ARGUMENT);
        assertThat(driver.findElements(By.id("answer-rejection"))).isEmpty();
        person.signOut();

        // Lia finds the dispute on her desk, reads both sides and overturns the rejection.
        person.signIn(workspace.lia());
        person.open("/liaison");
        wait.until(visibilityOfElementLocated(By.id("desk")));
        assertThat(driver.findElements(By.cssSelector("#desk tr.desk-dispute"))).hasSize(1);
        By disputeLink = By.cssSelector("#desk tr.desk-dispute td:first-child a");
        assertThat(text(disputeLink)).isEqualTo("Dispute");
        person.click(disputeLink);
        wait.until(visibilityOfElementLocated(By.id("decision-form")));
        assertThat(text(By.id("sales-side"))).contains("Not ready yet (timing)").contains(COMMENT);
        assertThat(text(By.id("marketing-side"))).contains(ARGUMENT);
        assertThat(driver.findElements(By.id("criteria-then-now"))).hasSize(1);
        assertThat(text(By.id("dispute-status"))).isEqualTo("Open");
        person.click(By.id("outcome-overturn"));
        assertThat(new Select(driver.findElement(By.id("assignee")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Sam Sales");
        person.type("rationale", RATIONALE);
        person.screenshot("dispute-decision");
        person.click(By.id("decide"));
        wait.until(textToBePresentInElementLocated(
                By.cssSelector(".alert-success"), "The rejection is overturned; the lead is back with sales."));
        assertThat(text(By.id("dispute-status"))).isEqualTo("Rejection overturned");
        assertThat(driver.findElements(By.id("decision-form"))).isEmpty();
        person.signOut();

        // Sam finds the lead back in his queue, with Lia's rationale, and the decision on the lead's page.
        person.signIn(workspace.sam());
        person.open("/sales/queue");
        wait.until(visibilityOfElementLocated(row));
        assertThat(driver.findElement(row).getDomAttribute("data-outcome")).isNull();
        assertThat(text(By.cssSelector("#handoff-" + l + " .handed-back")))
                .isEqualTo("Handed back by the liaison: " + RATIONALE);
        person.screenshot("dispute-handed-back-in-queue");
        person.open("/leads/" + l);
        wait.until(visibilityOfElementLocated(By.id("dispute-decision")));
        assertThat(text(By.id("dispute-decision"))).contains(RATIONALE).contains("Rejection overturned by Lia");
        assertThat(text(By.id("lead-stage"))).isEqualTo("Awaiting acceptance");

        assertThat(CurrentTenant.callAs(workspace.tenantId(), () -> leads.lead(l))
                        .stage())
                .isEqualTo(Stage.AWAITING_ACCEPTANCE);
        DisputeView dispute = CurrentTenant.callAs(workspace.tenantId(), () -> disputes.latestOf(l))
                .orElseThrow();
        assertThat(dispute.status()).isEqualTo(DisputeView.Status.OVERTURNED);
        assertThat(dispute.rationale()).isEqualTo(RATIONALE);
        assertThat(dispute.newAssigneeName()).isEqualTo("Sam Sales");
    }
}
