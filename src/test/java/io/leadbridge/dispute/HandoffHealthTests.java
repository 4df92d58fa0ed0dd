package io.leadbridge.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.dispute.HandoffHealth.Figures;
import io.leadbridge.dispute.HandoffHealth.ReasonCount;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The handoff's health figures equal direct counts on a seeded data set. */
@IntegrationTest
class HandoffHealthTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    HandoffHealth health;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    long handedOff(TestWorkspace workspace, LeadInput input) {
        LeadView lead = leads.create(workspace.marketer(), input);
        in(
                workspace,
                () -> assignment.handOff(
                        lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        return lead.id();
    }

    /** Moves a decided handoff's times: handed off {@code handedAgo} ago, decided after {@code took}. */
    void dated(long leadId, Duration handedAgo, Duration took, boolean late) {
        owner.jdbc()
                .sql("""
                        update handoff set handed_at = now() - cast(? as interval),
                            decided_at = now() - cast(? as interval) + cast(? as interval),
                            due_at = now() - cast(? as interval) + cast(? as interval),
                            escalate_at = now() - cast(? as interval) + interval '100 days'
                        where lead_id = ?
                        """)
                .params(
                        handedAgo.toSeconds() + " seconds",
                        handedAgo.toSeconds() + " seconds",
                        took.toSeconds() + " seconds",
                        handedAgo.toSeconds() + " seconds",
                        (late ? took.toSeconds() / 2 : took.toSeconds() * 2) + " seconds",
                        handedAgo.toSeconds() + " seconds",
                        leadId)
                .update();
    }

    @Test
    void theFiguresEqualDirectCountsForThePeriod() throws Exception {
        TestWorkspace workspace = workspaces.create();
        List<Long> accepted = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        String[] reasons = {"NO_BUDGET", "NO_BUDGET", "NOT_READY", "OTHER"};
        for (int i = 0; i < 5; i++) {
            long id = handedOff(workspace, TestLeads.qualifiedLead());
            in(workspace, () -> {
                decisions.accept(id, null, workspace.salesRep());
                return null;
            });
            dated(id, Duration.ofDays(2 + i), Duration.ofHours(1 + i), i == 4);
            accepted.add(id);
        }
        for (int i = 0; i < reasons.length; i++) {
            LeadInput input = TestLeads.qualifiedLead();
            input.setIndustry(i < 2 ? "LOGISTICS" : "ENERGY");
            long id = handedOff(workspace, input);
            String reason = reasons[i];
            in(workspace, () -> {
                decisions.reject(id, null, reason, "Because of " + reason, workspace.salesRep());
                return null;
            });
            dated(id, Duration.ofDays(3 + i), Duration.ofHours(10 + i), i == 0);
            rejected.add(id);
        }
        // One rejection long before the period: it counts for the trend only.
        long old = handedOff(workspace, TestLeads.qualifiedLead());
        in(workspace, () -> {
            decisions.reject(old, null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });
        dated(old, Duration.ofDays(45), Duration.ofHours(5), false);
        // Disputes: one upheld, one overturned, one open.
        String argument = "The customer confirmed the budget in writing last week, see the notes.";
        DisputeView first =
                in(workspace, () -> disputes.dispute(rejected.get(0), null, argument, workspace.marketer()));
        DisputeView second =
                in(workspace, () -> disputes.dispute(rejected.get(1), null, argument, workspace.marketer()));
        in(workspace, () -> disputes.dispute(rejected.get(2), null, argument, workspace.marketer()));
        in(
                workspace,
                () -> disputes.decide(
                        first.id(), Outcome.UPHOLD, "The budget is not there yet.", null, workspace.liaison()));
        in(
                workspace,
                () -> disputes.decide(
                        second.id(), Outcome.OVERTURN, "The budget letter counts.", null, workspace.liaison()));

        Instant to = Instant.now().plusSeconds(60);
        Instant from = to.minus(Duration.ofDays(30));
        Figures figures = in(workspace, () -> health.figures(from, to));

        // Direct counts, query by query, from the owner's view of the tables.
        String window = " and decided_at >= now() + interval '60 seconds' - interval '30 days'"
                + " and decided_at < now() + interval '60 seconds'";
        long directAccepted = owner.count(
                "select count(*) from handoff where tenant_id = ? and status = 'ACCEPTED'" + window,
                workspace.tenantId());
        long directRejected = owner.count(
                "select count(*) from handoff where tenant_id = ? and status = 'REJECTED'" + window,
                workspace.tenantId());
        long directWithinSla = owner.count(
                "select count(*) from handoff where tenant_id = ? and status in ('ACCEPTED', 'REJECTED')"
                        + " and decided_at <= due_at" + window,
                workspace.tenantId());
        assertThat(figures.accepted()).isEqualTo(directAccepted).isEqualTo(5);
        assertThat(figures.rejected()).isEqualTo(directRejected).isEqualTo(4);
        assertThat(figures.acceptanceRate()).isCloseTo(5 / 9.0, within(1e-9));
        assertThat(figures.decidedWithinSla()).isEqualTo(directWithinSla).isEqualTo(7);
        assertThat(figures.slaCompliance()).isCloseTo(7 / 9.0, within(1e-9));

        List<Double> hours = owner.jdbc()
                .sql("select extract(epoch from decided_at - handed_at) / 3600 from handoff where tenant_id = ?"
                        + " and status in ('ACCEPTED', 'REJECTED')" + window + " order by 1")
                .param(workspace.tenantId())
                .query(Double.class)
                .list();
        assertThat(hours).hasSize(9);
        assertThat(figures.medianHoursToDecision()).isCloseTo(hours.get(4), within(1e-6));
        // The 90th percentile, interpolated as percentile_cont does: 0.9 * 8 = 7.2 between the 8th and 9th values.
        assertThat(figures.p90HoursToDecision())
                .isCloseTo(hours.get(7) + 0.2 * (hours.get(8) - hours.get(7)), within(1e-6));

        Map<String, Long> reasonCounts =
                figures.reasons().stream().collect(Collectors.toMap(ReasonCount::reasonCode, ReasonCount::count));
        assertThat(reasonCounts)
                .containsExactlyInAnyOrderEntriesOf(Map.of("NO_BUDGET", 2L, "NOT_READY", 1L, "OTHER", 1L));
        assertThat(figures.reasons().get(0).reasonCode()).isEqualTo("NO_BUDGET");
        assertThat(figures.reasons().stream()
                        .filter(r -> r.reasonCode().equals("NO_BUDGET"))
                        .findFirst()
                        .orElseThrow()
                        .previousCount())
                .isEqualTo(1);

        assertThat(figures.disputesOpened())
                .isEqualTo(owner.count("select count(*) from dispute where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(3);
        assertThat(figures.upheld()).isEqualTo(1);
        assertThat(figures.overturned()).isEqualTo(1);
        assertThat(figures.overturnRate()).isCloseTo(0.5, within(1e-9));
        // Rejections cluster: no budget twice for logistics.
        assertThat(figures.reasonsByIndustry()).contains(new HandoffHealth.Cluster("NO_BUDGET", "LOGISTICS", 2));

        mvc.perform(get("/liaison").param("days", "30").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("5 accepted, 4 rejected")))
                .andExpect(content().string(Matchers.containsString("1 upheld, 1 overturned")))
                .andExpect(content().string(Matchers.containsString("56%")));
    }

    @Test
    void theLiaisonAsksBothTeamsForACriteriaProposalWithTheEvidence() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = handedOff(workspace, TestLeads.qualifiedLead());
        in(workspace, () -> {
            decisions.reject(id, null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });

        mvc.perform(post("/liaison/evidence")
                        .param("days", "30")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "health.evidenceShared"));

        for (var person : List.of(workspace.marketer(), workspace.salesRep())) {
            String link = owner.jdbc()
                    .sql(
                            "select link from notification where recipient_id = ? and message_key = 'notification.criteriaEvidence'")
                    .param(person.accountId())
                    .query(String.class)
                    .single();
            assertThat(link).startsWith("/criteria/propose?summary=").hasSizeLessThanOrEqualTo(255);
            mvc.perform(get(java.net.URI.create(link)).with(user(person)))
                    .andExpect(status().isOk())
                    .andExpect(
                            content().string(Matchers.containsString("Handoff evidence, last 30 days: No budget: 1")));
        }
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.criteriaEvidence'",
                        workspace.liaison().accountId()))
                .isZero();
    }

