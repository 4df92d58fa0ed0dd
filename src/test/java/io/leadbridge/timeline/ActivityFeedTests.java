package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The live feed delivers a workspace's activity to its connected people, and never to another workspace. */
@IntegrationTest
class ActivityFeedTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    Comments comments;

    @Autowired
    MockMvc mvc;

    @Test
    void aConnectedClientGetsItsWorkspacesActivityAndNeverAnotherWorkspaces() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        MvcResult myStream = mvc.perform(get("/activity/stream").with(user(mine.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult theirStream = mvc.perform(get("/activity/stream").with(user(theirs.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();

        LeadView lead = leads.create(mine.marketer());
        CurrentTenant.runAs(
                mine.tenantId(),
                () -> comments.add(
                        lead.id(),
                        lead.displayName(),
                        "Sven, this one is hot",
                        mine.salesRep().accountId(),
                        mine.salesRep().getDisplayName()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> myStream.getResponse().getContentAsString().contains("event:activity"));
        String delivered = myStream.getResponse().getContentAsString();
        assertThat(delivered)
                .contains("data-type=\"COMMENTED\"")
                .contains("data-lead=\"" + lead.id() + "\"")
                .contains(mine.salesRep().getDisplayName())
                .contains("commented on")
                .contains(lead.displayName());
        assertThat(theirStream.getResponse().getContentAsString()).doesNotContain("event:activity");

        // The feed page lists it too, for the workspace only.
        mvc.perform(get("/activity").with(user(mine.liaison())))
                .andExpect(content().string(Matchers.containsString("data-lead=\"" + lead.id() + "\"")));
        mvc.perform(get("/activity").with(user(theirs.liaison())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-lead=\"" + lead.id() + "\""))));
    }
}
