package io.leadbridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.privacy.PrivacyManagement;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.KeptCountFolds;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The period figures read from the day counts the database keeps (V42) equal the figures the scanning SQL they replace
 * computes from the leads and handoffs themselves — after intake, a bulk insert, stage moves, handoffs with their
 * decisions, a re-evaluation that flips leads' qualification, an erasure and a deletion — for periods of whole days and
 * periods that begin mid-day in a zone half an hour off UTC (Asia/Kolkata), before and after the deltas are folded.
 */
@IntegrationTest
class DayCountsTests {

    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

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
    CriteriaManagement criteria;

    @Autowired
    AgreementManagement agreements;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    KeptCountFolds folds;

    @Autowired
    OwnerDatabase owner;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    LeadView lead(TestWorkspace workspace, String source, String industry, int n) {
        LeadInput input = TestLeads.qualifiedLead();
        input.setSource(source);
        input.setCampaign(n % 3 == 0 ? null : source + "-" + (n % 2));
        input.setIndustry(industry);
        input.setCountry("DE");
        input.setEmployees(100 + n);
        input.setEngagementScore(50);
        input.setTimeline(io.leadbridge.lead.PurchaseTimeline.NOW);
        return leads.create(workspace.marketer(), input);
    }

    /** Moves a timestamp of a row to {@code hoursAgo} hours before now (as a correction by hand would). */
    void backdate(String table, String column, long id, double hoursAgo) {
        owner.jdbc()
                .sql("update " + table + " set " + column + " = now() - make_interval(secs => ?) where id = ?")
                .params(hoursAgo * 3600, id)
                .update();
    }

    @Test
    void theCountsGiveTheFiguresTheScansGave() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        UUID tenant = workspace.tenantId();
        long rep = workspace.salesRep().accountId();

