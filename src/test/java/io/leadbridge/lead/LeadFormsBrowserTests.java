package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.DemoWorkspaceBrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Forms and the lead list in a real browser (issue 16): a failed submit puts the keyboard on the first field in error,
 * required fields are marked, Back shows the filters of the rows it shows, and "Apply filters" after typing a search
 * adds no second history entry. Each test works in a workspace of its own with the demo's leads.
 */
@BrowserTest
class LeadFormsBrowserTests extends DemoWorkspaceBrowserTest {

    @BeforeEach
    void signInAsMia() {
        person.signIn(workspace.mia());
        wait.until(d -> d.getCurrentUrl().endsWith("/marketing"));
    }

    /**
     * Types a search the way a quick typist does, in one input event: typed key by key on a slow machine, a pause
     * longer than the list's 400 ms delay between two letters would search (and add a history entry) in between.
     */
    void search(String text) {
        js(
                "var q = document.getElementById('q'); q.focus(); q.value = arguments[0];"
                        + " q.dispatchEvent(new Event('input', {bubbles: true}));",
                text);
    }

    Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    String focused() {
        return (String) js("return document.activeElement ? document.activeElement.id : null");
    }

    String marker(By label) {
        return (String) js("return getComputedStyle(arguments[0], '::after').content", driver.findElement(label));
    }

    /** Waits until htmx has no request in flight and has settled what it swapped. */
    void htmxIdle() {
        wait.until(d -> Boolean.TRUE.equals(
                js("return document.querySelector('.htmx-request, .htmx-settling," + " .htmx-swapping') === null")));
    }

    @Test
    void aFailedSubmitPutsTheKeyboardOnTheFirstFieldInErrorAndRequiredFieldsAreMarked() {
        person.open("/leads/new");
        wait.until(visibilityOfElementLocated(By.id("lead-form")));
        assertThat(marker(By.cssSelector("label[for='email']"))).contains("*");
        assertThat(marker(By.cssSelector("label[for='companyName']"))).contains("*");
        assertThat(marker(By.cssSelector("label[for='firstName']"))).isIn("none", "normal", "");
        assertThat(driver.findElement(By.id("email")).getAttribute("aria-required"))
                .isEqualTo("true");
        assertThat(driver.findElement(By.id("email")).getAttribute("required")).isNotNull();
        assertThat(new Select(driver.findElement(By.id("timeline")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("UNKNOWN");

        person.type("firstName", "Fokus");
        person.type("website", "no website");
        person.click(By.cssSelector("#lead-form button[type='submit']"));

        wait.until(visibilityOfElementLocated(By.id("email-error")));
        assertThat(driver.findElement(By.id("email-error")).getText()).isEqualTo("Please fill this in.");
        wait.until(d -> "email".equals(focused()));
        assertThat(driver.findElement(By.id("firstName")).getAttribute("value")).isEqualTo("Fokus");
        person.screenshot("lead-form-focus-on-first-error");

        // The comment form of a lead page: its only field takes the focus after an empty comment.
        person.open("/leads");
        wait.until(visibilityOfElementLocated(By.cssSelector("#leads tbody tr[data-lead-id] a")));
        person.click(By.cssSelector("#leads tbody tr[data-lead-id] a"));
        wait.until(visibilityOfElementLocated(By.id("comment-form")));
        assertThat(marker(By.cssSelector("label[for='comment-body']"))).contains("*");
        person.click(By.id("post-comment"));
        wait.until(
                d -> d.findElement(By.id("comment-body")).getAttribute("class").contains("is-invalid"));
        wait.until(d -> "comment-body".equals(focused()));
    }

    @Test
    void backShowsTheFiltersOfTheRowsItShows() {
        person.open("/leads");
        wait.until(visibilityOfElementLocated(By.id("lead-count")));
        String all = driver.findElement(By.id("lead-count")).getText();

        search("GmbH");
        wait.until(d -> d.getCurrentUrl().contains("q=GmbH"));
        htmxIdle();
        wait.until(d -> !d.findElement(By.id("lead-count")).getText().equals(all));
        String searched = driver.findElement(By.id("lead-count")).getText();

        new Select(driver.findElement(By.id("stage"))).selectByValue("NEW_INQUIRY");
        wait.until(d -> d.getCurrentUrl().contains("stage=NEW_INQUIRY"));
        htmxIdle();
        wait.until(d -> !d.findElement(By.id("lead-count")).getText().equals(searched));

        driver.navigate().back();
        wait.until(d -> !d.getCurrentUrl().contains("stage=NEW_INQUIRY"));
        htmxIdle();
        wait.until(d -> d.findElement(By.id("lead-count")).getText().equals(searched));
        WebElement q = driver.findElement(By.id("q"));
        assertThat(q.getAttribute("value")).isEqualTo("GmbH");
        assertThat(new Select(driver.findElement(By.id("stage")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEmpty();
        person.screenshot("lead-list-after-back");

        driver.navigate().back();
        wait.until(d -> !d.getCurrentUrl().contains("q=GmbH"));
        htmxIdle();
        wait.until(d -> d.findElement(By.id("lead-count")).getText().equals(all));
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEmpty();
    }

    @Test
    void applyingFiltersAfterTypingASearchAddsOneHistoryEntry() {
        person.open("/leads");
        wait.until(visibilityOfElementLocated(By.id("lead-count")));
        long before = (Long) js("return history.length");

        search("AG");
        wait.until(d -> d.getCurrentUrl().contains("q=AG"));
        htmxIdle();
        // A page load would replace the document, and this mark with it.
        js("document.body.setAttribute('data-still-here', 'yes')");
        person.click(By.cssSelector("#lead-filters button[type='submit']"));
        wait.until(d -> "complete".equals(js("return document.readyState")));
        htmxIdle();
        assertThat(js("return document.body.getAttribute('data-still-here')")).isEqualTo("yes");

        assertThat(driver.getCurrentUrl()).contains("q=AG");
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).isEqualTo("AG");
        assertThat((Long) js("return history.length")).isEqualTo(before + 1);

        driver.navigate().back();
        wait.until(d -> !d.getCurrentUrl().contains("q=AG"));
        assertThat(driver.getCurrentUrl()).endsWith("/leads");
    }
}
