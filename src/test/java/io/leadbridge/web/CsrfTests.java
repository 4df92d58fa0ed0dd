package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class CsrfTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Test
    void stateChangingRequestsWithoutATokenAreRefusedAndChangeNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long marketer = workspace.marketer().accountId();

        mvc.perform(post("/admin/users/{id}/deactivate", marketer)
                        .with(user(workspace.admin()))
                        .param("confirmed", "true"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users/{id}/deactivate", marketer)
                        .with(user(workspace.admin()))
                        .param("confirmed", "true")
                        .with(csrf().useInvalidToken()))
                .andExpect(status().isForbidden());
        assertThat(owner.count("select count(*) from account where id = ? and active", marketer))
                .isOne();

        String workspaceName = "No Token " + UUID.randomUUID();
        mvc.perform(post("/signup")
                        .param("workspaceName", workspaceName)
                        .param("name", "Eve")
                        .param("email", TestWorkspaces.uniqueEmail("eve"))
                        .param("password", "long-enough-password"))
                .andExpect(status().isForbidden());
        assertThat(owner.count("select count(*) from tenant where name = ?", workspaceName))
                .isZero();
    }

    @Test
    void htmxRequestsCarryTheTokenInAHeader() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(post("/admin/users/{id}/deactivate", workspace.marketer().accountId())
                        .with(user(workspace.admin()))
                        .header("HX-Request", "true")
                        .param("confirmed", "true")
                        .with(csrf().asHeader()))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void pagesSendASecurityPolicyThatAllowsOnlyTheApplicationsOwnScriptsAndStyles() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login"))
                .andExpect(header().string(
                                "Content-Security-Policy",
                                Matchers.allOf(
                                        Matchers.containsString("script-src 'self'"),
                                        Matchers.containsString("style-src 'self'"),
                                        Matchers.containsString("frame-ancestors 'none'"))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }
}
