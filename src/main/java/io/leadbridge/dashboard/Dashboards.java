package io.leadbridge.dashboard;

import io.leadbridge.handoff.HandoffView;
import io.leadbridge.handoff.RepQueue;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.StageCounts;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the marketing and sales dashboards for a period, each from an aggregate query in the database (a
 * read model over leads, evaluations and handoffs; nothing is loaded into memory to be counted). It reads the views
 * their owners publish ({@code lead_record}, {@code lead_qualification}, {@code handoff_record}, {@code
 * account_person}), never their tables, and takes their codes from the owners' enums.
 */
@Service
public class Dashboards {

    /** The main path of the funnel, for the funnel chart and its conversions. */
    public static final List<Stage> PATH = List.of(
            Stage.NEW_INQUIRY,
            Stage.MARKETING_QUALIFIED,
            Stage.AWAITING_ACCEPTANCE,
            Stage.SALES_ACCEPTED,
            Stage.SALES_QUALIFIED,
            Stage.OPPORTUNITY,
            Stage.WON);

    /** The stages of a rep's own leads on the sales dashboard, in funnel order. */
    static final List<Stage> SALES_STAGES =
            List.of(Stage.SALES_ACCEPTED, Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.WON, Stage.LOST);

    private static final String ACCEPTED = HandoffView.Status.ACCEPTED.name();
    private static final String REJECTED = HandoffView.Status.REJECTED.name();
    private static final String REASSIGNED = HandoffView.Status.REASSIGNED.name();

    /**
     * The codes that partial indexes are built on ({@code lead_tenant_won_idx}, {@code lead_nurture_updated_idx},
     * {@code handoff_queue_idx}) go into the statement as constants, from the owner's enum: PostgreSQL matches a
     * partial index only against a constant, and a bound value would lose the index once the server plans the prepared
     * statement generically (from its sixth execution on).
     */
    private static final String WON = constant(Stage.WON);

    private static final String NURTURE = constant(Stage.NURTURE);
    private static final String AWAITING = constant(HandoffView.Status.AWAITING);

    private final JdbcClient jdbc;
    private final StageCounts stageCounts;
    private final RepQueue handoffs;

    Dashboards(JdbcClient jdbc, StageCounts stageCounts, RepQueue handoffs) {
        this.jdbc = jdbc;
        this.stageCounts = stageCounts;
        this.handoffs = handoffs;
    }

    public record Count(String key, long count) {}

    /** A stage of the funnel: leads there now, leads that got at least this far, and the step's conversion. */
    public record FunnelStep(Stage stage, long now, long reached, Double conversionToNext) {}

    public record Marketing(
            long leadsIn,
            long qualified,
            Double qualifiedShare,
            long handedOff,
            long accepted,
            long rejected,
            Double acceptanceRate,
            List<Count> bySource,
            List<Count> byCampaign,
            List<Count> rejectionReasons,
            List<FunnelStep> funnel,
            long awaitingMarketingAnswer,
            long nurtureDue,
            long leadsNow) {

        /** Whether the workspace has no lead at all yet (a new one): the dashboard offers the first steps. */
        public boolean noLeadsYet() {
            return leadsNow == 0;
        }

        /** The same period's figures with the funnel, the rejected leads and all leads as they are now. */
        Marketing withNow(List<FunnelStep> funnelNow, long awaitingNow, long leadsNow) {
            return new Marketing(
                    leadsIn,
                    qualified,
                    qualifiedShare,
                    handedOff,
                    accepted,
                    rejected,
                    acceptanceRate,
                    bySource,
                    byCampaign,
                    rejectionReasons,
                    funnelNow,
                    awaitingNow,
                    nurtureDue,
                    leadsNow);
        }
    }

    public record Sales(
            long awaiting,
            long overdue,
            List<Count> myLeadsByStage,
            long decided,
            long decidedWithinSla,
            Double slaShare,
            Double medianHoursToDecision,
            java.math.BigDecimal wonRevenue,
            List<RepRow> team) {

        Sales withNow(long awaitingNow, long overdueNow, List<Count> byStageNow) {
            return new Sales(
                    awaitingNow,
                    overdueNow,
                    byStageNow,
                    decided,
                    decidedWithinSla,
                    slaShare,
                    medianHoursToDecision,
                    wonRevenue,
                    team);
        }
    }

    /**
     * A rep's period figures computed a while ago with what waits for the rep and the rep's leads by stage as they
     * are at this moment.
     */
    @Transactional(readOnly = true)
    public Sales withNow(Sales figures, long repId) {
        RepQueue.Waiting waiting = handoffs.waiting(repId);
        return figures.withNow(waiting.awaiting(), waiting.overdue(), leadsByStage(repId));
    }

    private List<Count> leadsByStage(long repId) {
        Map<Stage, Long> owned = stageCounts.ownedBy(repId);
        return SALES_STAGES.stream()
                .filter(stage -> owned.getOrDefault(stage, 0L) > 0)
                .map(stage -> new Count(stage.name(), owned.get(stage)))
                .toList();
    }

