package io.leadbridge.dashboard;

import io.leadbridge.handoff.HandoffView;
import io.leadbridge.handoff.RepQueue;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.StageCounts;
import io.leadbridge.shared.DaySplit;
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
     * The marketing figures of a period, from the day counts the database keeps (V42, ADR 0018): the whole days of
     * the period from the counts, its two partial edge days from the rows (see {@link DaySplit}). A refresh of a large
     * workspace's figures reads a few hundred to a few thousand count rows and at most a day of leads and handoffs,
     * not the period's.
     */
    @Transactional(readOnly = true)
    public Marketing marketing(Instant from, Instant to, int nurtureDays) {
        var tenant = CurrentTenant.require();
        DaySplit period = DaySplit.of(from, to);
        Map<String, Long> sources = new java.util.HashMap<>();
        Map<String, Long> campaigns = new java.util.HashMap<>();
        long[] leadsIn = new long[2];
        jdbc.sql("select source, campaign, sum(leads) from (\n"
                        + DaySplit.union("p", """
                                select source, campaign, leads from lead_day_record
                                where tenant_id = :t and measure = 'CREATED' and day >= :pFirstDay and day < :pEndDay""", """
                                select source, campaign, :pSign * count(*) from lead_record
                                where tenant_id = :t and created_at >= :pFrom and created_at < :pTo
                                group by source, campaign""")
                        + ") as counted group by source, campaign having sum(leads) <> 0")
                .param("t", tenant)
                .params(period.parameters("p"))
                .query(rs -> {
                    long leads = rs.getLong(3);
                    sources.merge(key(rs.getString(1)), leads, Long::sum);
                    campaigns.merge(key(rs.getString(2)), leads, Long::sum);
                    leadsIn[0] += leads;
                });
        Instant nurtureBefore = to.atZone(java.time.ZoneId.systemDefault())
                .minusDays(nurtureDays)
                .toInstant();
        Map<String, Object> row = jdbc.sql("select (select coalesce(sum(leads), 0) from (\n"
                        + DaySplit.union("p", """
                                select leads from lead_qualified_day_record
                                where tenant_id = :t and day >= :pFirstDay and day < :pEndDay""", """
                                select :pSign * count(*) from lead_record l
                                join lead_qualification e on e.tenant_id = l.tenant_id and e.lead_id = l.id
                                where l.tenant_id = :t and l.created_at >= :pFrom and l.created_at < :pTo
                                  and e.qualified""")
                        + ") as q (leads)) as qualified,\n"
                        + "(select coalesce(sum(handoffs), 0) from (\n"
                        + DaySplit.union("p", """
                                select handoffs from handoff_day_record
                                where tenant_id = :t and measure = 'HANDED' and status = ''
                                  and day >= :pFirstDay and day < :pEndDay""", """
                                select :pSign * count(*) from handoff_record
                                where tenant_id = :t and handed_at >= :pFrom and handed_at < :pTo
                                  and status <> :reassigned""")
                        + ") as h (handoffs)) as handed,\n"
                        + "(select coalesce(sum(leads), 0) from (\n"
                        + DaySplit.union("n", """
                                select leads from lead_day_record
                                where tenant_id = :t and measure = 'NURTURED' and day >= :pFirstDay and day < :pEndDay""", """
                                select :pSign * count(*) from lead_record
                                where tenant_id = :t and stage = %s and updated_at >= :pFrom and updated_at < :pTo""".formatted(NURTURE))
                        + ") as n (leads)) as nurture_due")
                .param("t", tenant)
                .param("reassigned", REASSIGNED)
                .params(period.parameters("p"))
                .params(DaySplit.of(DaySplit.BEGINNING, nurtureBefore).parameters("n"))
                .query()
                .singleRow();
        leadsIn[1] = number(row.get("qualified"));
        long[] decided = new long[2];
        Map<String, Long> reasons = new java.util.HashMap<>();
        jdbc.sql("select status, reason_code, sum(handoffs) from (\n"
                        + DaySplit.union("p", """
                                select status, reason_code, handoffs from handoff_day_record
                                where tenant_id = :t and measure = 'DECIDED' and day >= :pFirstDay and day < :pEndDay""", """
                                select status, reason_code, :pSign * count(*) from handoff_record
                                where tenant_id = :t and status in (:accepted, :rejected)
                                  and decided_at >= :pFrom and decided_at < :pTo
                                group by status, reason_code""")
                        + ") as d (status, reason_code, handoffs) group by status, reason_code"
                        + " having sum(handoffs) <> 0")
                .param("t", tenant)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .params(period.parameters("p"))
                .query(rs -> {
                    if (rs.getString(1).equals(ACCEPTED)) {
                        decided[0] += rs.getLong(3);
                    } else {
                        decided[1] += rs.getLong(3);
                        if (rs.getString(2) != null) {
                            reasons.merge(rs.getString(2), rs.getLong(3), Long::sum);
                        }
                    }
                });
        Map<Stage, Long> now = stageCounts.now();
        long leads = leadsIn[0];
        long qualified = leadsIn[1];
        long accepted = decided[0];
        long rejected = decided[1];
        return new Marketing(
                leads,
                qualified,
                rate(qualified, leads),
                number(row.get("handed")),
                accepted,
                rejected,
                rate(accepted, accepted + rejected),
                top(counts(sources), 10),
                top(counts(campaigns), 10),
                top(counts(reasons), Integer.MAX_VALUE),
                funnel(now),
                now.getOrDefault(Stage.REJECTED, 0L),
                number(row.get("nurture_due")),
                total(now));
    }

    /** A source or campaign as the dashboard shows it: a dash for none. */
    private static String key(String value) {
        return value == null ? "—" : value;
    }

    private static List<Count> counts(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .filter(c -> c.getValue() != 0)
                .map(c -> new Count(c.getKey(), c.getValue()))
                .toList();
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

    /**
     * A rep's figures for a period. The rep's own decisions are read from the index on the decider ({@code
     * handoff_decided_by_idx}: a rep's share of the workspace's decisions, small) because the median is not a sum of
     * day counts; the won revenue and the team's decisions come from the day counts (ADR 0018).
     */
    @Transactional(readOnly = true)
    public Sales sales(long repId, Instant from, Instant to) {
        var tenant = CurrentTenant.require();
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        DaySplit days = DaySplit.of(from, to);
        Map<String, Object> mine = jdbc.sql("""
                        select count(*) as decided, count(*) filter (where decided_at <= due_at) as within,
                               percentile_cont(0.5) within group (order by extract(epoch from decided_at - handed_at))
                                   as median
                        from handoff_record where tenant_id = :t and decided_by = :rep
                          and status in (:accepted, :rejected) and decided_at >= :from and decided_at < :to
                        """)
                .param("t", tenant)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .param("rep", repId)
                .param("from", start)
                .param("to", end)
                .query()
                .singleRow();
        // The won revenue per owner in the period, and the team's decisions per assignee, from the day counts.
        Map<Long, java.math.BigDecimal> won = new java.util.HashMap<>();
        jdbc.sql("select owner_id, sum(leads), sum(deal_value) from (\n"
                        + DaySplit.union("p", """
                                select owner_id, leads, deal_value from lead_day_record
                                where tenant_id = :t and measure = 'WON_DEAL' and day >= :pFirstDay and day < :pEndDay""", """
                                select owner_id, :pSign * count(*), :pSign * coalesce(sum(deal_value), 0)
                                from lead_record
                                where tenant_id = :t and stage = %s and won_at >= :pFrom and won_at < :pTo
                                group by owner_id""".formatted(WON))
                        + ") as w (owner_id, leads, deal_value) group by owner_id having sum(leads) <> 0")
                .param("t", tenant)
                .params(days.parameters("p"))
                .query(rs -> {
                    won.put(rs.getObject(1) == null ? 0L : rs.getLong(1), rs.getBigDecimal(3));
                });
        Map<Long, long[]> decidedBy = new java.util.HashMap<>();
        jdbc.sql("select assignee_id, within_sla, sum(handoffs) from (\n"
                        + DaySplit.union("p", """
                                select assignee_id, within_sla, handoffs from handoff_day_record
                                where tenant_id = :t and measure = 'TEAM' and day >= :pFirstDay and day < :pEndDay""", """
                                select assignee_id, decided_at <= due_at, :pSign * count(*) from handoff_record
                                where tenant_id = :t and status in (:accepted, :rejected)
                                  and decided_at >= :pFrom and decided_at < :pTo
                                group by 1, 2""")
                        + ") as d (assignee_id, within_sla, handoffs) group by 1, 2")
                .param("t", tenant)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .params(days.parameters("p"))
                .query(rs -> {
                    long[] counts = decidedBy.computeIfAbsent(rs.getLong(1), k -> new long[2]);
                    counts[0] += rs.getLong(3);
                    if (rs.getBoolean(2)) {
                        counts[1] += rs.getLong(3);
                    }
                });
        List<RepRow> team = jdbc.sql("""
                        select a.id, a.display_name,
                               count(h.id) as awaiting,
                               count(h.id) filter (where h.due_at < now()) as overdue
                        from account_person a
                        left join handoff_record h on h.tenant_id = a.tenant_id and h.assignee_id = a.id
                             and h.status = %1$s
                        where a.tenant_id = :t and a.active and a.sales_rep
                        group by a.tenant_id, a.id, a.display_name
                        order by a.display_name
                        """.formatted(AWAITING))
                .param("t", tenant)
                .query((rs, row) -> {
                    long id = rs.getLong(1);
                    long[] counts = decidedBy.getOrDefault(id, new long[2]);
                    return new RepRow(
                            id,
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            counts[0],
                            counts[1],
                            won.getOrDefault(id, java.math.BigDecimal.ZERO));
                })
                .list();
        mine = new java.util.HashMap<>(mine);
        mine.put("won", won.getOrDefault(repId, java.math.BigDecimal.ZERO));
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
