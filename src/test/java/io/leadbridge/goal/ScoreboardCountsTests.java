package io.leadbridge.goal;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.goal.GoalManagement.Goal;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.goal.GoalManagement.Scoreboard;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.privacy.PrivacyManagement;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.KeptCountFolds;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The scoreboard read from the day counts the database keeps (V42's won deals, V46's won leads marketing handed off)
 * shows the numbers the scan it replaces computed from the leads and handoffs themselves: for months and quarters in
 * UTC, in a zone half an hour off UTC (Asia/Kolkata) and one behind it (America/Los_Angeles), after won leads made
 * through the product and in bulk, handoffs made for leads already won, deal values changed, leads that leave WON,
 * won dates moved, handoffs deleted and moved, leads erased and deleted — right after the changes (the fold job may or
 * may not have folded them yet) and after a fold. And another workspace's won leads never count.
 */
@IntegrationTest
class ScoreboardCountsTests {

    static final List<ZoneId> ZONES =
            List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"), ZoneId.of("America/Los_Angeles"));

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    GoalManagement goals;

    @Autowired
    KeptCountFolds folds;

    @Autowired
    OwnerDatabase owner;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    WonLeads won;

    @org.junit.jupiter.api.BeforeEach
    void wonLeads() {
        won = new WonLeads(given, leads, decisions, funnel, owner);
    }

    long wonThroughTheHandoff(TestWorkspace workspace, String value) {
        return won.throughTheHandoff(workspace, value);
    }

    long wonBySalesAlone(TestWorkspace workspace, String value) {
        return won.bySalesAlone(workspace, value);
    }

    /** Moves a won lead's won_at to {@code hoursAgo} hours before now (as a correction by hand would). */
    void wonHoursAgo(long lead, double hoursAgo) {
        owner.jdbc()
                .sql("update lead set won_at = now() - make_interval(secs => ?) where id = ?")
                .params(hoursAgo * 3600, lead)
                .update();
    }

    /**
     * Won leads written in one statement (as an import or a correction would), won at odd hours over the last 200 days,
     * some without a deal value; each numbered in {@code employees} (1, 2, …) for the changes below to pick from (the
     * ids come from a sequence that steps by more than one).
     */
    void wonInBulk(TestWorkspace workspace, String source, int count) {
        owner.jdbc()
                .sql("""
                        insert into lead (tenant_id, email, company_name, employees, source, stage, owner_id, deal_value,
                                          won_at, created_at, updated_at)
                        select ?, ? || g || '@example.com', 'Won ' || g, g, ?, 'WON', ?,
                               case when g % 7 = 0 then null else 250 * g + 0.5 end,
                               now() - make_interval(mins => g * 4219), now() - interval '300 days', now()
                        from generate_series(1, ?) g
                        """)
                .params(
                        workspace.tenantId(),
                        source,
                        source,
                        workspace.salesRep().accountId(),
                        count)
                .update();
    }

    /** Handoffs made, in one statement, for leads that were already won (an accepted handoff before the win). */
    void handOffAlreadyWon(TestWorkspace workspace, String where) {
        owner.jdbc()
                .sql("""
                        insert into handoff (tenant_id, lead_id, handed_by, assignee_id, qualified, handed_at, due_at,
                                             escalate_at, status, decided_by, decided_at)
                        select l.tenant_id, l.id, ?, ?, true, l.won_at - interval '20 days', l.won_at - interval '19 days',
                               l.won_at - interval '18 days', 'ACCEPTED', ?, l.won_at - interval '19 days'
                        from lead l where l.tenant_id = ? and l.stage = 'WON' and (%s)
                        """.formatted(where))
                .params(
                        workspace.marketer().accountId(),
                        workspace.salesRep().accountId(),
                        workspace.salesRep().accountId(),
                        workspace.tenantId())
                .update();
    }

    @Test
    void theKeptCountsGiveTheNumbersTheScanGave() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        UUID tenant = workspace.tenantId();

