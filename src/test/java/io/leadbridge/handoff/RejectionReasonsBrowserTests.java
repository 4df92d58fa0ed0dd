package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.DemoWorkspaceBrowserTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The admin writes the workspace's own rejection reasons in a real browser: a label that is too short is answered
 * at the field, a new reason (needing a comment) is offered to sales at once, and a reason switched off is not. In a
 * workspace of its own with the demo's content (leads waiting in Sam's queue).
 */
@BrowserTest
class RejectionReasonsBrowserTests extends DemoWorkspaceBrowserTest {

    /** The row of the reason with this label on the admin page, or null while there is none. */
    WebElement row(String label) {
        return driver.findElements(By.cssSelector("#reason-list tr[data-code]")).stream()
                .filter(r -> r.findElements(By.cssSelector("input[name='label']")).stream()
                        .anyMatch(input -> label.equals(input.getDomProperty("value"))))
                .findFirst()
                .orElse(null);
    }

    @Test
    void theAdminAddsAReasonThatSalesCanChooseAndSwitchesOneOff() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String kept = "Bought from a competitor " + suffix;
        String dropped = "Wrong country " + suffix;
        person.signIn(workspace.admin());
        person.open("/admin/rejection-reasons");

        // Too short: the form comes back with the error at the field and the text kept.
        person.type("new-label", "No");
        person.click(By.id("add-reason"));
        person.waiting().until(visibilityOfElementLocated(By.cssSelector("#new-label.is-invalid")));
        assertThat(driver.findElement(By.cssSelector("#reason-form .invalid-feedback"))
                        .getText())
                .contains("3 to 80 characters");
        assertThat(driver.findElement(By.id("new-label")).getDomProperty("value"))
                .isEqualTo("No");

        person.type("new-label", kept);
        person.click(By.id("new-comment"));
        person.click(By.id("add-reason"));
        String keptCode = person.waiting().until(d -> row(kept)).getDomAttribute("data-code");
        assertThat(driver.getPageSource()).contains("sales can choose it now");
        assertThat(driver.findElement(By.id("comment-" + keptCode)).isSelected())
                .isTrue();

        person.type("new-label", dropped);
        person.click(By.id("add-reason"));
        // The confirmation of the first reason is still on the page: wait for the second reason's own row.
        String droppedCode = person.waiting().until(d -> row(dropped)).getDomAttribute("data-code");
        person.click(By.id("active-" + droppedCode));
        person.click(By.id("save-" + droppedCode));
        person.waiting()
                .until(d -> !d.findElement(By.id("active-" + droppedCode)).isSelected());
        person.signOut();

        // Sam's queue offers the new reason at once, and not the one switched off.
        person.signIn(workspace.sam());
        person.open("/sales/queue");
        person.click(By.cssSelector("a.open-reject"));
        WebElement select = person.waiting().until(visibilityOfElementLocated(By.cssSelector("select.reason")));
        List<String> offered = select.findElements(By.tagName("option")).stream()
                .map(WebElement::getText)
                .toList();
        // The new reason needs a comment, and the row's form says so (issue 16).
        assertThat(offered).contains(kept + " *").doesNotContain(dropped, dropped + " *");
    }
}
