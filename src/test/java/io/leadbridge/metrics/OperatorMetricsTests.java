package io.leadbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The figures an operator scrapes move with the work: what {@code /actuator/prometheus} answers (the registry's scrape,
 * the endpoint's very text) after handoffs, decisions and disputes, and after intake requests; and none of them names a
 * workspace. ManagementServerTests asks the same over the management port.
 */
@IntegrationTest
class OperatorMetricsTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    MockMvc mvc;

    @Test
    void handoffsDecisionsAndDisputesAreCountedWithoutTheirWorkspace() {
        TestWorkspace workspace = workspaces.create();
        String before = prometheus.scrape();

        LeadView accepted = given.handedOff(workspace);
        CurrentTenant.runAs(workspace.tenantId(), () -> decisions.accept(accepted.id(), null, workspace.salesRep()));
        LeadView rejected = given.rejected(workspace);
        DisputeView dispute = CurrentTenant.callAs(
                workspace.tenantId(),
                () -> disputes.dispute(
                        rejected.id(), null, "They confirmed the budget on the phone today.", workspace.marketer()));
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> disputes.decide(
                        dispute.id(), Outcome.UPHOLD, "The budget is for next year.", null, workspace.liaison()));

        String after = prometheus.scrape();
        assertThat(value(after, "leadbridge_handoffs_total") - value(before, "leadbridge_handoffs_total"))
                .isEqualTo(2);
        assertThat(delta(before, after, "leadbridge_handoff_decisions_total{decision=\"accepted\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "leadbridge_handoff_decisions_total{decision=\"rejected\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "leadbridge_disputes_opened_total")).isEqualTo(1);
        assertThat(delta(before, after, "leadbridge_disputes_decided_total{decision=\"upheld\"}"))
                .isEqualTo(1);
        assertThat(sum(after, "leadbridge_leads_total{") - sum(before, "leadbridge_leads_total{"))
                .isEqualTo(2);
        assertThat(leadbridgeLines(after))
                .isNotEmpty()
                .noneMatch(line -> line.contains(workspace.tenantId().toString()))
                .noneMatch(line -> line.contains("tenant") || line.contains("workspace"));
    }

    @Test
    void intakeRequestsAreCountedByOutcome() throws Exception {
        String before = prometheus.scrape();

        mvc.perform(post("/api/v1/leads")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"a@example.com\", \"companyName\": \"A\"}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/leads/batch")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\": []}"))
                .andExpect(status().isUnauthorized());

        String after = prometheus.scrape();
        assertThat(delta(before, after, "leadbridge_intake_requests_total{outcome=\"refused\",request=\"single\"}"))
                .isEqualTo(1);
        assertThat(delta(before, after, "leadbridge_intake_requests_total{outcome=\"refused\",request=\"batch\"}"))
                .isEqualTo(1);
    }

    @Test
    void theOperatorSeesTheLiveStreamsAndThePendingPublications() {
        String scrape = prometheus.scrape();

        assertThat(value(scrape, "leadbridge_live_streams")).isGreaterThanOrEqualTo(0);
        assertThat(value(scrape, "leadbridge_live_streams_max")).isEqualTo(2000);
        assertThat(value(scrape, "leadbridge_event_publications_pending")).isGreaterThanOrEqualTo(0);
        assertThat(value(scrape, "leadbridge_event_publications_stale")).isGreaterThanOrEqualTo(0);
    }

    static double delta(String before, String after, String series) {
        return value(after, series) - value(before, series);
    }

    /** The sample of a series (name with its labels as Prometheus writes them); absent: 0, as for a fresh counter. */
    static double value(String scrape, String series) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(series + " "))
                .map(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0.0);
    }

    static double sum(String scrape, String prefix) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static List<String> leadbridgeLines(String scrape) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith("leadbridge_"))
                .toList();
    }
}
