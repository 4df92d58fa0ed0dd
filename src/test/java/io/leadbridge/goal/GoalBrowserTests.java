package io.leadbridge.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scoreboard with a month and a quarter goal in a real browser: the switch shows the other goal without a reload,
 * and choosing a period in the admin's form shows that period's goal, ready to correct. Runs in a workspace of its
 * own.
 */
@BrowserTest
class GoalBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @Autowired
    GoalManagement goals;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void theScoreboardSwitchesBetweenTheMonthAndTheQuarterAndTheFormFollowsThePeriod() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "ada-" + run + "@goal.example";
        SignedInAccount admin = accounts.signUp(
                new AccountManagement.SignUp("Goal " + run, "Ada Admin", email, PASSWORD, Locale.ENGLISH));
        CurrentTenant.runAs(admin.tenantId(), () -> {
            goals.set(
                    PeriodKind.QUARTER,
                    goals.today(),
                    new BigDecimal("100000"),
                    new BigDecimal("20000"),
                    40,
                    accounts.onBehalfOf(admin.accountId()));
            goals.set(
                    PeriodKind.MONTH,
                    goals.today(),
                    new BigDecimal("30000"),
                    new BigDecimal("5000"),
                    50,
                    accounts.onBehalfOf(admin.accountId()));
        });

        Browser.Person ada = browsers.person();
        WebDriver driver = ada.driver();
        ada.signIn(email, PASSWORD);
        ada.open("/goals");
        ada.waiting().until(visibilityOfElementLocated(By.id("goal-MONTH")));
        assertThat(driver.findElement(By.id("goal-progress-MONTH")).getText()).contains("of €30,000");
        ((JavascriptExecutor) driver).executeScript("window.__marker = 16");

        // The switch: the quarter's goal, without a reload.
        ada.click(By.cssSelector("#goal-switch a[href='/goals?goal=QUARTER']"));
        ada.waiting().until(visibilityOfElementLocated(By.id("goal-QUARTER")));
        assertThat(driver.findElement(By.id("goal-progress-QUARTER")).getText()).contains("of €100,000");
        assertThat(driver.findElements(By.id("goal-MONTH"))).isEmpty();
        assertThat(((JavascriptExecutor) driver).executeScript("return window.__marker"))
                .isEqualTo(16L);
        ada.screenshot("goal-scoreboard-quarter");

        // The form shows the month's goal; choosing the quarter shows the quarter's, prefilled.
        assertThat(driver.findElement(By.id("target")).getDomProperty("value")).isEqualTo("30000");
        new Select(driver.findElement(By.id("kind"))).selectByValue("QUARTER");
        ada.waiting().until(textToBePresentInElementLocated(By.id("goal-editing"), "Q"));
        ada.waiting().until(d -> "100000".equals(d.findElement(By.id("target")).getDomProperty("value")));
        assertThat(driver.findElement(By.id("bonusPool")).getDomProperty("value"))
                .isEqualTo("20000");
        // With script the form follows the choice by itself: no "Show" button (it serves browsers without script).
        assertThat(driver.findElement(By.id("show-goal")).isDisplayed()).isFalse();

        // Correcting the quarter's bonus changes that goal.
        ada.type("bonusPool", "25000");
        ada.click(By.id("save-goal"));
        ada.waiting()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("goal-bonus-QUARTER")).getText().contains("€25,000"));
        assertThat(driver.getCurrentUrl()).endsWith("/goals?goal=QUARTER");
        ada.screenshot("goal-form-after-correcting-the-quarter");
        BigDecimal month = CurrentTenant.callAs(
                        admin.tenantId(), () -> goals.goal(PeriodKind.MONTH, PeriodKind.MONTH.start(goals.today())))
                .orElseThrow()
                .bonusPool();
        assertThat(month).isEqualByComparingTo("5000");
    }

    @Test
    void pressingEnterInTheGoalFormSavesTheGoal() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "eve-" + run + "@goal.example";
        SignedInAccount admin = accounts.signUp(
                new AccountManagement.SignUp("Enter " + run, "Eve Admin", email, PASSWORD, Locale.ENGLISH));

        Browser.Person eve = browsers.person();
        WebDriver driver = eve.driver();
        eve.signIn(email, PASSWORD);
        eve.open("/goals");
        eve.waiting().until(visibilityOfElementLocated(By.id("target")));
        eve.type("target", "80000");
        eve.type("bonusPool", "16000");
        driver.findElement(By.id("bonusPool")).sendKeys(Keys.ENTER);

        eve.waiting()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> d.getPageSource().contains("Goal saved; both teams see it now."));
        // Nothing of the form, least of all its CSRF token, lands in the address.
        assertThat(driver.getCurrentUrl()).doesNotContain("_csrf").doesNotContain("target=");
        assertThat(driver.findElement(By.id("goal-progress-QUARTER")).getText()).contains("of €80,000");
        eve.screenshot("goal-saved-with-enter");
        BigDecimal pool = CurrentTenant.callAs(
                        admin.tenantId(), () -> goals.goal(PeriodKind.QUARTER, PeriodKind.QUARTER.start(goals.today())))
                .orElseThrow()
                .bonusPool();
        assertThat(pool).isEqualByComparingTo("16000");
    }
}
