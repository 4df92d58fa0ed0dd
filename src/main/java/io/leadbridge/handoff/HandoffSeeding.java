package io.leadbridge.handoff;

import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeding only: handoffs as they stood in the past, for demo and benchmark data. Written as given, without the checks,
 * notifications and events of {@link HandoffAssignment} and {@link HandoffDecisions}; no page and no API uses it. The
 * timeline entries that go with them are the caller's to record or move.
 */
@Component
public class HandoffSeeding {

    private final JdbcClient jdbc;
    private final BusinessHours hours;

    HandoffSeeding(JdbcClient jdbc, BusinessHours hours) {
        this.jdbc = jdbc;
        this.hours = hours;
    }

    /**
     * A handoff of the past, accepted: the lead was handed off by {@code marketer} to {@code rep} at {@code handed}
     * (due a day later, escalated after two) and accepted by the rep at {@code decided}.
     */
    @Transactional
    public void acceptedInThePast(long leadId, long marketer, long rep, Instant handed, Instant decided) {
        jdbc.sql("""
                        insert into handoff (tenant_id, lead_id, handed_by, assignee_id, qualified, handed_at, due_at,
                            escalate_at, status, decided_by, decided_at)
                        values (?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        CurrentTenant.require(),
                        leadId,
                        marketer,
                        rep,
                        Timestamp.from(handed),
                        Timestamp.from(handed.plus(Duration.ofDays(1))),
                        Timestamp.from(handed.plus(Duration.ofDays(2))),
                        HandoffView.Status.ACCEPTED.name(),
                        rep,
                        Timestamp.from(decided))
                .update();
    }

    /**
     * Dates the lead's waiting handoff back, as if it had been handed off at {@code handed}: due 24 and escalated 48
     * business hours later, by the workspace's calendar.
     */
    @Transactional
    public void dateBack(long leadId, Instant handed) {
        Calendar calendar = hours.calendar();
        jdbc.sql("""
                        update handoff set handed_at = ?, due_at = ?, escalate_at = ?
                        where tenant_id = ? and lead_id = ? and status = ?
                        """)
                .params(
                        Timestamp.from(handed),
                        Timestamp.from(calendar.plus(handed, Duration.ofHours(24))),
                        Timestamp.from(calendar.plus(handed, Duration.ofHours(48))),
                        CurrentTenant.require(),
                        leadId,
                        HandoffView.Status.AWAITING.name())
                .update();
    }
}
