package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the walkthrough of issue 16 saw only in a browser: the sales dashboard on a phone (390×844) does not scroll
 * sideways, and the lead list's filter bar on a laptop (1366×900) shows every control wide enough for its value.
 */
@BrowserTest
class WalkFixesBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @RegisterExtension
    Browsers browsers = new Browsers();

    /** Signs in, in a new browser of the given size, someone of a new workspace who holds every role. */
    Browser.Person everyRole(int width, int height) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignedInAccount admin = accounts.signUp(new AccountManagement.SignUp(
                "Walk " + run, "Ada Admin", "ada-" + run + "@walk.example", PASSWORD, Locale.ENGLISH));
        String email = "every-" + run + "@walk.example";
        CurrentTenant.runAs(
                admin.tenantId(),
                () -> accounts.create(new AccountManagement.NewPerson(
                        "Maximiliane Mustermann-Schneider",
                        email,
                        Set.of(Role.ADMIN, Role.MARKETER, Role.SALES_REP, Role.LIAISON),
                        PASSWORD)));
        Browser.Person person = browsers.person();
        person.driver().manage().window().setSize(new Dimension(width, height));
        person.signIn(email, PASSWORD);
        return person;
    }

    @Test
    void theSalesDashboardFitsAPhoneWithoutScrollingSideways() {
        Browser.Person person = everyRole(390, 844);
        for (String language : List.of("en", "de")) {
            person.open("/sales?lang=" + language);
            person.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("team")));
            @SuppressWarnings("unchecked")
            Map<String, Number> fit = (Map<String, Number>) ((JavascriptExecutor) person.driver()).executeScript("""
                    var team = document.getElementById('team');
                    return {scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
                            team: Math.round(team.getBoundingClientRect().right)};
                    """);
            assertThat(fit.get("width").intValue()).as("window width").isLessThanOrEqualTo(390);
            assertThat(fit.get("team").intValue())
                    .as("the sales team inside the window (%s): %s", language, fit)
                    .isLessThanOrEqualTo(fit.get("width").intValue());
            assertThat(fit.get("scroll").intValue())
                    .as("the page does not scroll sideways (%s): %s", language, fit)
                    .isLessThanOrEqualTo(fit.get("width").intValue());
            ((JavascriptExecutor) person.driver())
                    .executeScript(
                            "document.getElementById('team').scrollIntoView({behavior: 'instant', block: 'start'})");
            person.screenshot("sales-team-phone-" + language);
        }
    }

    @Test
    void theLeadFiltersShowEveryControlWholeAt1366Pixels() {
        Browser.Person person = everyRole(1366, 900);
        for (String language : List.of("en", "de")) {
            person.open("/leads?lang=" + language + "&createdFrom=2026-11-01&createdTo=2026-12-31");
            person.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("lead-filters")));
            @SuppressWarnings("unchecked")
            List<String> narrow = (List<String>) ((JavascriptExecutor) person.driver()).executeScript("""
                    // A checkbox (re-engaged) shows no value that could be cut.
                    return Array.from(document.querySelectorAll(
                            '#lead-filters input:not([type=checkbox]), #lead-filters select'))
                        .filter(function (e) { return e.getBoundingClientRect().width < 150; })
                        .map(function (e) { return e.id + ': ' + Math.round(e.getBoundingClientRect().width) + 'px'; });
                    """);
            assertThat(narrow)
                    .as("controls too narrow for their value (%s)", language)
                    .isEmpty();
            person.screenshot("lead-filters-1366-" + language);
        }
    }
}
