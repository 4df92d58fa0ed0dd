package io.leadbridge.account;

import static io.leadbridge.account.TestWorkspaces.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantManagement;
import jakarta.servlet.http.Cookie;
import java.util.Set;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class LoginTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    BrowserSessions browser;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    AccountManagement accounts;

    @Autowired
    TenantManagement tenants;

    /** A liaison of the workspace with this e-mail address (which has an account elsewhere too). */
    private void sameAddressIn(TestWorkspace workspace, String email, String password) {
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> accounts.create(
                        new AccountManagement.NewPerson("Same Address", email, Set.of(Role.LIAISON), password)));
    }

    @Test
    void theRightPasswordSignsInAndLeadsHome() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(signIn(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD, "192.0.2.1"))
                .andExpect(redirectedUrl("/"))
                .andExpect(browser.signedIn("MARKETER"));
    }

    @Test
    void theEmailIsMatchedWithoutRegardToCase() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(signIn(workspace.salesRep().getEmail().toUpperCase(), TestWorkspaces.PASSWORD, "192.0.2.1"))
                .andExpect(browser.signedIn("SALES_REP"));
    }

    @Test
    void signingInGivesANewSessionId() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Cookie before = browser.newSession();

        MvcResult result = mvc.perform(signIn(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD, "192.0.2.1")
                        .with(BrowserSessions.with(before)))
                .andExpect(browser.signedIn())
                .andReturn();

        assertThat(BrowserSessions.id(BrowserSessions.cookie(result))).isNotEqualTo(BrowserSessions.id(before));
        assertThat(browser.signedIn(before)).isEmpty();
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(signIn(workspace.marketer().getEmail(), "wrong password!", "192.0.2.2"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(browser.signedOut());
        mvc.perform(signIn(TestWorkspaces.uniqueEmail("nobody"), "wrong password!", "192.0.2.2"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(browser.signedOut());
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(Matchers.containsString("The e-mail or password is not correct.")));
    }

    @Test
    void afterAWrongPasswordTheFormKeepsTheEmailButNeverThePassword() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.marketer().getEmail();

        MvcResult failed = mvc.perform(signIn(email, "wrong password!", "192.0.2.4"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(browser.signedOut())
                .andReturn();
        // The address rides in a short-lived cookie for the sign-in pages, not in a session and not in the address.
        Cookie kept = failed.getResponse().getCookie(SignIns.FAILED_EMAIL_COOKIE);
        assertThat(kept).isNotNull();
        assertThat(kept.isHttpOnly()).isTrue();
        assertThat(kept.getPath()).isEqualTo("/login");
        assertThat(kept.getMaxAge()).isEqualTo((int) SignIns.FAILED_EMAIL_TIME.toSeconds());
        assertThat(kept.getValue()).doesNotContain("wrong").doesNotContain("@");
        assertThat(failed.getResponse().getCookie(BrowserSessions.COOKIE)).isNull();
        assertThat(failed.getResponse().getRedirectedUrl()).doesNotContain(email);

        MvcResult shown = mvc.perform(get("/login").param("error", "").cookie(kept))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(shown.getResponse().getContentAsString())
                .contains("value=\"" + email + "\"")
                .doesNotContain("wrong password!")
                .contains("The e-mail or password is not correct.");
        // Shown once: the page clears the cookie, and a later visit of the sign-in page starts empty.
        assertThat(shown.getResponse().getCookie(SignIns.FAILED_EMAIL_COOKIE).getMaxAge())
                .isZero();
        mvc.perform(get("/login"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("value=\"" + email + "\""))));
    }

    @Test
    void aCookieTheApplicationDidNotWriteFillsNothingIn() throws Exception {
        for (String forged : new String[] {"%%%not-base64", "PHNjcmlwdD4", "AAEC", "x".repeat(3000)}) {
            mvc.perform(get("/login").cookie(new Cookie(SignIns.FAILED_EMAIL_COOKIE, forged)))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Matchers.not(Matchers.containsString("<script>"))))
                    .andExpect(content().string(Matchers.not(Matchers.containsString("\u0001"))));
        }
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() throws Exception {
        String nobody = TestWorkspaces.uniqueEmail("nobody");

        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(signIn(nobody, "guess " + attempt + "!!!!!!", "198.51.100.8"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(signIn(nobody, "another guess", "198.51.100.9")).andExpect(redirectedUrl("/login?locked&wait=5"));
    }

    @Test
    void anAddressWithAccountsInTwoWorkspacesSignsInToTheOneItsPasswordOpens() throws Exception {
        TestWorkspace first = workspaces.create();
        TestWorkspace second = workspaces.create();
        String email = first.marketer().getEmail();
        sameAddressIn(second, email, "another long password");

        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, "192.0.2.10")).andExpect(browser.signedIn("MARKETER"));
        mvc.perform(signIn(email, "another long password", "192.0.2.10")).andExpect(browser.signedIn("LIAISON"));
    }

    @Test
    void whenThePasswordOpensSeveralWorkspacesThePersonChoosesOne() throws Exception {
        TestWorkspace first = workspaces.create();
        TestWorkspace second = workspaces.create();
        String email = first.salesRep().getEmail();
        sameAddressIn(second, email, TestWorkspaces.PASSWORD);

        MvcResult attempt = mvc.perform(signIn(email, TestWorkspaces.PASSWORD, "192.0.2.11"))
                .andExpect(redirectedUrl("/login/workspace"))
                .andExpect(browser.signedOut())
                .andReturn();
        Cookie session = BrowserSessions.cookie(attempt);
        mvc.perform(get("/login/workspace").with(BrowserSessions.with(session)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(first.name())))
                .andExpect(content().string(Matchers.containsString(second.name())))
                .andExpect(browser.signedOut());

        // A workspace that was not offered signs in to nothing.
        mvc.perform(post("/login/workspace")
                        .with(BrowserSessions.with(session))
                        .with(csrf())
                        .param("tenant", UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/login?choiceExpired"))
                .andExpect(browser.signedOut());

        MvcResult again = mvc.perform(signIn(email, TestWorkspaces.PASSWORD, "192.0.2.11"))
                .andExpect(redirectedUrl("/login/workspace"))
                .andReturn();
        session = BrowserSessions.cookie(again);
        String before = BrowserSessions.id(session);
        MvcResult chosen = mvc.perform(post("/login/workspace")
                        .with(BrowserSessions.with(session))
                        .with(csrf())
                        .param("tenant", second.tenantId().toString()))
                .andExpect(redirectedUrl("/"))
                .andExpect(browser.signedIn("LIAISON"))
                .andReturn();
        assertThat(BrowserSessions.id(BrowserSessions.cookie(chosen))).isNotEqualTo(before);
        assertThat(chosen.getResponse().getCookie(TrustedBrowsers.COOKIE)).isNotNull();

        // At the workspace's own sign-in address only that workspace's account is asked.
        String slug = CurrentTenant.callAs(
                first.tenantId(), () -> tenants.current().orElseThrow().slug());
        mvc.perform(signIn(email, TestWorkspaces.PASSWORD, "192.0.2.11").param("workspace", slug))
                .andExpect(browser.signedIn("SALES_REP"));
        mvc.perform(get("/login").param("workspace", slug))
                .andExpect(content().string(Matchers.containsString("name=\"workspace\" value=\"" + slug + "\"")));
    }

    @Test
    void withoutAPendingChoiceThereIsNothingToChoose() throws Exception {
        mvc.perform(get("/login/workspace")).andExpect(redirectedUrl("/login?choiceExpired"));
        mvc.perform(get("/login").param("choiceExpired", ""))
                .andExpect(content().string(Matchers.containsString("The choice of workspace has expired.")));
    }

    @Test
    void aDeactivatedPersonCannotSignInAndTheirSessionEnds() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        MvcResult signedIn = mvc.perform(signIn(rep.getEmail(), TestWorkspaces.PASSWORD, "192.0.2.3"))
                .andExpect(browser.signedIn())
                .andReturn();
        Cookie session = BrowserSessions.cookie(signedIn);
        mvc.perform(get("/sales").with(BrowserSessions.with(session))).andExpect(status().isOk());

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> accounts.deactivate(rep.accountId(), workspace.admin().accountId()));

        mvc.perform(get("/sales").with(BrowserSessions.with(session))).andExpect(redirectedUrl("/login?expired"));
        assertThat(browser.signedIn(session)).isEmpty();
        mvc.perform(signIn(rep.getEmail(), TestWorkspaces.PASSWORD, "192.0.2.3"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(browser.signedOut());
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(post("/logout").with(csrf()).with(user(workspace.liaison())))
                .andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get("/login").param("logout", ""))
                .andExpect(content().string(Matchers.containsString("You have signed out.")));
    }
}
