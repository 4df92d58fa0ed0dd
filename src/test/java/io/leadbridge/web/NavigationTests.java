package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The navigation shows each person the pages of their roles, and a visitor who is not signed in only sign-in. */
@IntegrationTest
class NavigationTests {

    static final List<String> ALL = List.of(
            "/marketing",
            "/sales",
            "/liaison",
            "/sales/queue",
            "/leads",
            "/goals",
            "/activity",
            "/criteria",
            "/funnel",
            "/admin/users",
            "/admin/api-keys",
            "/admin/settings",
            "/admin/rejection-reasons");

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    MockMvc mvc;

    List<String> navigation(SignedInAccount person) throws Exception {
        String page = mvc.perform(get("/leads").with(user(person)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String nav = page.substring(page.indexOf("id=\"main-nav\""), page.indexOf("</nav>"));
        return ALL.stream()
                .filter(path -> nav.contains("class=\"nav-link\" href=\"" + path + "\"")
                        || nav.contains("class=\"dropdown-item\" href=\"" + path + "\""))
                .toList();
    }

    @Test
    void eachRoleSeesItsOwnPages() throws Exception {
        TestWorkspace workspace = workspaces.create();
        assertThat(navigation(workspace.marketer()))
                .containsExactly("/marketing", "/leads", "/goals", "/activity", "/criteria", "/funnel");
        assertThat(navigation(workspace.salesRep()))
                .containsExactly("/sales", "/sales/queue", "/leads", "/goals", "/activity", "/criteria", "/funnel");
        assertThat(navigation(workspace.liaison()))
                .containsExactly("/liaison", "/leads", "/goals", "/activity", "/criteria", "/funnel");
        assertThat(navigation(workspace.admin()))
                .contains("/admin/users", "/admin/api-keys", "/admin/settings", "/admin/rejection-reasons")
                .doesNotContain("/marketing", "/sales", "/liaison", "/sales/queue");
    }

    @Test
    void aVisitorWhoIsNotSignedInSeesSignInAndSignUpOnly() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        String nav = page.substring(page.indexOf("id=\"main-nav\""), page.indexOf("</nav>"));
        assertThat(nav).contains("href=\"/login\"", "href=\"/signup\"").doesNotContain("href=\"/leads\"");
    }
}
