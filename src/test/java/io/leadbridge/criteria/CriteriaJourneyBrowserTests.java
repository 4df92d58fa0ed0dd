package io.leadbridge.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.DemoWorkspaceBrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Both teams agree on new criteria in a real browser: a marketer proposes, sees the what-if and cannot approve her
 * own proposal; a sales rep approves it; the lead page then shows the evaluation against the new version. In a
 * workspace of its own with the demo's content (its leads, criteria version 2 active and version 3 proposed by sales).
 */
@BrowserTest
class CriteriaJourneyBrowserTests extends DemoWorkspaceBrowserTest {

    void signOut() {
        person.signOut();
    }

    int number(String id) {
        return Integer.parseInt(driver.findElement(By.id(id)).getText().replaceAll("[^0-9]", ""));
    }

    @Test
    void marketingProposesSalesApprovesAndLeadsAreEvaluatedAgain() {
        person.signIn(workspace.mia());
        person.open("/criteria");
        person.click(By.id("propose"));
        wait.until(visibilityOfElementLocated(By.id("criteria-form")));

        person.type("employeesMin", "5000");
        person.type("employeesMax", "100");
        person.click(By.id("submit-proposal"));
        wait.until(visibilityOfElementLocated(By.id("employeesMax-error")));
        assertThat(driver.findElement(By.id("employeesMax-error")).getText()).contains("must not be below");

        person.type("employeesMin", "1");
        person.type("employeesMax", "1000000");
        new Select(driver.findElement(By.id("industriesMode"))).selectByValue("OFF");
        new Select(driver.findElement(By.id("timelineMode"))).selectByValue("NICE");
        new Select(driver.findElement(By.id("projectPlannedMode"))).selectByValue("NICE");
        person.type("summary", "Let sales see every company size and industry for a month.");
        person.screenshot("criteria-propose");
        person.click(By.id("submit-proposal"));

        wait.until(visibilityOfElementLocated(By.id("what-if")));
        String versionUrl = driver.getCurrentUrl();
        assertThat(driver.findElement(By.id("version-status")).getText()).isEqualTo("Proposed");
        assertThat(driver.findElement(By.cssSelector(".alert-success")).getText())
                .contains("was proposed. The other team has been notified.");
        assertThat(driver.findElement(By.id("diff")).getText())
                .contains("Company size")
                .contains("Industry");
        int now = number("what-if-now");
        int proposed = number("what-if-proposed");
        int newly = number("what-if-newly");
        int dropping = number("what-if-dropping");
        assertThat(proposed).isEqualTo(now + newly - dropping);
        assertThat(newly).isPositive();
        List<WebElement> examples = driver.findElements(By.cssSelector("#what-if a[href^='/leads/']"));
        assertThat(examples).isNotEmpty();
        String newlyQualifiedLead = examples.get(0).getAttribute("href");
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        assertThat(driver.findElement(By.id("why-not")).getText()).contains("You proposed this version");
        person.screenshot("criteria-version-what-if");
        int versionNumber =
                Integer.parseInt(driver.findElement(By.tagName("h1")).getText().replaceAll("[^0-9]", ""));
        signOut();

        person.signIn(workspace.sam());
        wait.until(visibilityOfElementLocated(By.id("unread-count")));
        assertThat(number("unread-count")).isPositive();
        driver.get(versionUrl);
        wait.until(visibilityOfElementLocated(By.id("approve")));
        person.type("approve-comment", "Fine for a month; we report back.");
        person.click(By.id("approve"));
        wait.until(textToBePresentInElementLocated(By.id("version-status"), "Active"));

        wait.until(d -> {
            person.open("/criteria");
            List<WebElement> done = d.findElements(By.id("reevaluation-done"));
            return !done.isEmpty() && done.get(0).getText().contains("version " + versionNumber);
        });
        driver.get(newlyQualifiedLead);
        wait.until(visibilityOfElementLocated(By.id("evaluation")));
        assertThat(driver.findElement(By.id("evaluation-version")).getText())
                .isEqualTo("evaluated against version " + versionNumber);
        assertThat(driver.findElement(By.id("qualified-badge")).getText()).isEqualTo("Qualified");
        person.screenshot("criteria-lead-evaluation");
    }
}
