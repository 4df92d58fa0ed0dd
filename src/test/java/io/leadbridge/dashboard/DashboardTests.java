package io.leadbridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dashboard.Dashboards.Count;
import io.leadbridge.dashboard.Dashboards.FunnelStep;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Every dashboard figure equals a direct count on a seeded data set, for the chosen period. */
@IntegrationTest
class DashboardTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    Dashboards dashboards;

    @Autowired
    Scorecards scorecards;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    LeadView lead(TestWorkspace workspace, String source, boolean qualified) {
        LeadInput input = TestLeads.qualifiedLead();
        input.setSource(source);
        input.setCampaign(source + "-2026");
        if (!qualified) {
            input.setEmployees(3);
        }
        return leads.create(workspace.marketer(), input);
    }

    @Test
    void theFiguresEqualDirectCounts() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        lead(other, "webinar", true);
        for (int i = 0; i < 3; i++) {
            lead(workspace, "webinar", true);
        }
        lead(workspace, "website", false);
        lead(workspace, "website", true);
        LeadView old = lead(workspace, "trade fair", true);
        owner.jdbc()
                .sql("update lead set created_at = now() - interval '90 days' where id = ?")
                .param(old.id())
                .update();
        // Three handoffs: one accepted and won, one rejected, one awaiting.
        LeadView a = lead(workspace, "referral", true);
        LeadView r = lead(workspace, "referral", true);
        LeadView w = lead(workspace, "referral", true);
        for (LeadView l : new LeadView[] {a, r, w}) {
            in(
                    workspace,
                    () -> assignment.handOff(
                            l.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        }
        in(workspace, () -> {
            decisions.accept(a.id(), null, workspace.salesRep());
            decisions.reject(r.id(), null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });
        for (Stage next : new Stage[] {Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.WON}) {
            in(workspace, () -> funnel.move(a.id(), next, null, new BigDecimal("7000"), null, workspace.salesRep()));
        }

        Instant to = Instant.now().plusSeconds(60);
        Instant from = to.minus(Duration.ofDays(30));
        Dashboards.Marketing m = in(workspace, () -> dashboards.marketing(from, to, 30));
        String window = " and created_at >= now() + interval '60 seconds' - interval '30 days'";
        assertThat(m.leadsIn())
                .isEqualTo(owner.count("select count(*) from lead where tenant_id = ?" + window, workspace.tenantId()))
                .isEqualTo(8);
        assertThat(m.qualified())
                .isEqualTo(owner.count(
                        "select count(*) from lead l join lead_evaluation e on e.lead_id = l.id"
                                + " where l.tenant_id = ? and e.qualified"
                                + window.replace("created_at", "l.created_at"),
                        workspace.tenantId()))
                .isEqualTo(7);
        assertThat(m.handedOff()).isEqualTo(3);
        assertThat(m.accepted()).isEqualTo(1);
        assertThat(m.rejected()).isEqualTo(1);
        assertThat(m.acceptanceRate()).isEqualTo(0.5);
        Map<String, Long> bySource = m.bySource().stream().collect(Collectors.toMap(Count::key, Count::count));
        assertThat(bySource).containsExactlyInAnyOrderEntriesOf(Map.of("webinar", 3L, "website", 2L, "referral", 3L));
        assertThat(m.bySource().get(2).key()).as("largest first, ties by name").isEqualTo("website");
        assertThat(m.byCampaign().stream().collect(Collectors.toMap(Count::key, Count::count)))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("webinar-2026", 3L, "website-2026", 2L, "referral-2026", 3L));
        assertThat(m.rejectionReasons()).containsExactly(new Count("NO_BUDGET", 1));
        assertThat(m.awaitingMarketingAnswer()).isEqualTo(1);
        Map<Stage, Long> reached =
                m.funnel().stream().collect(Collectors.toMap(FunnelStep::stage, FunnelStep::reached));
        // 9 leads: 6 new, 1 awaiting, 1 rejected (counts as reached the handoff), 1 won.
        assertThat(reached.get(Stage.NEW_INQUIRY)).isEqualTo(9);
        assertThat(reached.get(Stage.AWAITING_ACCEPTANCE)).isEqualTo(3);
        assertThat(reached.get(Stage.SALES_ACCEPTED)).isEqualTo(1);
        assertThat(reached.get(Stage.WON)).isEqualTo(1);

        Dashboards.Sales s =
                in(workspace, () -> dashboards.sales(workspace.salesRep().accountId(), from, to));
        assertThat(s.awaiting()).isEqualTo(1);
        assertThat(s.decided()).isEqualTo(2);
        assertThat(s.decidedWithinSla()).isEqualTo(2);
        assertThat(s.wonRevenue()).isEqualByComparingTo("7000");
        assertThat(s.myLeadsByStage()).containsExactly(new Count("WON", 1));
        assertThat(s.team()).hasSize(1);
        assertThat(s.team().get(0).won()).isEqualByComparingTo("7000");

        // Both sides' promises, this month: 3 qualified handoffs against a promise of 2; 2 of 2 decided in time.
        owner.jdbc()
                .sql("update agreement_version set content = jsonb_set(content, '{promisedQualifiedPerMonth}', '2')"
                        + " where tenant_id = ? and kind = 'FUNNEL' and status = 'ACTIVE'")
                .param(workspace.tenantId())
                .update();
        var months = in(
                workspace,
                () -> scorecards.scorecard(
                        3,
                        java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")),
                        java.time.ZoneId.of("Europe/Berlin"),
                        2));
        assertThat(months).hasSize(3);
        var thisMonth = months.get(2);
        assertThat(thisMonth.delivered())
                .isEqualTo(owner.count(
                        "select count(*) from handoff where tenant_id = ? and qualified and status <> 'REASSIGNED'"
                                + " and handed_at >= date_trunc('month', now() at time zone 'Europe/Berlin') at time zone 'Europe/Berlin'",
                        workspace.tenantId()))
                .isEqualTo(3);
        assertThat(thisMonth.marketingKept()).isTrue();
        assertThat(thisMonth.decided()).isEqualTo(2);
        assertThat(thisMonth.slaShare()).isEqualTo(1.0);
        assertThat(months.get(0).delivered()).isZero();

        mvc.perform(get("/marketing").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"funnel-chart\"")))
                .andExpect(content().string(Matchers.containsString("7 of 8")))
                .andExpect(content().string(Matchers.containsString("3 of 2")));
        mvc.perform(get("/sales").param("days", "7").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("2 of 2 decided in time")))
                .andExpect(content().string(Matchers.containsString("€7,000")));
    }

    @Autowired
    io.leadbridge.tenant.BusinessHours hours;

    @Test
    void thePeriodStartsAtMidnightInTheWorkspacesTimeZone() throws Exception {
        TestWorkspace workspace = workspaces.create();
        java.time.ZoneId auckland = java.time.ZoneId.of("Pacific/Auckland");
        in(
                workspace,
                () -> hours.change(
                        java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY),
                        java.time.LocalTime.of(9, 0),
                        java.time.LocalTime.of(17, 0),
                        auckland,
                        hours.calendar().version()));
        Instant start = java.time.LocalDate.now(auckland)
                .minusDays(6)
                .atStartOfDay(auckland)
                .toInstant();
        LeadView before = lead(workspace, "webinar", true);
        LeadView after = lead(workspace, "webinar", true);
        owner.jdbc()
                .sql("update lead set created_at = ? where id = ?")
                .params(java.sql.Timestamp.from(start.minus(Duration.ofMinutes(30))), before.id())
                .update();
        owner.jdbc()
                .sql("update lead set created_at = ? where id = ?")
                .params(java.sql.Timestamp.from(start.plus(Duration.ofMinutes(30))), after.id())
                .update();
        long direct = owner.count(
                "select count(*) from lead where tenant_id = ? and created_at >= ?",
                workspace.tenantId(),
                java.sql.Timestamp.from(start));
        assertThat(direct).isEqualTo(1);
        mvc.perform(get("/marketing").param("days", "7").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"leads-in\">1<")));
        mvc.perform(get("/marketing").param("days", "30").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"leads-in\">2<")));
        // Within a minute the workspace's figures come from the short cache (the page says as of when), so a
        // large workspace is not scanned on every view.
        lead(workspace, "webinar", true);
        mvc.perform(get("/marketing").param("days", "30").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"leads-in\">2<")))
                .andExpect(content().string(Matchers.containsString("Figures as of")));
        mvc.perform(get("/marketing").param("days", "90").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"leads-in\">3<")));
    }

    @Test
    void whatWaitsForARepIsLiveWhileThePeriodFiguresComeFromTheMinuteCache() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView first = lead(workspace, "referral", true);
        LeadView second = lead(workspace, "referral", true);
        long rep = workspace.salesRep().accountId();
        in(workspace, () -> assignment.handOff(first.id(), null, rep, null, workspace.marketer()));
        in(workspace, () -> {
            decisions.accept(first.id(), null, workspace.salesRep());
            return null;
        });
        mvc.perform(get("/sales").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"my-awaiting\">0<")))
                .andExpect(content().string(Matchers.containsString("1 of 1 decided in time")))
                .andExpect(content().string(Matchers.containsString("Figures as of")));

        // A new lead handed to the rep shows at once; the decisions of the period are refreshed within the minute.
        in(workspace, () -> assignment.handOff(second.id(), null, rep, null, workspace.marketer()));
        mvc.perform(get("/sales").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("id=\"my-awaiting\">1<")))
                .andExpect(content().string(Matchers.containsString("1 of 1 decided in time")));
        in(workspace, () -> {
            decisions.reject(second.id(), null, "NO_BUDGET", null, workspace.salesRep());
            return null;
        });
        mvc.perform(get("/sales").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("id=\"my-awaiting\">0<")))
                .andExpect(content().string(Matchers.containsString("1 of 1 decided in time")));
        // Another period is computed when first asked for, and counts both decisions.
        mvc.perform(get("/sales").param("days", "7").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("2 of 2 decided in time")));

        mvc.perform(get("/liaison").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"figures-as-of\"")));
    }
}
