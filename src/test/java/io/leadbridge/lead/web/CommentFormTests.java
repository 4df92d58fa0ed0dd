package io.leadbridge.lead.web;

import static io.leadbridge.support.Texts.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The limits of a comment on a lead: 422 with the message at the field and the text kept, and nothing written. */
@IntegrationTest
class CommentFormTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    long comments(long leadId) {
        return owner.count("select count(*) from lead_comment where lead_id = ?", leadId);
    }

    @Test
    void aCommentOfMoreThan4000CharactersComesBackAtTheFieldAndNothingIsPosted() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        String tooLong = text("A very long comment", 4001);

        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", tooLong)
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"comment-body\".*Please keep a comment under 4,000 characters\\..*")))
                .andExpect(content().string(Matchers.containsString(">" + tooLong + "</textarea>")));
        assertThat(comments(lead.id())).isZero();

        String longest = text("A long comment", 4000);
        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", longest)
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "comment.added"));
        assertThat(owner.count(
                        "select count(*) from lead_comment where lead_id = ? and length(body) = 4000", lead.id()))
                .isEqualTo(1);
    }

    @Test
    void aCommentWithAControlCharacterComesBackAtTheFieldAndNothingIsPosted() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());

        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", "Called them \u0007 today")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"comment-body\".*Please remove the control characters.*")))
                .andExpect(content().string(Matchers.containsString("Called them")));
        assertThat(comments(lead.id())).isZero();
    }
}
