package io.leadbridge.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.DemoWorkspaceBrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Two proposals on the same active version: once the other team approves one, the other is outdated — nobody can
 * approve it and undo what was just agreed — and its author proposes the change again on top of the new version, the
 * form prefilled with that change applied to it. In a workspace of its own with the demo's content.
 */
@BrowserTest
class OutdatedProposalBrowserTests extends DemoWorkspaceBrowserTest {

    String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    /** Opens the proposal form on the active version, lets {@code change} fill it in, and sends it with a why. */
    String propose(Runnable change, String why) {
        person.open("/criteria/propose");
        wait.until(visibilityOfElementLocated(By.id("criteria-form")));
        change.run();
        person.type("summary", why);
        person.click(By.id("submit-proposal"));
        wait.until(visibilityOfElementLocated(By.id("version-status")));
        assertThat(driver.findElement(By.id("version-status")).getText()).isEqualTo("Proposed");
        return driver.getCurrentUrl();
    }

    @Test
    void theOtherTeamApprovesOneOfTwoProposalsTheOtherIsOutdatedAndItsAuthorProposesItAgainOnTop() {
        person.signIn(workspace.mia());
        person.open("/criteria/propose");
        wait.until(visibilityOfElementLocated(By.id("criteria-form")));
        String engagement = Integer.toString(value("minEngagement").equals("45") ? 46 : 45);
        int min = value("employeesMin").isEmpty() ? 1 : Integer.parseInt(value("employeesMin"));
        String max = Integer.toString(Math.max(
                min + 1, (value("employeesMax").isEmpty() ? 100_000 : Integer.parseInt(value("employeesMax"))) + 1));

        String engaged = propose(
                () -> {
                    person.type("minEngagement", engagement);
                    new Select(driver.findElement(By.id("engagementMode"))).selectByValue("NICE");
                },
                "Only leads that engaged with us.");
        String larger = propose(
                () -> {
                    person.type("employeesMax", max);
                    new Select(driver.findElement(By.id("employeesMode"))).selectByValue("REQUIRED");
                },
                "Larger companies count too.");
        person.signOut();

        person.signIn(workspace.sam());
        driver.get(larger);
        wait.until(visibilityOfElementLocated(By.id("approve")));
        person.click(By.id("approve"));
        wait.until(textToBePresentInElementLocated(By.id("version-status"), "Active"));
        String activeNumber = driver.findElement(By.tagName("h1")).getText().replaceAll("[^0-9]", "");

        driver.get(engaged);
        wait.until(visibilityOfElementLocated(By.id("outdated")));
        assertThat(driver.findElement(By.id("version-status")).getText()).isEqualTo("Outdated");
        assertThat(driver.findElement(By.id("outdated")).getText())
                .contains("version " + activeNumber + " became active since");
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        assertThat(driver.findElements(By.id("repropose"))).isEmpty();
        person.screenshot("proposal-outdated");
        person.signOut();

        person.signIn(workspace.mia());
        driver.get(engaged);
        wait.until(visibilityOfElementLocated(By.id("repropose")));
        person.click(By.id("repropose"));
        wait.until(visibilityOfElementLocated(By.id("reproposing")));
        assertThat(value("minEngagement")).isEqualTo(engagement);
        assertThat(value("employeesMax")).isEqualTo(max);
        assertThat(value("summary")).isEqualTo("Only leads that engaged with us.");
        person.screenshot("proposal-outdated-repropose");
        person.click(By.id("submit-proposal"));

        wait.until(visibilityOfElementLocated(By.id("version-status")));
        assertThat(driver.findElement(By.id("version-status")).getText()).isEqualTo("Proposed");
        assertThat(driver.getCurrentUrl()).isNotEqualTo(engaged);
        assertThat(driver.findElement(By.id("diff")).getText())
                .contains("Engagement")
                .doesNotContain("Company size");
    }
}