        // Through the product: won through a handoff, won by sales alone; won dates moved over the last months.
        List<Long> throughHandoff = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long lead = wonThroughTheHandoff(workspace, String.valueOf(10_000 + i * 1_111));
            throughHandoff.add(lead);
            wonHoursAgo(lead, i * 601.25 + 3.5);
        }
        List<Long> bySales = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long lead = wonBySalesAlone(workspace, String.valueOf(7_000 + i * 333));
            bySales.add(lead);
            wonHoursAgo(lead, i * 977.5 + 11);
        }
        // In bulk, and handoffs for some of those already won: one each, and two in one statement for others.
        wonInBulk(workspace, "bulk", 48);
        handOffAlreadyWon(workspace, "l.source = 'bulk' and l.employees % 2 = 0");
        handOffAlreadyWon(workspace, "l.source = 'bulk' and l.employees % 6 = 0");
        owner.jdbc()
                .sql("""
                        insert into handoff (tenant_id, lead_id, handed_by, assignee_id, qualified, handed_at, due_at,
                                             escalate_at, status, decided_at)
                        select l.tenant_id, l.id, ?, ?, true, now(), now() + interval '1 day', now() + interval '2 days',
                               s.status, case when s.status = 'AWAITING' then null else now() end
                        from lead l, (values ('REASSIGNED'), ('AWAITING')) s (status)
                        where l.tenant_id = ? and l.source = 'bulk' and l.employees % 10 = 5
                        """)
                .params(workspace.marketer().accountId(), workspace.salesRep().accountId(), tenant)
                .update();
        // Another workspace's won leads on the same days, most of them handed off.
        wonInBulk(other, "bulk", 30);
        handOffAlreadyWon(other, "l.employees % 3 <> 0");
        wonThroughTheHandoff(other, "123456");

        assertSameNumbers(workspace);
        assertSameNumbers(other);

        // Deal values changed on won leads (with and without a handoff; one set to none), in one statement.
        owner.jdbc().sql("""
                        update lead set deal_value = case when employees % 4 = 0 then null else coalesce(deal_value, 0) + 99.99 end
                        where tenant_id = ? and source = 'bulk' and employees % 3 = 0
                        """).param(tenant).update();
        owner.jdbc()
                .sql("update lead set deal_value = 55555 where id = ?")
                .param(throughHandoff.get(1))
                .update();
        // Won leads that leave WON: one back to an opportunity, some lost in bulk.
        owner.jdbc()
                .sql("update lead set stage = 'OPPORTUNITY' where id = ?")
                .param(throughHandoff.get(2))
                .update();
        owner.jdbc()
                .sql("update lead set stage = 'LOST' where tenant_id = ? and source = 'bulk' and employees % 5 = 1")
                .param(tenant)
                .update();
        // Won dates moved across month ends, a won lead without a won date.
        owner.jdbc().sql("""
                        update lead set won_at = won_at - interval '17 days 5 hours'
                        where tenant_id = ? and source = 'bulk' and employees % 4 = 2
                        """).param(tenant).update();
        owner.jdbc()
                .sql("update lead set won_at = null where tenant_id = ? and source = 'bulk' and employees % 11 = 0")
                .param(tenant)
                .update();
        // A handoff made for a lead won by sales alone (the first), and one more for a lead that has one.
        handOffAlreadyWon(workspace, "l.id = " + bySales.get(0) + " or l.id = " + throughHandoff.get(0));
        // Handoffs deleted: the only one of some leads, one of two of others.
        owner.jdbc().sql("""
                        delete from handoff where tenant_id = ? and id in (
                            select min(h.id) from handoff h join lead l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                            where l.tenant_id = ? and l.source = 'bulk' and l.employees % 8 in (0, 2) group by h.lead_id)
                        """).params(tenant, tenant).update();
        // A handoff moved (by hand) from a won lead to a won lead that had none.
        owner.jdbc().sql("""
                        update handoff set lead_id = ? where id = (select min(id) from handoff where lead_id = ?)
                        """).params(bySales.get(1), throughHandoff.get(3)).update();
        // An erasure keeps the numbers (ADR 0015); deletions (the lead and its handoffs go) take the lead out.
        String email = owner.jdbc()
                .sql("select email from lead where id = ?")
                .param(throughHandoff.get(0))
                .query(String.class)
                .single();
        in(workspace, () -> privacy.erase(email, workspace.admin().accountId()));
        owner.jdbc()
                .sql("delete from lead where tenant_id = ? and source = 'bulk' and employees % 9 in (0, 4)")
                .param(tenant)
                .update();
        owner.jdbc().sql("delete from lead where id = ?").param(bySales.get(2)).update();

        assertSameNumbers(workspace);
        assertSameNumbers(other);

        folds.fold();
        assertThat(owner.count("select count(*) from marketing_won_day_delta where tenant_id = ?", tenant))
                .isZero();
        assertSameNumbers(workspace);
        assertSameNumbers(other);
    }

    @Test
    void anotherWorkspacesWonLeadsNeverCount() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        wonInBulk(other, "theirs", 20);
        handOffAlreadyWon(other, "true");
        wonThroughTheHandoff(other, "40000");
        wonThroughTheHandoff(workspace, "1000");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Goal quarter = new Goal(
                PeriodKind.QUARTER,
                PeriodKind.QUARTER.start(today),
                new BigDecimal("5000"),
                new BigDecimal("100"),
                50,
                0);
        Scoreboard ours = in(workspace, () -> goals.scoreboard(quarter, ZoneOffset.UTC));
        assertThat(ours.won()).isEqualByComparingTo("1000");
        assertThat(ours.wonLeads()).isEqualTo(1);
        assertThat(ours.wonFromMarketing()).isEqualByComparingTo("1000");

        TestWorkspace empty = workspaces.create();
        for (ZoneId zone : ZONES) {
            for (Goal goal : periods(zone)) {
                Scoreboard none = in(empty, () -> goals.scoreboard(goal, zone));
                assertThat(none.won()).isZero();
                assertThat(none.wonLeads()).isZero();
                assertThat(none.wonFromMarketing()).isZero();
            }
        }
        // The other workspace's won leads are counted (so the zeros above mean something).
        assertThat(owner.count("select count(*) from marketing_won_day_record where tenant_id = ?", other.tenantId()))
                .isPositive();
    }

    /** The months of the last half-year and the quarters of the last year, in {@code zone}. */
    static List<Goal> periods(ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        List<Goal> periods = new ArrayList<>();
        for (int back = 0; back < 7; back++) {
            periods.add(goal(PeriodKind.MONTH, PeriodKind.MONTH.start(today.minusMonths(back))));
        }
        for (int back = 0; back < 4; back++) {
            periods.add(goal(PeriodKind.QUARTER, PeriodKind.QUARTER.start(today.minusMonths(3L * back))));
        }
        return periods;
    }

    static Goal goal(PeriodKind kind, LocalDate start) {
        return new Goal(kind, start, new BigDecimal("100000"), new BigDecimal("10000"), 40, 0);
    }

    void assertSameNumbers(TestWorkspace workspace) {
        boolean split = false;
        List<String> seen = new ArrayList<>();
        for (ZoneId zone : ZONES) {
            for (Goal goal : periods(zone)) {
                String which = goal.kind() + " from " + goal.start() + " in " + zone;
                Scoreboard board = in(workspace, () -> goals.scoreboard(goal, zone));
                Map<String, Object> old = in(workspace, () -> oldScoreboard(goal, zone));
                assertThat(board.won()).as(which).isEqualByComparingTo((BigDecimal) old.get("won"));
                assertThat(board.wonLeads()).as(which).isEqualTo(((Number) old.get("won_leads")).longValue());
                assertThat(board.wonFromMarketing()).as(which).isEqualByComparingTo((BigDecimal)
                        old.get("from_marketing"));
                seen.add(which + ": " + board.wonLeads() + " " + board.won() + " " + board.wonFromMarketing());
                split |= board.wonFromMarketing().signum() > 0
                        && board.wonFromMarketing().compareTo(board.won()) < 0;
            }
        }
        assertThat(split)
                .as(
                        "some period holds won revenue both from marketing and not: the comparison means something %s",
                        seen)
                .isTrue();
    }

    /** The scoreboard's numbers as GoalManagement computed them before V46: one scan of the period's won leads. */
    Map<String, Object> oldScoreboard(Goal goal, ZoneId zone) {
        return owner.jdbc()
                .sql("""
                        select coalesce(sum(l.deal_value), 0) as won, count(*) as won_leads,
                               coalesce(sum(l.deal_value) filter (where exists (
                                   select 1 from handoff_record h where h.tenant_id = l.tenant_id and h.lead_id = l.id)), 0)
                                   as from_marketing
                        from lead_record l
                        where l.tenant_id = :tenant and l.stage = 'WON' and l.won_at >= :from and l.won_at < :to
                        """)
                .param("tenant", CurrentTenant.require())
                .param("from", Timestamp.from(goal.start().atStartOfDay(zone).toInstant()))
                .param("to", Timestamp.from(goal.end().atStartOfDay(zone).toInstant()))
                .query()
                .singleRow();
    }
}
