package io.leadbridge.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** What a dashboard says when there is nothing to show yet: what happened, and the next step. */
@IntegrationTest
class DashboardPagesTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    MockMvc mvc;

    String page(MockHttpServletRequestBuilder request, SignedInAccount person) throws Exception {
        return mvc.perform(request.with(user(person)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static String section(String html, String id) {
        String from = html.substring(html.indexOf("id=\"" + id + "\""));
        return from.substring(0, from.indexOf("</table>"));
    }

    @Test
    void aNewWorkspacesMarketingDashboardOffersTheFirstSteps() throws Exception {
        TestWorkspace workspace = workspaces.create();

        String empty = page(get("/marketing"), workspace.marketer());
        assertThat(empty).contains("id=\"first-steps\"", "href=\"/leads/new\"", "href=\"/leads/import\"");
        assertThat(empty).contains("Create a lead", "Import a CSV file");
        assertThat(section(empty, "by-source")).contains("No leads came in during this period.");
        assertThat(section(empty, "by-campaign")).contains("No leads came in during this period.");
        // Nothing waits for an answer: no button to show what is not there.
        assertThat(empty).contains("No rejected lead waits for your answer").doesNotContain("Show rejected leads");
        String german = page(get("/marketing").locale(Locale.GERMAN), workspace.marketer());
        assertThat(german).contains("Lead anlegen", "CSV-Datei importieren", "In diesem Zeitraum kamen keine Leads");

        // With a lead the first steps give way to the figures; a rejected lead brings the button back.
        LeadInput input = TestLeads.qualifiedLead();
        input.setSource("webinar");
        input.setCampaign("winter");
        LeadView lead = leads.create(workspace.marketer(), input);
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        CurrentTenant.callAs(workspace.tenantId(), () -> {
            decisions.reject(lead.id(), null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });
        String withLead = page(get("/marketing").param("days", "7"), workspace.marketer());
        assertThat(withLead).doesNotContain("id=\"first-steps\"");
        assertThat(section(withLead, "by-source")).contains("webinar").doesNotContain("No leads came in");
        assertThat(section(withLead, "by-campaign")).contains("winter");
        assertThat(withLead).contains("1 rejected lead waits for your answer", "Show rejected leads");
    }
}
