package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.http.Cookie;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The navigation's kept parts (NavigationMenu): each set of roles and each language gets a menu of its own, and what
 * is a person's own (the name, the workspace, the queue's count, the sign-out form's CSRF token) is never kept: two
 * people with the same roles and language each see their own.
 */
@IntegrationTest
class NavigationMenuTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    MockMvc mvc;

    @Autowired
    NavigationMenu menus;

    String page(SignedInAccount person, String language) throws Exception {
        return mvc.perform(get("/leads").with(user(person)).cookie(new Cookie("LEADBRIDGE_LANG", language)))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    static String nav(String page) {
        return page.substring(page.indexOf("<nav class=\"navbar"), page.indexOf("</nav>"));
    }

    static String menu(String page) {
        String nav = nav(page);
        int start = nav.indexOf("<ul class=\"navbar-nav me-auto\">");
        return nav.substring(start, nav.indexOf("id=\"nav-tools\"", start));
    }

    @Test
    void eachRoleAndLanguageHasItsOwnMenu() throws Exception {
        TestWorkspace workspace = workspaces.create();
        // The marketer first, so that the rep's page would show the marketer's menu if the roles were no part of the
        // key.
        String marketerEnglish = menu(page(workspace.marketer(), "en"));
        String repEnglish = menu(page(workspace.salesRep(), "en"));
        String repGerman = menu(page(workspace.salesRep(), "de"));
        String marketerGerman = menu(page(workspace.marketer(), "de"));

        assertThat(marketerEnglish)
                .contains("href=\"/marketing\">Marketing</a>", "href=\"/criteria\">Criteria</a>")
                .doesNotContain("href=\"/sales\"", "id=\"nav-queue\"");
        assertThat(repEnglish)
                .contains("href=\"/sales\">Sales</a>", "id=\"nav-queue\"", "href=\"/leads\">Leads</a>")
                .doesNotContain("href=\"/marketing\"");
        assertThat(repGerman)
                .contains("href=\"/sales\">Vertrieb</a>", "<span>Eingang</span>", "href=\"/criteria\">Kriterien</a>")
                .doesNotContain("href=\"/marketing\"", ">Sales<", ">Criteria<");
        assertThat(marketerGerman)
                .contains("href=\"/marketing\">Marketing</a>", "href=\"/criteria\">Kriterien</a>")
                .doesNotContain("href=\"/sales\"", ">Criteria<");
        // The language switch marks the page's language, in each language's page.
        assertThat(nav(page(workspace.salesRep(), "de")))
                .contains("id=\"lang-de\" class=\"btn btn-outline-light active\"")
                .contains("aria-label=\"Sprache\"");
        assertThat(nav(page(workspace.salesRep(), "en")))
                .contains("id=\"lang-en\" class=\"btn btn-outline-light active\"")
                .contains("aria-label=\"Language\"");
        assertThat(menus.kept()).isBetween(4L, (long) NavigationMenu.KEPT);
    }

    @Test
    void aPersonsNameCountAndTokenAreNeverAnotherPersons() throws Exception {
        TestWorkspace workspace = workspaces.create();
        AtomicReference<SignedInAccount> other = new AtomicReference<>();
        CurrentTenant.runAs(workspace.tenantId(), () -> other.set(workspaces.add("Rita Rep", Role.SALES_REP)));

        String sven = page(workspace.salesRep(), "en");
        String rita = page(other.get(), "en");

        assertThat(nav(sven)).contains(">Sven Sales</a>").doesNotContain("Rita Rep");
        assertThat(nav(rita)).contains(">Rita Rep</a>").doesNotContain("Sven Sales");
        // The same menu (same roles, same language), each with the sign-out form's own token.
        assertThat(menu(rita)).isEqualTo(menu(sven));
        assertThat(csrf(sven)).isNotBlank().isNotEqualTo(csrf(rita));
        // The queue's count is the person's own: Rita's is rendered for Rita (both are 0 here, and both show it).
        assertThat(nav(rita)).contains("id=\"nav-queue-count\"");
    }

    static String csrf(String page) {
        String nav = nav(page);
        int form = nav.indexOf("action=\"/logout\"");
        int value = nav.indexOf("name=\"_csrf\" value=\"", form) + "name=\"_csrf\" value=\"".length();
        return nav.substring(value, nav.indexOf('"', value));
    }
}