    /** One rep in the team view. */
    public record RepRow(
            long repId,
            String name,
            long awaiting,
            long overdue,
            long decided,
            long withinSla,
            java.math.BigDecimal won) {}

    /**
     * The marketing figures of a period. The period's leads are read once (leads in, qualified, by source and by
     * campaign as grouping sets of one scan) and its decided handoffs once (accepted, rejected and the reasons), so
     * a refresh of a large workspace's figures costs two scans, not six.
     */
    @Transactional(readOnly = true)
    public Marketing marketing(Instant from, Instant to, int nurtureDays) {
        var tenant = CurrentTenant.require();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        long[] leadsIn = new long[2];
        List<Count> bySource = new ArrayList<>();
        List<Count> byCampaign = new ArrayList<>();
        jdbc.sql("""
                        select grouping(l.source) as all_sources, grouping(l.campaign) as all_campaigns,
                               coalesce(l.source, '—') as source, coalesce(l.campaign, '—') as campaign,
                               count(*) as leads, count(*) filter (where e.qualified) as qualified
                        from lead_record l
                        left join lead_qualification e on e.tenant_id = l.tenant_id and e.lead_id = l.id
                        where l.tenant_id = ? and l.created_at >= ? and l.created_at < ?
                        group by grouping sets ((l.source), (l.campaign), ())
                        """).params(tenant, start, end).query(rs -> {
            boolean allSources = rs.getInt("all_sources") == 1;
            boolean allCampaigns = rs.getInt("all_campaigns") == 1;
            if (allSources && allCampaigns) {
                leadsIn[0] = rs.getLong("leads");
                leadsIn[1] = rs.getLong("qualified");
            } else if (allCampaigns) {
                bySource.add(new Count(rs.getString("source"), rs.getLong("leads")));
            } else {
                byCampaign.add(new Count(rs.getString("campaign"), rs.getLong("leads")));
            }
        });
        long[] decided = new long[2];
        Map<String, Long> reasons = new java.util.HashMap<>();
        jdbc.sql("""
                        select status, reason_code, count(*) from handoff_record
                        where tenant_id = ? and status in (?, ?) and decided_at >= ? and decided_at < ?
                        group by status, reason_code
                        """).params(tenant, ACCEPTED, REJECTED, start, end).query(rs -> {
            if (rs.getString(1).equals(ACCEPTED)) {
                decided[0] += rs.getLong(3);
            } else {
                decided[1] += rs.getLong(3);
                if (rs.getString(2) != null) {
                    reasons.merge(rs.getString(2), rs.getLong(3), Long::sum);
                }
            }
        });
        Map<String, Object> handoffs = jdbc.sql("""
                        select (select count(*) from handoff_record where tenant_id = :t and handed_at >= :from
                                  and handed_at < :to and status <> :reassigned) as handed,
                               (select count(*) from lead_record where tenant_id = :t and stage = %s
                                  and updated_at < cast(:to as timestamptz) - make_interval(days => cast(:nurtureDays as int))) as nurture_due
                        """.formatted(NURTURE))
                .param("t", tenant)
                .param("reassigned", REASSIGNED)
                .param("from", start)
                .param("to", end)
                .param("nurtureDays", nurtureDays)
                .query()
                .singleRow();
        Map<Stage, Long> now = stageCounts.now();
        long leads = leadsIn[0];
        long qualified = leadsIn[1];
        long accepted = decided[0];
        long rejected = decided[1];
        return new Marketing(
                leads,
                qualified,
                rate(qualified, leads),
                number(handoffs.get("handed")),
                accepted,
                rejected,
                rate(accepted, accepted + rejected),
                top(bySource, 10),
                top(byCampaign, 10),
                top(
                        reasons.entrySet().stream()
                                .map(r -> new Count(r.getKey(), r.getValue()))
                                .toList(),
                        Integer.MAX_VALUE),
                funnel(now),
                now.getOrDefault(Stage.REJECTED, 0L),
                number(handoffs.get("nurture_due")),
                total(now));
    }

    /** The largest counts first (ties by key), at most {@code limit}. */
    private static List<Count> top(List<Count> counts, int limit) {
        return counts.stream()
                .sorted(java.util.Comparator.comparingLong(Count::count)
                        .reversed()
                        .thenComparing(Count::key))
                .limit(limit)
                .toList();
    }

    /**
     * Period figures computed a while ago (see the dashboard's figure cache) with the counts that are kept live — the
     * funnel and the rejected leads waiting for marketing — as they are at this moment.
     */
    @Transactional(readOnly = true)
    public Marketing withNow(Marketing figures) {
        Map<Stage, Long> now = stageCounts.now();
        return figures.withNow(funnel(now), now.getOrDefault(Stage.REJECTED, 0L), total(now));
    }

