package io.leadbridge.goal;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.StageCounts;
import io.leadbridge.shared.DaySplit;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Revenue goals per period (month or quarter) and the scoreboard both teams see: won revenue against the target,
 * the pipeline, the share of revenue from leads marketing handed off, and the bonus split.
 */
@Service
public class GoalManagement {

    private final JdbcClient jdbc;
    private final Formats formats;
    private final Clock clock;
    private final StageCounts stageCounts;
    private final RevenueGoalRepository revenueGoals;

    GoalManagement(
            JdbcClient jdbc,
            Formats formats,
            Clock clock,
            StageCounts stageCounts,
            RevenueGoalRepository revenueGoals) {
        this.stageCounts = stageCounts;
        this.revenueGoals = revenueGoals;
        this.jdbc = jdbc;
        this.formats = formats;
        this.clock = clock;
    }

    public enum PeriodKind {
        MONTH,
        QUARTER;

        public LocalDate start(LocalDate day) {
            return this == MONTH
                    ? day.withDayOfMonth(1)
                    : LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
        }

        public LocalDate end(LocalDate start) {
            return this == MONTH ? start.plusMonths(1) : start.plusMonths(3);
        }
    }

    /**
     * A period's goal: the target, the bonus pool and marketing's share of it in percent (sales gets the rest), and
     * the version of the row, which a change must name (two admins saving at once: one wins, the other is told).
     */
    public record Goal(
            PeriodKind kind,
            LocalDate start,
            BigDecimal target,
            BigDecimal bonusPool,
            int marketingSharePercent,
            long version) {

        /** The first day after the period. */
        public LocalDate end() {
            return kind.end(start);
        }
    }

