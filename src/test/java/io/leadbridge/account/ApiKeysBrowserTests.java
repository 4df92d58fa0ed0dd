package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin creates an API key, copies it, reloads the page (no second key, no secret), and revokes it after the
 * browser's confirmation: all under the application's Content Security Policy (no inline script).
 */
@BrowserTest
class ApiKeysBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void theKeyIsShownOnceCopiedAndRevokedOnlyAfterConfirmation() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "ada-" + run + "@keys.example";
        accounts.signUp(new AccountManagement.SignUp("Keys " + run, "Ada Admin", email, PASSWORD, Locale.ENGLISH));
        Browser.Person ada = browsers.person();
        WebDriver driver = ada.driver();
        ada.signIn(email, PASSWORD);

        ada.open("/admin/api-keys");
        ada.type("name", "HubSpot");
        ada.click(By.cssSelector("#api-key-form button[type='submit']"));
        ada.waiting().until(visibilityOfElementLocated(By.id("new-key")));
        assertThat(driver.getCurrentUrl()).endsWith("/admin/api-keys/created");
        String key = driver.findElement(By.id("new-key")).getDomProperty("value");
        assertThat(key).startsWith("lb_");

        // The copy button works without inline script (it is hidden where no script runs).
        ada.click(By.id("copy-key"));
        // The button says "Copied" for two seconds; the status line for screen readers keeps saying it.
        ada.waiting()
                .until(d ->
                        "Copied".equals(d.findElement(By.id("copy-key-status")).getDomProperty("textContent")));
        ada.screenshot("api-key-created");

        // A reload shows the key no more and creates no other one.
        driver.navigate().refresh();
        ada.waiting().until(visibilityOfElementLocated(By.id("key-gone")));
        assertThat(driver.getPageSource()).doesNotContain(key);
        ada.open("/admin/api-keys");
        assertThat(driver.findElements(By.cssSelector("#api-keys tr[data-key-id]")))
                .hasSize(1);

        // Revoking asks first: cancelled, nothing happens; confirmed, the key is revoked.
        By revoke = By.cssSelector("#api-keys tr[data-key-id] button.btn-outline-danger");
        ada.click(revoke);
        Alert question = ada.waiting().until(alertIsPresent());
        assertThat(question.getText()).contains("Revoke the key “HubSpot”?");
        question.dismiss();
        assertThat(driver.findElements(revoke)).hasSize(1);
        assertThat(driver.getCurrentUrl()).endsWith("/admin/api-keys");

        ada.click(revoke);
        ada.waiting().until(alertIsPresent()).accept();
        ada.waiting().until(d -> d.findElements(revoke).isEmpty());
        assertThat(driver.findElement(By.id("api-keys")).getText()).contains("Revoked by Ada Admin");
    }
}
