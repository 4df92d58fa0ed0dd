package io.leadbridge.funnel.web;

import static io.leadbridge.funnel.web.FunnelProposalRulesTests.form;
import static io.leadbridge.funnel.web.FunnelProposalRulesTests.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The agreement's decisions and comments on a funnel proposal, as the funnel's pages show them. */
@IntegrationTest
class FunnelDecisionPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    long proposeSoonerEscalation(TestWorkspace workspace) throws Exception {
        Map<String, String> sooner = form(Funnel.defaults());
        sooner.put("escalationHours", "40");
        sooner.put("summary", "Escalate sooner");
        String location = mvc.perform(postForm(sooner, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/funnel/versions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    String statusOf(long id) {
        return owner.jdbc()
                .sql("select status from agreement_version where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void aCommentOnAFunnelProposalIsShownOnItsPageAndAnEmptyOneOrAnotherWorkspacesProposalIsRefused() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long proposal = proposeSoonerEscalation(workspace);

        mvc.perform(post("/funnel/versions/{id}/comments", proposal)
                        .param("body", "Forty hours is fair")
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/funnel/versions/" + proposal + "#comments"));
        mvc.perform(get("/funnel/versions/{id}", proposal).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Forty hours is fair")))
                .andExpect(content().string(Matchers.containsString("id=\"comment-body\"")));

        mvc.perform(post("/funnel/versions/{id}/comments", proposal)
                        .param("body", "   ")
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashError", "criteria.commentInvalid"));
        TestWorkspace other = workspaces.create();
        mvc.perform(post("/funnel/versions/{id}/comments", proposal)
                        .param("body", "Not mine to say")
                        .with(csrf())
                        .with(user(other.salesRep())))
                .andExpect(status().isNotFound());
        assertThat(owner.count("select count(*) from agreement_comment where version_id = ?", proposal))
                .isEqualTo(1);
    }

    @Test
    void theOtherTeamDeclinesAFunnelProposalWithAReasonThatItsPageShows() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long proposal = proposeSoonerEscalation(workspace);

        mvc.perform(get("/funnel/versions/{id}", proposal).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"why-not\"")))
                .andExpect(content().string(Matchers.containsString("id=\"withdraw\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"approve\""))));
        mvc.perform(post("/funnel/versions/{id}/decline", proposal)
                        .param("comment", "Sales needs the two days")
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/funnel/versions/" + proposal))
                .andExpect(flash().attribute("flashSuccess", "funnel.declined"));

        assertThat(statusOf(proposal)).isEqualTo("DECLINED");
        mvc.perform(get("/funnel/versions/{id}", proposal).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("Sales needs the two days")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"decision\""))));
    }

    @Test
    void onlyTheProposerWithdrawsAFunnelProposal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long proposal = proposeSoonerEscalation(workspace);

        mvc.perform(post("/funnel/versions/{id}/withdraw", proposal)
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashError", "agreement.onlyProposerWithdraws"));
        assertThat(statusOf(proposal)).isEqualTo("PROPOSED");

        mvc.perform(post("/funnel/versions/{id}/withdraw", proposal)
                        .with(csrf())
                        .with(user(workspace.marketer())))
                .andExpect(redirectedUrl("/funnel/versions/" + proposal))
                .andExpect(flash().attribute("flashSuccess", "funnel.withdrawn"));
        assertThat(statusOf(proposal)).isEqualTo("WITHDRAWN");
    }
}
