package io.leadbridge.dashboard;

import io.leadbridge.handoff.HandoffView;
import io.leadbridge.shared.DaySplit;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The promises scorecard both dashboards show: month by month, the qualified leads marketing delivered against its
 * promise and the share of handoffs sales decided within the agreed response time (per month, from the day counts the database keeps).
 */
@Service
public class Scorecards {

    private final JdbcClient jdbc;

    Scorecards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One month of both sides' promises: the qualified leads marketing handed off against its promise, and the share
     * of handoffs sales decided within the agreed response time.
     */
    public record PromiseMonth(
            java.time.LocalDate month, long delivered, Integer promised, long decided, long decidedWithinSla) {

        public Double slaShare() {
            return decided == 0 ? null : (double) decidedWithinSla / decided;
        }

        public Boolean marketingKept() {
            return promised == null ? null : delivered >= promised;
        }
    }

    /** The last {@code months} calendar months (the current one last), in the workspace's time zone. */
    @Transactional(readOnly = true)
    public List<PromiseMonth> scorecard(
            int months, java.time.LocalDate today, java.time.ZoneId zone, Integer promised) {
        var tenant = CurrentTenant.require();
        List<PromiseMonth> rows = new ArrayList<>();
        java.time.LocalDate first = today.withDayOfMonth(1).minusMonths(months - 1L);
        for (int i = 0; i < months; i++) {
            java.time.LocalDate month = first.plusMonths(i);
            DaySplit period = DaySplit.of(
                    month.atStartOfDay(zone).toInstant(),
                    month.plusMonths(1).atStartOfDay(zone).toInstant());
            // From the day counts the database keeps (V42, ADR 0018), the edge days from the handoffs themselves.
            Map<String, Object> row = jdbc.sql("select (select coalesce(sum(handoffs), 0) from (\n"
                            + DaySplit.union("p", """
                                    select handoffs from handoff_day_record
                                    where tenant_id = :t and measure = 'HANDED' and status = '' and qualified
                                      and day >= :pFirstDay and day < :pEndDay""", """
                                    select :pSign * count(*) from handoff_record
                                    where tenant_id = :t and qualified and status <> :reassigned
                                      and handed_at >= :pFrom and handed_at < :pTo""")
                            + ") as h (handoffs)) as delivered, coalesce(sum(handoffs), 0) as decided,"
                            + " coalesce(sum(handoffs) filter (where within_sla), 0) as within from (\n"
                            + DaySplit.union("p", """
                                    select within_sla, handoffs from handoff_day_record
                                    where tenant_id = :t and measure = 'DECIDED' and day >= :pFirstDay and day < :pEndDay""", """
                                    select decided_at <= due_at, :pSign * count(*) from handoff_record
                                    where tenant_id = :t and status in (:accepted, :rejected)
                                      and decided_at >= :pFrom and decided_at < :pTo
                                    group by 1""")
                            + ") as d (within_sla, handoffs)")
                    .param("t", tenant)
                    .param("reassigned", HandoffView.Status.REASSIGNED.name())
                    .param("accepted", HandoffView.Status.ACCEPTED.name())
                    .param("rejected", HandoffView.Status.REJECTED.name())
                    .params(period.parameters("p"))
                    .query()
                    .singleRow();
            rows.add(new PromiseMonth(
                    month,
                    number(row.get("delivered")),
                    promised,
                    number(row.get("decided")),
                    number(row.get("within"))));
        }
        return rows;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
