package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Swagger UI in a real browser runs without a single Content Security Policy violation, and shows the intake API's
 * documented answers.
 */
@BrowserTest
class SwaggerUiBrowserTests {

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void swaggerUiRunsUnderItsPolicyAndListsTheAnswers() {
        Browser.Person visitor = browsers.person();
        ChromeDriver driver = (ChromeDriver) visitor.driver();
        // Recorded from the first script of every page on, by the browser itself (not subject to the page's policy).
        driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument",
                Map.of(
                        "source",
                        "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) {"
                                + " window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });"));

        visitor.open("/swagger-ui.html");
        visitor.waiting().until(visibilityOfElementLocated(By.cssSelector(".opblock-summary-post")));
        visitor.click(By.cssSelector("#operations-Leads-create .opblock-summary"));
        visitor.waiting()
                .until(visibilityOfElementLocated(By.cssSelector("#operations-Leads-create .responses-table")));
        String responses = driver.findElement(By.cssSelector("#operations-Leads-create .responses-table"))
                .getText();
        assertThat(responses).contains("201", "400", "401", "409", "413", "415", "422");
        visitor.screenshot("swagger-ui");

        @SuppressWarnings("unchecked")
        List<String> violations =
                (List<String>) ((JavascriptExecutor) driver).executeScript("return window.__violations");
        assertThat(violations).isEmpty();
    }
}
