package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The comment thread on a lead: on the timeline, mentions notify people of the same workspace only. */
@IntegrationTest
class CommentsTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    long mentions(SignedInAccount person) {
        return owner.count(
                "select count(*) from notification where recipient_id = ? and message_key = 'notification.mentioned'",
                person.accountId());
    }

    @Test
    void bothTeamsAndTheLiaisonCommentAndMentionsNotifyOnlyPeopleOfTheSameWorkspace() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        // Both workspaces have a "Sven Sales"; only this workspace's Sven may be notified.
        LeadView lead = leads.create(mine.marketer());

        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", "@sven can you call them before Friday?\nThey asked for a demo.")
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "comment.added"));
        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", "Will do, thanks @mara. (mail me at sven@example.com, not a mention)")
                        .with(user(mine.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", "Noted on my side.")
                        .with(user(mine.liaison()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());

        assertThat(mentions(mine.salesRep())).isEqualTo(1);
        assertThat(mentions(mine.marketer())).isEqualTo(1);
        assertThat(mentions(theirs.salesRep())).isZero();
        assertThat(mentions(mine.liaison())).isZero();
        assertThat(owner.count("select count(*) from lead_comment where lead_id = ?", lead.id()))
                .isEqualTo(3);
        assertThat(owner.count("select count(*) from lead_event where lead_id = ? and type = 'COMMENTED'", lead.id()))
                .isEqualTo(3);
        mvc.perform(get("/leads/{id}", lead.id()).with(user(mine.salesRep())))
                .andExpect(content().string(Matchers.containsString("can you call them before Friday?")))
                .andExpect(content().string(Matchers.containsString("Noted on my side.")));
    }

    @Test
    void theAuthorIsNotNotifiedAndMentionsWorkByFirstNameOrEmail() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara =
                CurrentTenant.callAs(workspace.tenantId(), () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = leads.create(workspace.marketer());
        String saraHandle = sara.getEmail().split("@")[0];
        var mentioned = CurrentTenant.callAs(
                workspace.tenantId(),
                () -> comments.add(
                        lead.id(),
                        lead.displayName(),
                        "@mara @" + saraHandle + ", and @nobody",
                        workspace.marketer().accountId(),
                        "Mara Marketer"));
        assertThat(mentioned).extracting(p -> p.id()).containsExactly(sara.accountId());
        assertThat(mentions(workspace.marketer())).isZero();
    }

    @Autowired
    Comments comments;

    @Test
    void anEmptyCommentComesBackAtTheFieldAndAnotherWorkspacesLeadIsNotFound() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        LeadView lead = leads.create(mine.marketer());
        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .param("body", "   ")
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Write a comment first.")));
        assertThat(owner.count("select count(*) from lead_comment where lead_id = ?", lead.id()))
                .isZero();

        LeadView their = leads.create(theirs.marketer());
        mvc.perform(post("/leads/{id}/comments", their.id())
                        .param("body", "Hello from another workspace")
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(owner.count("select count(*) from lead_comment where lead_id = ?", their.id()))
                .isZero();
    }

    @Test
    void theAuthorsOfALeadsCommentsAreReadForManyLeadsAtOnceAndOnlyInTheWorkspace() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        LeadView first = leads.create(workspace.marketer());
        LeadView second = leads.create(workspace.marketer());
        LeadView quiet = leads.create(workspace.marketer());
        LeadView their = leads.create(other.marketer());
        for (var comment : List.of(
                Map.entry(first, workspace.marketer()),
                Map.entry(first, workspace.marketer()),
                Map.entry(first, workspace.liaison()),
                Map.entry(second, workspace.salesRep()),
                Map.entry(their, other.marketer()))) {
            mvc.perform(post("/leads/{id}/comments", comment.getKey().id())
                            .param("body", "A word on this lead.")
                            .with(user(comment.getValue()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }

        Map<Long, Set<Long>> authors = CurrentTenant.callAs(
                workspace.tenantId(), () -> comments.authors(List.of(first.id(), second.id(), quiet.id(), their.id())));

        assertThat(authors)
                .containsOnly(
                        Map.entry(
                                first.id(),
                                Set.of(
                                        workspace.marketer().accountId(),
                                        workspace.liaison().accountId())),
                        Map.entry(second.id(), Set.of(workspace.salesRep().accountId())));
    }
}
