package io.leadbridge.dispute;

import io.leadbridge.handoff.HandoffView;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The health of the handoff for a period, computed by aggregate queries in the database: acceptance rate, rejection
 * reasons (with the period before for the trend), disputes and how they were decided, time from handoff to decision,
 * SLA compliance, and the criteria feedback among rejected leads. A read model over the dispute table and the views the
 * handoff, criteria and lead modules publish ({@code handoff_record}, {@code lead_qualification}, {@code lead_record}),
 * with the handoff's codes from its enum.
 */
@Service
public class HandoffHealth {

    private static final String ACCEPTED = HandoffView.Status.ACCEPTED.name();
    private static final String REJECTED = HandoffView.Status.REJECTED.name();

    /**
     * Waiting handoffs are found through a partial index ({@code handoff_queue_idx}); PostgreSQL matches one only
     * against a constant, so this code goes into the statement as one, from the owner's enum, rather than bound.
     */
    private static final String AWAITING = "'" + HandoffView.Status.AWAITING.name() + "'";

    private final JdbcClient jdbc;

    HandoffHealth(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The figures for [from, to). Rates are null when there is nothing to divide by. */
    public record Figures(
            Instant from,
            Instant to,
            long accepted,
            long rejected,
            Double acceptanceRate,
            Double medianHoursToDecision,
            Double p90HoursToDecision,
            long decidedWithinSla,
            Double slaCompliance,
            long overdueNow,
            long disputesOpened,
            long upheld,
            long overturned,
            Double overturnRate,
            List<ReasonCount> reasons,
            List<CriterionMisses> criteriaMisses,
            List<Cluster> reasonsByIndustry,
            List<Cluster> reasonsBySource) {

        public long decided() {
            return accepted + rejected;
        }
    }

    /** How often a reason was given in the period, and in the period of the same length before it. */
    public record ReasonCount(String reasonCode, long count, long previousCount) {}

    /** Among leads rejected in the period: how many did not meet a criterion (as evaluated now). */
    public record CriterionMisses(String criterion, long missed, long rejectedLeads) {}

    /** A rejection reason given often for one industry or source. */
    public record Cluster(String reasonCode, String value, long count) {}

    @Transactional(readOnly = true)
    public Figures figures(Instant from, Instant to) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        Timestamp before = Timestamp.from(from.minus(java.time.Duration.between(from, to)));
        var tenant = CurrentTenant.require();
        Map<String, Object> decisions = jdbc.sql("""
                        select count(*) filter (where status = :accepted) as accepted,
                               count(*) filter (where status = :rejected) as rejected,
                               count(*) filter (where decided_at <= due_at) as within_sla,
                               percentile_cont(0.5) within group (order by extract(epoch from decided_at - handed_at))
                                   as p50,
                               percentile_cont(0.9) within group (order by extract(epoch from decided_at - handed_at))
                                   as p90
                        from handoff_record
                        where tenant_id = :t and decided_at >= :from and decided_at < :to
                          and status in (:accepted, :rejected)
                        """)
                .param("t", tenant)
                .param("from", start)
                .param("to", end)
                .param("accepted", ACCEPTED)
                .param("rejected", REJECTED)
                .query()
                .singleRow();
        long overdueNow = jdbc.sql("""
                        select count(*) from handoff_record where tenant_id = ? and status = %s and due_at < ?
                        """.formatted(AWAITING))
                .params(tenant, end)
                .query(Long.class)
                .single();
        Map<String, Object> disputes = jdbc.sql("""
                        select (select count(*) from dispute where tenant_id = :t and opened_at >= :from
                                  and opened_at < :to) as opened,
                               (select count(*) from dispute where tenant_id = :t and status = 'UPHELD'
                                  and decided_at >= :from and decided_at < :to) as upheld,
                               (select count(*) from dispute where tenant_id = :t and status = 'OVERTURNED'
                                  and decided_at >= :from and decided_at < :to) as overturned
                        """)
                .param("t", tenant)
                .param("from", start)
                .param("to", end)
                .query()
                .singleRow();
        List<ReasonCount> reasons = jdbc.sql("""
                        select reason_code,
                               count(*) filter (where decided_at >= :from) as count,
                               count(*) filter (where decided_at < :from) as previous
                        from handoff_record
                        where tenant_id = :t and status = :rejected and decided_at >= :before and decided_at < :to
                        group by reason_code
                        order by count(*) filter (where decided_at >= :from) desc, reason_code
                        """)
                .param("t", tenant)
                .param("rejected", REJECTED)
                .param("from", start)
                .param("before", before)
                .param("to", end)
                .query((rs, row) -> new ReasonCount(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        List<CriterionMisses> misses = jdbc.sql("""
                        select m.key, count(*) filter (where m.value = 'false') as missed, count(*) as leads
                        from handoff_record h
                        join lead_qualification e on e.tenant_id = h.tenant_id and e.lead_id = h.lead_id
                        cross join lateral jsonb_each_text(e.met) as m (key, value)
                        where h.tenant_id = ? and h.status = ? and h.decided_at >= ? and h.decided_at < ?
                        group by m.key
                        order by count(*) filter (where m.value = 'false') desc, m.key
                        """)
                .params(tenant, REJECTED, start, end)
                .query((rs, row) -> new CriterionMisses(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        long accepted = ((Number) decisions.get("accepted")).longValue();
        long rejected = ((Number) decisions.get("rejected")).longValue();
        long withinSla = ((Number) decisions.get("within_sla")).longValue();
        long upheld = ((Number) disputes.get("upheld")).longValue();
        long overturned = ((Number) disputes.get("overturned")).longValue();
        return new Figures(
                from,
                to,
                accepted,
                rejected,
                rate(accepted, accepted + rejected),
                hours(decisions.get("p50")),
                hours(decisions.get("p90")),
                withinSla,
                rate(withinSla, accepted + rejected),
                overdueNow,
                ((Number) disputes.get("opened")).longValue(),
                upheld,
                overturned,
                rate(overturned, upheld + overturned),
                reasons,
                misses,
                clusters("l.industry", tenant, start, end),
                clusters("l.source", tenant, start, end));
    }

    private List<Cluster> clusters(String column, java.util.UUID tenant, Timestamp start, Timestamp end) {
        return jdbc.sql("""
                        select h.reason_code, %1$s, count(*)
                        from handoff_record h join lead_record l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                        where h.tenant_id = ? and h.status = ? and h.decided_at >= ? and h.decided_at < ?
                          and %1$s is not null
                        group by h.reason_code, %1$s
                        having count(*) > 1
                        order by count(*) desc, h.reason_code, %1$s
                        limit 8
                        """.formatted(column))
                .params(tenant, REJECTED, start, end)
                .query((rs, row) -> new Cluster(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double hours(Object seconds) {
        return seconds == null ? null : ((Number) seconds).doubleValue() / 3600.0;
    }

    /**
     * The evidence as a short text, to start a criteria proposal from; {@code missed} words a criterion's misses in the
     * reader's language.
     */
    public static String evidence(
            Figures figures, Map<String, String> names, java.util.function.Function<CriterionMisses, String> missed) {
        StringBuilder text = new StringBuilder();
        Map<String, Long> top = new LinkedHashMap<>();
        figures.reasons().stream().limit(3).forEach(r -> top.put(r.reasonCode(), r.count()));
        top.forEach((code, count) -> text.append(names.getOrDefault("reason." + code, code))
                .append(": ")
                .append(count)
                .append("; "));
        figures.criteriaMisses().stream()
                .filter(m -> m.missed() > 0)
                .limit(3)
                .forEach(m -> text.append(missed.apply(m)).append("; "));
        String evidence = text.toString().strip();
        return evidence.endsWith(";") ? evidence.substring(0, evidence.length() - 1) : evidence;
    }
}
