package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A rep's open pages hear when their queue changes (a lead handed to them, taken from them, decided), with what now
 * waits, so that the queue and its count follow without a reload; nobody else's pages hear it.
 */
@IntegrationTest
class QueueLiveTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    MockMvc mvc;

    MvcResult stream(SignedInAccount person) throws Exception {
        return mvc.perform(get("/activity/stream").with(user(person)))
                .andExpect(request().asyncStarted())
                .andReturn();
    }

    static void hears(MvcResult stream, String text) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> stream.getResponse().getContentAsString().contains(text));
    }

    @Test
    void aRepsPagesHearTheirQueueChangeAndNoOneElsesDo() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara =
                CurrentTenant.callAs(workspace.tenantId(), () -> workspaces.add("Sara Sales", Role.SALES_REP));
        TestWorkspace other = workspaces.create();
        MvcResult sven = stream(workspace.salesRep());
        MvcResult saras = stream(sara);
        MvcResult stranger = stream(other.salesRep());

        LeadView lead = given.handedOff(workspace);
        hears(sven, "event:queue\ndata:1 0\n");

        // Reassigned to Sara: Sven's queue is empty again, Sara's holds it.
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> assignment.reassign(lead.id(), null, sara.accountId(), null, workspace.marketer()));
        hears(sven, "event:queue\ndata:0 0\n");
        hears(saras, "event:queue\ndata:1 0\n");

        // Sara accepts: her other tabs follow too.
        CurrentTenant.runAs(workspace.tenantId(), () -> decisions.accept(lead.id(), null, sara));
        hears(saras, "event:queue\ndata:0 0\n");

        assertThat(stranger.getResponse().getContentAsString()).doesNotContain("event:queue");
    }
}
