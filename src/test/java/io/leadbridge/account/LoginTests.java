package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class LoginTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    AccountManagement accounts;

    private static MockHttpServletRequestBuilder login(String email, String password, String clientAddress) {
        return post("/login")
                .with(csrf())
                .param("username", email)
                .param("password", password)
                .with(request -> {
                    request.setRemoteAddr(clientAddress);
                    return request;
                });
    }

    @Test
    void theRightPasswordSignsInAndLeadsHome() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(login(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD, "192.0.2.1"))
                .andExpect(redirectedUrl("/"))
                .andExpect(authenticated().withRoles("MARKETER"));
    }

    @Test
    void theEmailIsMatchedWithoutRegardToCase() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(login(workspace.salesRep().getEmail().toUpperCase(), TestWorkspaces.PASSWORD, "192.0.2.1"))
                .andExpect(authenticated().withRoles("SALES_REP"));
    }

    @Test
    void signingInGivesANewSessionId() throws Exception {
        TestWorkspace workspace = workspaces.create();
        MockHttpSession session = new MockHttpSession();
        String before = session.getId();

        MvcResult result = mvc.perform(login(workspace.marketer().getEmail(), TestWorkspaces.PASSWORD, "192.0.2.1")
                        .session(session))
                .andExpect(authenticated())
                .andReturn();

        assertThat(result.getRequest().getSession().getId()).isNotEqualTo(before);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(login(workspace.marketer().getEmail(), "wrong password!", "192.0.2.2"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
        mvc.perform(login(TestWorkspaces.uniqueEmail("nobody"), "wrong password!", "192.0.2.2"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
        mvc.perform(get("/login").param("error", ""))
                .andExpect(content().string(Matchers.containsString("The e-mail or password is not correct.")));
    }

    @Test
    void fiveFailuresLockTheAccountFromThatAddressEvenForTheRightPassword() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = workspace.salesRep().getEmail();

        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(login(email, "wrong password " + attempt, "198.51.100.7"))
                    .andExpect(redirectedUrl("/login?error"));
        }

        mvc.perform(login(email, TestWorkspaces.PASSWORD, "198.51.100.7"))
                .andExpect(redirectedUrl("/login?locked"))
                .andExpect(unauthenticated());
        mvc.perform(get("/login").param("locked", ""))
                .andExpect(content().string(Matchers.containsString("Sign-in is paused for 15 minutes")));

        // Someone else's failures elsewhere do not lock the real person out.
        mvc.perform(login(email, TestWorkspaces.PASSWORD, "203.0.113.9")).andExpect(authenticated());
    }

    @Test
    void unknownEmailsAreThrottledLikeKnownOnes() throws Exception {
        String nobody = TestWorkspaces.uniqueEmail("nobody");

        for (int attempt = 1; attempt <= 5; attempt++) {
            mvc.perform(login(nobody, "guess " + attempt + "!!!!!!", "198.51.100.8"))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(login(nobody, "another guess", "198.51.100.8")).andExpect(redirectedUrl("/login?locked"));
    }

    @Test
    void aDeactivatedPersonCannotSignInAndTheirSessionEnds() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        MvcResult signedIn = mvc.perform(login(rep.getEmail(), TestWorkspaces.PASSWORD, "192.0.2.3"))
                .andExpect(authenticated())
                .andReturn();
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession();
        mvc.perform(get("/sales").session(session)).andExpect(status().isOk());

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> accounts.deactivate(rep.accountId(), workspace.admin().accountId()));

        mvc.perform(get("/sales").session(session)).andExpect(redirectedUrl("/login?expired"));
        mvc.perform(login(rep.getEmail(), TestWorkspaces.PASSWORD, "192.0.2.3"))
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
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