    @Test
    void theDesksEvidenceSpeaksGermanToo() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        input.setEmployees(5);
        input.setEngagementScore(1);
        LeadView lead = leads.create(workspace.marketer(), input);
        in(
                workspace,
                () -> assignment.handOff(
                        lead.id(),
                        null,
                        workspace.salesRep().accountId(),
                        "Strategic account, worth a call",
                        workspace.marketer()));
        in(workspace, () -> {
            decisions.reject(lead.id(), null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });

        String german = mvc.perform(
                        get("/liaison").param("days", "30").param("lang", "de").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(german).contains("verfehlt bei 1/1").doesNotContain("missed by");
        String english = mvc.perform(
                        get("/liaison").param("days", "30").param("lang", "en").with(user(workspace.liaison())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(english).contains("missed by 1/1");
    }

    @Test
    void anEmptyPeriodShowsNoRatesRatherThanNonsense() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Figures figures = in(workspace, () -> health.figures(Instant.now().minus(Duration.ofDays(7)), Instant.now()));
        assertThat(figures.decided()).isZero();
        assertThat(figures.acceptanceRate()).isNull();
        assertThat(figures.medianHoursToDecision()).isNull();
        mvc.perform(get("/liaison").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("No open disputes and no escalated handoffs.")));
    }
}