    private static long total(Map<Stage, Long> now) {
        return now.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Leads at each stage now; "reached" counts the leads now at that step of the main path or beyond it. */
    static List<FunnelStep> funnel(Map<Stage, Long> now) {
        // Side stages count as the step they branch from: nurture with new inquiries, rejected and disputed with the
        // handoff, lost with the opportunity.
        Map<Stage, Long> onPath = new EnumMap<>(Stage.class);
        for (Stage stage : PATH) {
            onPath.put(stage, now.getOrDefault(stage, 0L));
        }
        onPath.merge(Stage.NEW_INQUIRY, now.getOrDefault(Stage.NURTURE, 0L), Long::sum);
        onPath.merge(Stage.AWAITING_ACCEPTANCE, now.getOrDefault(Stage.REJECTED, 0L), Long::sum);
        onPath.merge(Stage.AWAITING_ACCEPTANCE, now.getOrDefault(Stage.IN_DISPUTE, 0L), Long::sum);
        onPath.merge(Stage.OPPORTUNITY, now.getOrDefault(Stage.LOST, 0L), Long::sum);
        List<Long> reached = new ArrayList<>();
        long running = 0;
        for (int i = PATH.size() - 1; i >= 0; i--) {
            running += onPath.get(PATH.get(i));
            reached.add(0, running);
        }
        List<FunnelStep> steps = new ArrayList<>();
        for (int i = 0; i < PATH.size(); i++) {
            Double conversion = i + 1 < PATH.size() ? rate(reached.get(i + 1), reached.get(i)) : null;
            steps.add(new FunnelStep(PATH.get(i), now.getOrDefault(PATH.get(i), 0L), reached.get(i), conversion));
        }
        return steps;
    }

    @Transactional(readOnly = true)
    public Sales sales(long repId, Instant from, Instant to) {
        var tenant = CurrentTenant.require();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        Map<String, Object> mine = jdbc.sql("""
                        select (select count(*) from handoff_record where tenant_id = :t and decided_by = :rep
                                  and status in (:accepted, :rejected) and decided_at >= :from and decided_at < :to)
                                  as decided,
                               (select count(*) from handoff_record where tenant_id = :t and decided_by = :rep
                                  and status in (:accepted, :rejected) and decided_at >= :from and decided_at < :to
                                  and decided_at <= due_at) as within,
                               (select percentile_cont(0.5) within group (
                                       order by extract(epoch from decided_at - handed_at))
                                  from handoff_record where tenant_id = :t and decided_by = :rep
                                  and status in (:accepted, :rejected) and decided_at >= :from and decided_at < :to)
                                  as median,
                               (select coalesce(sum(deal_value), 0) from lead_record where tenant_id = :t
                                  and owner_id = :rep and stage = %s and won_at >= :from and won_at < :to) as won
                        """.formatted(WON))
                .param("t", tenant)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .param("rep", repId)
                .param("from", start)
                .param("to", end)
                .query()
                .singleRow();
        List<RepRow> team = jdbc.sql("""
                        select a.id, a.display_name,
                               count(h.id) filter (where h.status = %1$s) as awaiting,
                               count(h.id) filter (where h.status = %1$s and h.due_at < now()) as overdue,
                               count(h.id) filter (where h.status in (:accepted, :rejected)
                                   and h.decided_at >= :from and h.decided_at < :to) as decided,
                               count(h.id) filter (where h.status in (:accepted, :rejected)
                                   and h.decided_at >= :from and h.decided_at < :to and h.decided_at <= h.due_at)
                                   as within,
                               coalesce(max(w.won), 0) as won
                        from account_person a
                        left join handoff_record h on h.tenant_id = a.tenant_id and h.assignee_id = a.id
                             and (h.status = %1$s or h.decided_at >= :from)
                        left join (select owner_id, sum(deal_value) as won from lead_record
                                   where tenant_id = :t and stage = %2$s and won_at >= :from and won_at < :to
                                   group by owner_id) w on w.owner_id = a.id
                        where a.tenant_id = :t and a.active and a.sales_rep
                        group by a.tenant_id, a.id, a.display_name
                        order by a.display_name
                        """.formatted(AWAITING, WON))
                .param("t", tenant)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .param("from", start)
                .param("to", end)
                .query((rs, row) -> new RepRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getBigDecimal(7)))
                .list();
        long decided = number(mine.get("decided"));
        long within = number(mine.get("within"));
        Object median = mine.get("median");
        // What waits for the rep and the rep's leads by stage come from the same place as on every later view.
        Sales period = new Sales(
                0,
                0,
                List.of(),
                decided,
                within,
                rate(within, decided),
                median == null ? null : ((Number) median).doubleValue() / 3600.0,
                (java.math.BigDecimal) mine.get("won"),
                team);
        return withNow(period, repId);
    }

    /** An enum's constant as an SQL string literal (enum names need no quoting beyond the quotes). */
    private static String constant(Enum<?> code) {
        return "'" + code.name() + "'";
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