    /** The scoreboard for a period. */
    public record Scoreboard(
            Goal goal,
            BigDecimal won,
            long wonLeads,
            BigDecimal wonFromMarketing,
            long pipelineLeads,
            boolean reached,
            BigDecimal marketingBonus,
            BigDecimal salesBonus) {

        /** Progress towards the target, 0–100 (capped for the bar). */
        public int percent() {
            return won.multiply(BigDecimal.valueOf(100))
                    .divide(goal.target(), 0, RoundingMode.DOWN)
                    .min(BigDecimal.valueOf(100))
                    .intValue();
        }

        /** Share of the won revenue that came from leads marketing handed off, 0–100, or null without revenue. */
        public Integer marketingSourcedPercent() {
            return won.signum() == 0
                    ? null
                    : wonFromMarketing
                            .multiply(BigDecimal.valueOf(100))
                            .divide(won, 0, RoundingMode.HALF_UP)
                            .intValue();
        }

        public BigDecimal remaining() {
            return goal.target().subtract(won).max(BigDecimal.ZERO);
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), formats.zone());
    }

    /** The scoreboard of the first goal of the periods that contain today (the month's before the quarter's). */
    @Transactional(readOnly = true)
    public Optional<Scoreboard> current() {
        return currentGoals().stream().findFirst().map(this::scoreboard);
    }

    /**
     * The goals of the periods that contain today, each one set: the month's, then the quarter's. A month's goal does
     * not hide the quarter's: both teams see both.
     */
    @Transactional(readOnly = true)
    public List<Goal> currentGoals() {
        LocalDate today = today();
        return goals(
                PeriodKind.MONTH, PeriodKind.MONTH.start(today), PeriodKind.QUARTER, PeriodKind.QUARTER.start(today));
    }

    /** The goal of a period, if one is set; {@code start} is the period's first day. */
    @Transactional(readOnly = true)
    public Optional<Goal> goal(PeriodKind kind, LocalDate start) {
        return goals(kind, start, kind, start).stream().findFirst();
    }

    /**
     * The goals of two periods (or one, named twice), in the order of their kinds. Read with SQL, not through the
     * entity: every dashboard view reads them, and Hibernate translates an entity query again on every execution while
     * a filter is enabled — {@code @TenantId} is one (measured: the two goals were a sixth of the marketing dashboard's
     * CPU). The entity is for changing a goal (ADR 0009).
     */
    private List<Goal> goals(PeriodKind kind, LocalDate start, PeriodKind otherKind, LocalDate otherStart) {
        return jdbc
                .sql("""
                        select period_kind, period_start, target, bonus_pool, marketing_share_percent, version
                        from revenue_goal
                        where tenant_id = ? and (period_kind, period_start) in ((?, ?), (?, ?))
                        """)
                .params(CurrentTenant.require(), kind.name(), start, otherKind.name(), otherStart)
                .query((rs, row) -> new Goal(
                        PeriodKind.valueOf(rs.getString(1)),
                        rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3),
                        rs.getBigDecimal(4),
                        rs.getInt(5),
                        rs.getLong(6)))
                .list()
                .stream()
                .sorted(Comparator.comparing(Goal::kind))
                .toList();
    }

    /**
     * Sets or changes the goal of the period that contains {@code day}, as one conditional statement: with {@code
     * expectedVersion} null only when the period has no goal yet, otherwise only when its goal is still at that
     * version. Answers false, changing nothing, when someone else set or changed it first.
     */
    @Transactional
    public boolean change(
            PeriodKind kind,
            LocalDate day,
            Long expectedVersion,
            BigDecimal target,
            BigDecimal bonusPool,
            int marketingSharePercent,
            SignedInAccount admin) {
        LocalDate start = kind.start(day);
        if (expectedVersion == null) {
            return revenueGoals.insertIfAbsent(
                            CurrentTenant.require(),
                            kind.name(),
                            start,
                            target,
                            bonusPool,
                            marketingSharePercent,
                            admin.accountId())
                    == 1;
        }
        return revenueGoals.changeIfAt(
                        CurrentTenant.require(),
                        kind,
                        start,
                        expectedVersion,
                        target,
                        bonusPool,
                        marketingSharePercent,
                        admin.accountId())
                == 1;
    }

    /**
     * Sets the goal of a period whatever it was (for the demo workspace and tests); the period is the month or
     * quarter that contains {@code day}. People change goals through {@link #change}.
     */
    @Transactional
    public Goal set(
            PeriodKind kind,
            LocalDate day,
            BigDecimal target,
            BigDecimal bonusPool,
            int marketingSharePercent,
            SignedInAccount admin) {
        LocalDate start = kind.start(day);
        revenueGoals.upsert(
                CurrentTenant.require(),
                kind.name(),
                start,
                target,
                bonusPool,
                marketingSharePercent,
                admin.accountId());
        return goal(kind, start).orElseThrow();
    }

    /** Where the sales pipeline is: the leads sales works on and has not yet won or lost. */
    static final List<Stage> PIPELINE = List.of(Stage.SALES_ACCEPTED, Stage.SALES_QUALIFIED, Stage.OPPORTUNITY);

    /**
     * Won leads are found through a partial index ({@code lead_tenant_won_idx}); PostgreSQL matches one only against a
     * constant, so the lead's code goes into the statement as one, from the owner's enum, rather than bound.
     */
    private static final String WON = "'" + Stage.WON.name() + "'";

    /**
     * The numbers for a goal, from the per-day counts the database keeps (ADR 0020): the won leads and their revenue
     * from the lead module's {@code WON_DEAL} counts ({@code lead_day_record}, V42), the revenue of those marketing
     * handed off from this module's own ({@code marketing_won_day_record}, V46) — the whole UTC days of the period from
     * the counts, the partial days at its edges (the period begins at midnight in the workspace's zone) from the rows
     * (see {@link DaySplit}) — and the pipeline from the stage counts. A quarter reads a few hundred count rows and at
     * most a day of won leads, not the period's.
     */
    @Transactional(readOnly = true)
    public Scoreboard scoreboard(Goal goal) {
        return scoreboard(goal, formats.zone());
    }

    /** The numbers for a goal whose period runs from midnight to midnight in {@code zone}. */
    @Transactional(readOnly = true)
    Scoreboard scoreboard(Goal goal, ZoneId zone) {
        DaySplit period = DaySplit.of(
                goal.start().atStartOfDay(zone).toInstant(),
                goal.end().atStartOfDay(zone).toInstant());
        Map<String, Object> row = jdbc.sql("select * from\n(select coalesce(sum(leads), 0) as won_leads,"
                        + " coalesce(sum(deal_value), 0) as won from (\n"
                        + DaySplit.union("p", """
                                select leads, deal_value from lead_day_record
                                where tenant_id = :t and measure = 'WON_DEAL' and day >= :pFirstDay and day < :pEndDay""", """
                                select :pSign * count(*), :pSign * coalesce(sum(deal_value), 0) from lead_record
                                where tenant_id = :t and stage = %s and won_at >= :pFrom and won_at < :pTo""".formatted(WON))
                        + ") as w (leads, deal_value)) as won,\n"
                        + "(select coalesce(sum(deal_value), 0) as from_marketing from (\n"
                        + DaySplit.union("p", """
                                select leads, deal_value from marketing_won_day_record
                                where tenant_id = :t and day >= :pFirstDay and day < :pEndDay""", """
                                select :pSign * count(*), :pSign * coalesce(sum(l.deal_value), 0) from lead_record l
                                where l.tenant_id = :t and l.stage = %s and l.won_at >= :pFrom and l.won_at < :pTo
                                  and exists (select 1 from handoff_record h
                                              where h.tenant_id = l.tenant_id and h.lead_id = l.id)""".formatted(WON))
                        + ") as m (leads, deal_value)) as marketing")
                .param("t", CurrentTenant.require())
                .params(period.parameters("p"))
                .query()
                .singleRow();
        Map<Stage, Long> stages = stageCounts.now();
        long pipeline =
                PIPELINE.stream().mapToLong(s -> stages.getOrDefault(s, 0L)).sum();
        BigDecimal won = (BigDecimal) row.get("won");
        boolean reached = won.compareTo(goal.target()) >= 0;
        BigDecimal marketing = reached
                ? goal.bonusPool()
                        .multiply(BigDecimal.valueOf(goal.marketingSharePercent()))
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO.setScale(2);
        BigDecimal sales = reached ? goal.bonusPool().subtract(marketing) : BigDecimal.ZERO.setScale(2);
        return new Scoreboard(
                goal,
                won,
                ((Number) row.get("won_leads")).longValue(),
                (BigDecimal) row.get("from_marketing"),
                pipeline,
                reached,
                marketing,
                sales);
    }
}
