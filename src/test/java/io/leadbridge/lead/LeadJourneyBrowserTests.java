package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.DemoWorkspaceBrowserTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A marketer's day with leads in a real browser: a lead typed in with a mistake and corrected, found again by search,
 * opened with its timeline; then a small CSV imported through the preview. In a workspace of its own with the demo's
 * content.
 */
@BrowserTest
class LeadJourneyBrowserTests extends DemoWorkspaceBrowserTest {

    void signInAsMia() {
        person.signIn(workspace.mia());
        wait.until(d -> d.getCurrentUrl().endsWith("/marketing"));
    }

    @Test
    void aMarketerCreatesAFindsALeadAndImportsAFile() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String company = "Journey Werkzeugbau " + run;
        signInAsMia();

        person.open("/leads/new");
        wait.until(visibilityOfElementLocated(By.id("lead-form")));
        person.type("firstName", "Greta");
        person.type("lastName", "Gruber");
        person.type("email", "greta.gruber(at)journey.example");
        person.type("companyName", company);
        person.type("employees", "180");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("industry"))).selectByValue("MANUFACTURING");
        person.type("country", "at");
        person.click(By.cssSelector("#lead-form button[type='submit']"));

        wait.until(visibilityOfElementLocated(By.id("email-error")));
        assertThat(driver.findElement(By.id("email-error")).getText()).contains("valid e-mail address");
        assertThat(driver.findElement(By.id("companyName")).getAttribute("value"))
                .isEqualTo(company);
        person.screenshot("lead-form-error");

        person.type("email", "greta.gruber-" + run + "@journey.example");
        person.click(By.cssSelector("#lead-form button[type='submit']"));
        wait.until(visibilityOfElementLocated(By.id("lead-name")));
        assertThat(driver.findElement(By.id("lead-name")).getText()).isEqualTo("Greta Gruber");
        String leadUrl = driver.getCurrentUrl();

        person.open("/leads");
        person.type("q", run);
        person.click(By.cssSelector("#lead-filters button[type='submit']"));
        // The new lead heads the unfiltered list too: wait for the search's answer, the one row that matches.
        wait.until(d -> {
            try {
                var rows = d.findElements(By.cssSelector("#leads tbody tr[data-lead-id]"));
                return rows.size() == 1 && rows.get(0).getText().contains(company);
            } catch (org.openqa.selenium.StaleElementReferenceException swappedMeanwhile) {
                return false;
            }
        });
        assertThat(driver.findElements(By.cssSelector("#leads tbody tr[data-lead-id]")))
                .hasSize(1);
        person.click(By.linkText("Greta Gruber"));

        wait.until(d -> d.getCurrentUrl().equals(leadUrl));
        wait.until(visibilityOfElementLocated(By.id("timeline")));
        assertThat(driver.findElement(By.cssSelector("#timeline li[data-type='CREATED']"))
                        .getText())
                .contains("Created")
                .contains("Mia Marketing");
        assertThat(driver.findElement(By.id("evaluation")).getText()).contains("Company size");
        person.screenshot("lead-detail-timeline");

        Path csv = Files.createTempFile("leads-", ".csv");
        Files.writeString(csv, """
                email;companyName;firstName;lastName;employees;industry;country
                imp1-%1$s@import.example;Import Eins %1$s GmbH;Ida;Import;300;LOGISTICS;DE
                imp2-%1$s@import.example;Import Zwei %1$s GmbH;Jan;Import;80;ENERGY;CH
                """.formatted(run), StandardCharsets.UTF_8);
        person.open("/leads/import");
        driver.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        person.click(By.id("upload"));

        wait.until(visibilityOfElementLocated(By.id("mapping")));
        // the rows are checked in the background; the page polls until the outcome is kept
        wait.until(visibilityOfElementLocated(By.id("valid-rows")));
        assertThat(driver.findElement(By.id("valid-rows")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("invalid-rows")).getText()).isEqualTo("0");
        person.screenshot("lead-import-preview");
        person.click(By.id("import-all"));

        wait.until(presenceOfElementLocated(By.id("import-done")));
        assertThat(driver.findElement(By.id("import-done")).getText()).contains("2 leads were imported");
        person.open("/leads?q=" + run);
        wait.until(textToBePresentInElementLocated(By.id("lead-count"), "3 leads match"));
        Files.deleteIfExists(csv);
    }
}
