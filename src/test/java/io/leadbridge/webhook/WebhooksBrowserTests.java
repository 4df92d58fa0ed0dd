package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An admin registers an endpoint in the browser (the events as checkboxes), copies its secret from the page that shows
 * it once, sends a test event from the endpoint's page and sees it delivered in the log; under the application's
 * Content Security Policy (no inline script).
 */
@BrowserTest
class WebhooksBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void anAdminRegistersAnEndpointCopiesItsSecretAndSendsATestEvent() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "ada-" + run + "@hooks.example";
        accounts.signUp(new AccountManagement.SignUp("Hooks " + run, "Ada Admin", email, PASSWORD, Locale.ENGLISH));
        try (Receiver receiver = new Receiver(200)) {
            Browser.Person ada = browsers.person();
            WebDriver driver = ada.driver();
            ada.signIn(email, PASSWORD);

            ada.open("/admin/webhooks");
            // Nothing chosen: the form comes back with the error at the events.
            ada.type("url", receiver.url());
            ada.click(By.cssSelector("#endpoint-form button[type='submit']"));
            ada.waiting().until(visibilityOfElementLocated(By.id("events-error")));
            assertThat(driver.findElement(By.id("url")).getDomProperty("value")).isEqualTo(receiver.url());

            ada.click(By.cssSelector("#endpoint-form input[value='HANDOFF_ACCEPTED']"));
            ada.click(By.cssSelector("#endpoint-form input[value='LEAD_WON']"));
            ada.click(By.cssSelector("#endpoint-form button[type='submit']"));
            ada.waiting().until(visibilityOfElementLocated(By.id("new-secret")));
            String secret = driver.findElement(By.id("new-secret")).getDomProperty("value");
            assertThat(secret).startsWith("whsec_");
            ada.click(By.id("copy-key"));
            ada.waiting()
                    .until(d -> "Copied"
                            .equals(d.findElement(By.id("copy-key-status")).getDomProperty("textContent")));
            ada.screenshot("webhook-secret");

            driver.navigate().refresh();
            ada.waiting().until(visibilityOfElementLocated(By.id("secret-gone")));
            assertThat(driver.getPageSource()).doesNotContain(secret);

            ada.click(By.linkText("Done"));
            ada.waiting().until(visibilityOfElementLocated(By.id("send-test")));
            ada.click(By.id("send-test"));
            ada.waiting().withTimeout(Duration.ofSeconds(30)).until(d -> {
                d.navigate().refresh();
                return d.findElements(By.cssSelector("#deliveries .state")).stream()
                        .anyMatch(state -> state.getText().equals("Delivered"));
            });
            assertThat(driver.findElement(By.id("deliveries")).getText()).contains("webhook.test", "HTTP 200");
            assertThat(receiver.requests()).hasSize(1);
            ada.screenshot("webhook-log");
        }
    }
}