        // Intake, spread over the last ten days (creation times moved by hand, at odd hours).
        List<LeadView> created = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            LeadView lead =
                    lead(workspace, i % 4 == 0 ? "webinar" : "website", i % 2 == 0 ? "MANUFACTURING" : "RETAIL", i);
            created.add(lead);
            backdate("lead", "created_at", lead.id(), i * 9.75 + 0.5);
            lead(other, "webinar", "MANUFACTURING", i); // another workspace's leads on the same days
        }
        // A bulk insert (as an import writes leads: one statement, many rows), evaluated without the writer naming
        // the lead's creation day.
        owner.jdbc().sql("""
                        insert into lead (tenant_id, email, company_name, source, campaign, created_at, updated_at)
                        select ?, 'bulk' || g || '@example.com', 'Bulk ' || g, 'import', 'file-' || (g % 2),
                               now() - make_interval(hours => g * 7), now() - make_interval(hours => g * 7)
                        from generate_series(1, 30) g
                        """).param(tenant).update();
        owner.jdbc().sql("""
                        insert into lead_evaluation (tenant_id, lead_id, version_id, qualified, score, met)
                        select l.tenant_id, l.id, e.version_id, l.id % 2 = 0, 50, '{}'
                        from lead l, (select version_id from lead_evaluation where tenant_id = ? limit 1) e
                        where l.tenant_id = ? and l.source = 'import'
                        """).params(tenant, tenant).update();

        // Handoffs: accepted, rejected with reasons, some still waiting; decisions moved into the past days.
        for (int i = 0; i < 12; i++) {
            LeadView lead = created.get(i);
            in(workspace, () -> assignment.handOff(lead.id(), null, rep, null, workspace.marketer()));
            if (i % 4 == 3) {
                continue;
            }
            int n = i;
            in(workspace, () -> {
                if (n % 3 == 0) {
                    decisions.reject(
                            lead.id(), null, n % 2 == 0 ? "NO_BUDGET" : "NOT_READY", null, workspace.salesRep());
                } else {
                    decisions.accept(lead.id(), null, workspace.salesRep());
                }
                return null;
            });
            double hoursAgo = n * 17.5 + 1;
            owner.jdbc()
                    .sql("""
                            update handoff set handed_at = now() - make_interval(secs => ?),
                                due_at = now() - make_interval(secs => ?), escalate_at = now() - make_interval(secs => ?),
                                decided_at = now() - make_interval(secs => ?)
                            where tenant_id = ? and lead_id = ?
                            """)
                    .params(
                            (hoursAgo + 30) * 3600,
                            (hoursAgo + (n % 2 == 0 ? 10 : -5)) * 3600,
                            (hoursAgo + (n % 2 == 0 ? 10 : -5)) * 3600,
                            hoursAgo * 3600,
                            tenant,
                            lead.id())
                    .update();
        }
        // Stage moves: won deals (won at different times), nurture.
        for (int i : new int[] {1, 2, 5}) {
            LeadView lead = created.get(i);
            for (Stage next : new Stage[] {Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.WON}) {
                in(
                        workspace,
                        () -> funnel.move(lead.id(), next, null, new BigDecimal(1000 + i), null, workspace.salesRep()));
            }
            backdate("lead", "won_at", lead.id(), i * 31.0);
        }
        for (int i = 14; i < 20; i++) {
            LeadView lead = created.get(i);
            in(workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.marketer()));
            backdate("lead", "updated_at", lead.id(), 24.0 * (i * 2 + 20));
        }

        assertSameFigures(workspace);

        // A re-evaluation that flips the leads outside manufacturing to unqualified.
        long proposal = in(workspace, () -> criteria.propose(manufacturing(), null, workspace.marketer()))
                .agreement()
                .id();
        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, null, workspace.salesRep()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> in(workspace, criteria::reevaluationProgress)
                        .map(p -> p.status().equals("DONE"))
                        .orElse(false));
        assertThat(owner.count("select count(*) from lead_evaluation where tenant_id = ? and not qualified", tenant))
                .as("the re-evaluation flipped leads")
                .isGreaterThan(12);

        // An erasure (keeps the figures, ADR 0015) and a deletion (the lead, its evaluation and handoffs go).
        String email = owner.jdbc()
                .sql("select email from lead where id = ?")
                .param(created.get(7).id())
                .query(String.class)
                .single();
        in(workspace, () -> privacy.erase(email, workspace.admin().accountId()));
        owner.jdbc()
                .sql("delete from lead where id = ?")
                .param(created.get(4).id())
                .update();
        owner.jdbc()
                .sql("delete from lead where id = ?")
                .param(created.get(21).id())
                .update();

        assertSameFigures(workspace);
        folds.fold();
        assertThat(owner.count("select count(*) from lead_day_delta where tenant_id = ?", tenant))
                .isZero();
        assertSameFigures(workspace);

        // The other workspace's counts never show: an empty workspace sees none.
        TestWorkspace empty = workspaces.create();
        Dashboards.Marketing none =
                in(empty, () -> dashboards.marketing(Instant.now().minus(Duration.ofDays(30)), Instant.now(), 30));
        assertThat(none.leadsIn()).isZero();
        assertThat(none.bySource()).isEmpty();
        assertThat(none.handedOff()).isZero();
        assertThat(none.accepted() + none.rejected()).isZero();
    }

    static Criteria manufacturing() {
        return new Criteria(
                50,
                5000,
                Mode.REQUIRED,
                List.of("MANUFACTURING"),
                Mode.REQUIRED,
                List.of(),
                Mode.OFF,
                List.of("DE", "AT", "CH"),
                Mode.NICE,
                40,
                Mode.NICE,
                Mode.OFF,
                Mode.OFF,
                Horizon.THIS_QUARTER,
                Mode.OFF);
    }

    /** Periods: whole Kolkata days up to now, ones that begin and end mid-day, a day, and ones ending in the past. */
    List<Instant[]> periods() {
        Instant now = Instant.now();
        List<Instant[]> periods = new ArrayList<>();
        for (int days : new int[] {1, 2, 3, 7, 30}) {
            Instant from = LocalDate.ofInstant(now, KOLKATA)
                    .minusDays(days - 1L)
                    .atStartOfDay(KOLKATA)
                    .toInstant();
            periods.add(new Instant[] {from, now});
        }
        for (double[] hours : new double[][] {{75.25, 3.5}, {100.5, 40.25}, {13, 1}, {30, 29}, {240, 0}, {60, 12}}) {
            periods.add(new Instant[] {
                now.minus((long) (hours[0] * 60), ChronoUnit.MINUTES),
                now.minus((long) (hours[1] * 60), ChronoUnit.MINUTES)
            });
        }
        // Kolkata midnight to Kolkata midnight, and UTC midnight to UTC midnight.
        LocalDate today = LocalDate.ofInstant(now, KOLKATA);
        periods.add(new Instant[] {
            today.minusDays(5).atStartOfDay(KOLKATA).toInstant(),
            today.minusDays(1).atStartOfDay(KOLKATA).toInstant()
        });
        LocalDate utc = LocalDate.ofInstant(now, java.time.ZoneOffset.UTC);
        periods.add(new Instant[] {
            utc.minusDays(6).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
            utc.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
        });
        return periods;
    }

    void assertSameFigures(TestWorkspace workspace) {
        long rep = workspace.salesRep().accountId();
        // The comparison means something: the last 30 days hold every kind of figure.
        Instant now = Instant.now();
        Dashboards.Marketing lastMonth =
                in(workspace, () -> dashboards.marketing(now.minus(Duration.ofDays(30)), now, 3));
        assertThat(lastMonth.leadsIn()).isGreaterThan(40);
        assertThat(lastMonth.qualified()).isPositive();
        assertThat(lastMonth.accepted()).isPositive();
        assertThat(lastMonth.rejected()).isPositive();
        assertThat(lastMonth.rejectionReasons()).hasSize(2);
        assertThat(lastMonth.nurtureDue()).isPositive();
        assertThat(in(workspace, () -> dashboards.sales(rep, now.minus(Duration.ofDays(30)), now))
                        .wonRevenue())
                .isPositive();
        for (Instant[] period : periods()) {
            Instant from = period[0];
            Instant to = period[1];
            String which = "period " + from + " – " + to;
            Dashboards.Marketing m = in(workspace, () -> dashboards.marketing(from, to, 3));
            Map<String, Object> old = in(workspace, () -> oldMarketing(from, to, 3));
            assertThat(m.leadsIn()).as(which).isEqualTo(old.get("leads"));
            assertThat(m.qualified()).as(which).isEqualTo(old.get("qualified"));
            assertThat(m.handedOff()).as(which).isEqualTo(old.get("handed"));
            assertThat(m.accepted()).as(which).isEqualTo(old.get("accepted"));
            assertThat(m.rejected()).as(which).isEqualTo(old.get("rejected"));
            assertThat(m.nurtureDue()).as(which).isEqualTo(old.get("nurtureDue"));
            assertThat(map(m.bySource())).as(which).isEqualTo(old.get("bySource"));
            assertThat(map(m.byCampaign())).as(which).isEqualTo(old.get("byCampaign"));
            assertThat(map(m.rejectionReasons())).as(which).isEqualTo(old.get("reasons"));

            Dashboards.Sales s = in(workspace, () -> dashboards.sales(rep, from, to));
            Map<String, Object> oldSales = in(workspace, () -> oldSales(rep, from, to));
            assertThat(s.decided()).as(which).isEqualTo(oldSales.get("decided"));
            assertThat(s.decidedWithinSla()).as(which).isEqualTo(oldSales.get("within"));
            assertThat(s.wonRevenue()).as(which).isEqualByComparingTo((BigDecimal) oldSales.get("won"));
            assertThat(s.team()).as(which).hasSize(1);
            assertThat(s.team().get(0).decided()).as(which).isEqualTo(oldSales.get("decided"));
            assertThat(s.team().get(0).withinSla()).as(which).isEqualTo(oldSales.get("within"));
            assertThat(s.team().get(0).won()).as(which).isEqualByComparingTo((BigDecimal) oldSales.get("won"));
        }
        // The scorecard's months, in Kolkata.
        LocalDate today = LocalDate.now(KOLKATA);
        var months = in(workspace, () -> scorecards.scorecard(3, today, KOLKATA, 5));
        for (Scorecards.PromiseMonth month : months) {
            Instant from = month.month().atStartOfDay(KOLKATA).toInstant();
            Instant to = month.month().plusMonths(1).atStartOfDay(KOLKATA).toInstant();
            Map<String, Object> old = in(workspace, () -> oldMarketing(from, to, 3));
            assertThat(month.decided()).isEqualTo((long) old.get("accepted") + (long) old.get("rejected"));
            assertThat(month.delivered()).isEqualTo(old.get("delivered"));
            assertThat(month.decidedWithinSla()).isEqualTo(old.get("within"));
        }
    }

    static Map<String, Long> map(List<Dashboards.Count> counts) {
        return new TreeMap<>(counts.stream().collect(Collectors.toMap(Dashboards.Count::key, Dashboards.Count::count)));
    }

    /** The figures as the dashboards computed them before V42: scanning the period's leads and handoffs. */
    Map<String, Object> oldMarketing(Instant from, Instant to, int nurtureDays) {
        UUID t = CurrentTenant.require();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        Map<String, Object> figures = new java.util.HashMap<>();
        figures.put(
                "leads",
                owner.jdbc()
                        .sql("select count(*) from lead_record where tenant_id = ? and created_at >= ?"
                                + " and created_at < ?")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "qualified",
                owner.jdbc().sql("""
                        select count(*) from lead_record l join lead_qualification e on e.tenant_id = l.tenant_id
                        and e.lead_id = l.id where l.tenant_id = ? and l.created_at >= ? and l.created_at < ? and e.qualified
                        """).params(t, start, end).query(Long.class).single());
        figures.put("bySource", top(owner.jdbc().sql("""
                        select coalesce(source, '—'), count(*) from lead_record where tenant_id = ? and created_at >= ?
                        and created_at < ? group by source
                        """).params(t, start, end)));
        figures.put("byCampaign", top(owner.jdbc().sql("""
                        select coalesce(campaign, '—'), count(*) from lead_record where tenant_id = ? and created_at >= ?
                        and created_at < ? group by campaign
                        """).params(t, start, end)));
        figures.put("reasons", top(owner.jdbc().sql("""
                        select reason_code, count(*) from handoff_record where tenant_id = ? and status = 'REJECTED'
                        and decided_at >= ? and decided_at < ? group by reason_code
                        """).params(t, start, end)));
        figures.put(
                "accepted",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and status = 'ACCEPTED'"
                                + " and decided_at >= ? and decided_at < ?")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "rejected",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and status = 'REJECTED'"
                                + " and decided_at >= ? and decided_at < ?")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "within",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ?"
                                + " and status in ('ACCEPTED', 'REJECTED') and decided_at >= ? and decided_at < ?"
                                + " and decided_at <= due_at")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "handed",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and handed_at >= ?"
                                + " and handed_at < ? and status <> 'REASSIGNED'")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "delivered",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and qualified"
                                + " and handed_at >= ? and handed_at < ? and status <> 'REASSIGNED'")
                        .params(t, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "nurtureDue",
                owner.jdbc()
                        .sql("""
                        select count(*) from lead_record where tenant_id = ? and stage = 'NURTURE'
                        and updated_at < cast(? as timestamptz) - make_interval(days => ?)
                        """)
                        .params(t, end, nurtureDays)
                        .query(Long.class)
                        .single());
        return figures;
    }

    Map<String, Object> oldSales(long rep, Instant from, Instant to) {
        UUID t = CurrentTenant.require();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        Map<String, Object> figures = new java.util.HashMap<>();
        figures.put(
                "decided",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and decided_by = ?"
                                + " and status in ('ACCEPTED', 'REJECTED') and decided_at >= ? and decided_at < ?")
                        .params(t, rep, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "within",
                owner.jdbc()
                        .sql("select count(*) from handoff_record where tenant_id = ? and decided_by = ?"
                                + " and status in ('ACCEPTED', 'REJECTED') and decided_at >= ? and decided_at < ?"
                                + " and decided_at <= due_at")
                        .params(t, rep, start, end)
                        .query(Long.class)
                        .single());
        figures.put(
                "won",
                owner.jdbc()
                        .sql("select coalesce(sum(deal_value), 0) from lead_record where tenant_id = ?"
                                + " and owner_id = ? and stage = 'WON' and won_at >= ? and won_at < ?")
                        .params(t, rep, start, end)
                        .query(BigDecimal.class)
                        .single());
        return figures;
    }

    static Map<String, Long> top(JdbcClient.StatementSpec sql) {
        return new TreeMap<>(sql.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
