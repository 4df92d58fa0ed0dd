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
 * A laptop's screen (1366×900), for the person who sees the most (every role at once), in English and in German, with a
 * long name and workspace name: the navigation bar is one line; the promises card shows its whole table.
 */
@BrowserTest
class LaptopScreenBrowserTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    AccountManagement accounts;

    @RegisterExtension
    Browsers browsers = new Browsers();

    /** The navigation's height and, for each thing it shows, where it sits (top and bottom, in CSS pixels). */
    @SuppressWarnings("unchecked")
    Map<String, Object> layout(Browser.Person person) {
        return (Map<String, Object>) ((JavascriptExecutor) person.driver()).executeScript("""
                        var nav = document.querySelector('nav.navbar');
                        var shown = Array.from(nav.querySelectorAll(
                                '.navbar-brand, .nav-link, #lang-en, #lang-de, #bell, #signed-in-as, #sign-out'))
                            .filter(function (e) { return e.offsetParent !== null; });
                        return {
                            height: nav.getBoundingClientRect().height,
                            width: window.innerWidth,
                            overflow: Math.max(nav.scrollWidth - nav.clientWidth, Math.max.apply(null, shown
                                .map(function (e) { return Math.round(e.getBoundingClientRect().right); }))
                                - window.innerWidth),
                            items: shown.map(function (e) {
                                var r = e.getBoundingClientRect();
                                return (e.id || e.textContent.trim()) + '@' + Math.round(r.left) + '-' + Math.round(r.right)
                                    + 'x' + Math.round(r.top) + '-' + Math.round(r.bottom);
                            }),
                            centers: shown.map(function (e) {
                                var r = e.getBoundingClientRect();
                                return Math.round((r.top + r.bottom) / 2);
                            })
                        };
                        """);
    }

    /** Signs in, in a new browser at 1366×900, someone of a new workspace who holds every role. */
    Browser.Person everyRole() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignedInAccount admin = accounts.signUp(new AccountManagement.SignUp(
                "Becker Maschinenbau GmbH " + run,
                "Alexandra Administrator",
                "ada-" + run + "@nav.example",
                PASSWORD,
                Locale.ENGLISH));
        String email = "every-" + run + "@nav.example";
        CurrentTenant.runAs(
                admin.tenantId(),
                () -> accounts.create(new AccountManagement.NewPerson(
                        "Maximiliane Mustermann-Schneider",
                        email,
                        Set.of(Role.ADMIN, Role.MARKETER, Role.SALES_REP, Role.LIAISON),
                        PASSWORD)));

        Browser.Person person = browsers.person();
        person.driver().manage().window().setSize(new Dimension(1366, 900));
        person.signIn(email, PASSWORD);
        return person;
    }

    @Test
    void theNavigationIsOneLineHighAt1366PixelsForSomeoneWithEveryRole() {
        Browser.Person person = everyRole();
        for (String language : List.of("en", "de")) {
            person.open("/leads?lang=" + language);
            person.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out")));
            Map<String, Object> layout = layout(person);
            List<Number> centers = (List<Number>) layout.get("centers");
            int first = centers.get(0).intValue();

            assertThat(((Number) layout.get("width")).intValue())
                    .as("window width")
                    .isBetween(1350, 1366);
            assertThat(centers)
                    .as("every item on the brand's line (%s): %s", language, layout.get("items"))
                    .allSatisfy(center -> assertThat(center.intValue()).isBetween(first - 6, first + 6));
            assertThat(((Number) layout.get("height")).doubleValue())
                    .as("the navigation's height (%s): %s", language, layout.get("items"))
                    .isLessThanOrEqualTo(64);
            assertThat(((Number) layout.get("overflow")).intValue())
                    .as(
                            "nothing of the navigation beyond the window's right edge (%s): %s",
                            language, layout.get("items"))
                    .isLessThanOrEqualTo(0);
            person.screenshot("navigation-1366-" + language);
        }
    }

    @Test
    void thePromisesCardShowsItsWholeTableInGermanToo() {
        Browser.Person person = everyRole();

        for (String dashboard : List.of("/sales", "/marketing")) {
            for (String language : List.of("en", "de")) {
                person.open(dashboard + "?lang=" + language);
                person.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("promise-table")));
                @SuppressWarnings("unchecked")
                Map<String, Number> fit =
                        (Map<String, Number>) ((JavascriptExecutor) person.driver()).executeScript("""
                                var card = document.querySelector('#promises .card-body');
                                var table = document.getElementById('promise-table');
                                return {nested: document.querySelectorAll('.card #promises, .card #activity').length,
                                        card: Math.round(card.getBoundingClientRect().right),
                                        table: Math.round(table.getBoundingClientRect().right),
                                        scroll: table.parentElement.scrollWidth - table.parentElement.clientWidth};
                                """);
                assertThat(fit.get("nested").intValue())
                        .as("the promises and activity cards stand on their own, not inside the goal's card")
                        .isZero();
                assertThat(fit.get("table").intValue())
                        .as("the table's right edge inside the card (%s %s): %s", dashboard, language, fit)
                        .isLessThanOrEqualTo(fit.get("card").intValue());
                assertThat(fit.get("scroll").intValue())
                        .as("nothing to scroll sideways")
                        .isLessThanOrEqualTo(0);
                person.screenshot("promises" + dashboard.replace('/', '-') + "-" + language);
            }
        }
    }
}
