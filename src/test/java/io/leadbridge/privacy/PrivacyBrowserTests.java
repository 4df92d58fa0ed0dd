package io.leadbridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin finds a person by e-mail, downloads the export (the JSON file's response is read in the page, as the button
 * posts it), erases them with the address typed again — first mistyped, then right — and the lead page, the list and
 * the search no longer show them.
 */
@BrowserTest
class PrivacyBrowserTests {

    @Autowired
    Workspaces workspaces;

    @Autowired
    LeadManagement leads;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void anAdminFindsExportsAndErasesAPerson() {
        Workspaces.Workspace workspace = workspaces.create();
        String last = "Quendel" + PrivacyTests.letters(8);
        LeadView lead = TestLeads.create(leads, workspace, workspace.mia(), "Ottilie", last);
        String email = lead.data().getEmail();

        Browser.Person admin = browsers.person();
        WebDriver driver = admin.driver();
        admin.signIn(workspace.admin().email(), workspace.password());

        admin.open("/admin/privacy");
        admin.type("find-email", email.toUpperCase(java.util.Locale.ROOT));
        admin.click(By.cssSelector("#privacy-find button[type='submit']"));
        admin.waiting().until(visibilityOfElementLocated(By.id("privacy-result")));
        assertThat(driver.findElement(By.id("privacy-leads")).getText()).contains(Long.toString(lead.id()));
        assertThat(driver.findElement(By.cssSelector("#privacy-counts [data-section='lead'] td:last-child"))
                        .getText())
                .isEqualTo("1");

        // The JSON export, as the download button posts it.
        Object json = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('privacy-export-json');
                fetch(form.action, {method: 'POST', body: new FormData(form)})
                    .then(r => r.text().then(t => done(r.status + ' ' + r.headers.get('content-disposition') + ' ' + t)))
                    .catch(e => done('failed ' + e));
                """);
        assertThat((String) json)
                .startsWith("200 attachment")
                .contains(email)
                .contains(last)
                .contains("\"timeline\"");
        admin.click(By.cssSelector("#privacy-export-json button"));

        // The confirmation mistyped: the error at the field, nothing erased.
        admin.open("/admin/privacy?email=" + email);
        admin.type("confirmation", "not-" + email);
        admin.click(By.id("privacy-erase-button"));
        admin.waiting().until(visibilityOfElementLocated(By.id("confirmation-error")));
        assertThat(driver.findElement(By.id("privacy-leads")).getText()).contains(Long.toString(lead.id()));

        admin.type("confirmation", email);
        admin.click(By.id("privacy-erase-button"));
        admin.waiting().until(visibilityOfElementLocated(By.id("tombstone")));
        admin.screenshot("privacy-tombstone");

        admin.open("/admin/privacy");
        assertThat(driver.findElements(By.cssSelector("#privacy-access-log [data-export-id]")))
                .isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#privacy-tombstones [data-tombstone-id]")))
                .hasSize(1);

        admin.open("/leads/" + lead.id());
        assertThat(driver.getPageSource()).doesNotContain(last).doesNotContain(email);
        admin.open("/leads");
        assertThat(driver.getPageSource()).doesNotContain(last).doesNotContain(email);
        admin.open("/leads?q=" + last);
        assertThat(driver.getPageSource()).doesNotContain(last + "<").doesNotContain(email);
        assertThat(driver.findElements(By.cssSelector("a[href='/leads/" + lead.id() + "']")))
                .isEmpty();
    }
}
