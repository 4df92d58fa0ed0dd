package io.leadbridge.handoff;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Watches the SLA clocks: warns the rep of a handoff in the last quarter of its response time, marks handoffs whose
 * decision is overdue (the rep and the marketer are told) and escalates
 * those past the escalation limit to the liaison. Each due handoff is marked exactly once, however many instances run
 * the watch at the same moment: the marking is a conditional update of rows locked with {@code SKIP LOCKED}, and its
 * events ({@link HandoffDueSoon}, {@link HandoffSlaBreached}, {@link HandoffEscalated}) are published in the same transaction; the timeline and
 * the notifications follow once it has committed (docs/adr/0008).
 */
@Component
class SlaWatch {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(SlaWatch.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    SlaWatch(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** What one sweep did. */
    record Sweep(int warned, int breached, int escalated) {}

    @Scheduled(
            fixedDelayString = "${leadbridge.sla.sweep-interval:PT1M}",
            initialDelayString = "${leadbridge.sla.initial-delay:PT20S}")
    void sweep() {
        Sweep sweep = sweep(clock.instant());
        if (sweep.warned() + sweep.breached() + sweep.escalated() > 0) {
            log.info(
                    "SLA watch: {} handoffs due soon, {} overdue, {} escalated",
                    sweep.warned(),
                    sweep.breached(),
                    sweep.escalated());
        }
    }

    Sweep sweep(Instant now) {
        List<UUID> workspaces = jdbc.sql("select workspaces_with_due_handoffs(?)")
                .param(Timestamp.from(now))
                .query(UUID.class)
                .list();
        int warned = 0;
        int breached = 0;
        int escalated = 0;
        for (UUID workspace : workspaces) {
            int[] done = CurrentTenant.callAs(
                    workspace, () -> transaction.execute(status -> new int[] {warn(now), breach(now), escalate(now)}));
            warned += done[0];
            breached += done[1];
            escalated += done[2];
        }
        return new Sweep(warned, breached, escalated);
    }

    private record Due(long id, long leadId, long assigneeId, long handedBy, Instant dueAt) {}

    /** A handoff that is overdue by the time the watch sees its warning is not warned: its breach says more. */
    private int warn(Instant now) {
        List<Due> due = mark("warned_at", "due_soon_at", now);
        int warned = 0;
        for (Due handoff : due) {
            if (handoff.dueAt().isAfter(now)) {
                events.publishEvent(new HandoffDueSoon(
                        CurrentTenant.require(),
                        handoff.leadId(),
                        handoff.assigneeId(),
                        handoff.handedBy(),
                        handoff.dueAt()));
                warned++;
            }
        }
        return warned;
    }

    private int breach(Instant now) {
        List<Due> due = mark("breached_at", "due_at", now);
        for (Due handoff : due) {
            events.publishEvent(new HandoffSlaBreached(
                    CurrentTenant.require(), handoff.leadId(), handoff.assigneeId(), handoff.handedBy()));
        }
        return due.size();
    }

    private int escalate(Instant now) {
        List<Due> due = mark("escalated_at", "escalate_at", now);
        for (Due handoff : due) {
            events.publishEvent(new HandoffEscalated(CurrentTenant.require(), handoff.leadId(), handoff.assigneeId()));
        }
        return due.size();
    }

    /** Marks ({@code mark} = now) the awaiting handoffs whose {@code clock} ran out and are not marked yet. */
    private List<Due> mark(String mark, String clockColumn, Instant now) {
        return jdbc.sql("""
                        update handoff h set %1$s = :now, version = h.version + 1
                        from (select id from handoff
                              where tenant_id = :tenant and status = 'AWAITING' and %1$s is null and %2$s <= :now
                              order by %2$s, id limit :batch
                              for update skip locked) due
                        where h.tenant_id = :tenant and h.id = due.id and h.%1$s is null
                        returning h.id, h.lead_id, h.assignee_id, h.handed_by, h.due_at
                        """.formatted(mark, clockColumn))
                .param("now", Timestamp.from(now))
                .param("tenant", CurrentTenant.require())
                .param("batch", BATCH)
                .query((rs, row) -> new Due(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}
