package io.leadbridge.demo;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.handoff.HandoffManagement;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handoffs in the demo workspace, made through the product's own handoff API: leads waiting in Sam's and Sara's
 * queues (one long overdue, so the SLA watch marks and escalates it), some accepted, some rejected with different
 * reasons. Waiting handoffs are then dated back a little, as if they had come in over the last day.
 */
@Component
class DemoHandoffs {

    private final HandoffManagement handoffs;
    private final CriteriaManagement criteria;
    private final BusinessHours hours;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DemoHandoffs(
            HandoffManagement handoffs,
            CriteriaManagement criteria,
            BusinessHours hours,
            JdbcClient jdbc,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.handoffs = handoffs;
        this.criteria = criteria;
        this.hours = hours;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    void seed(SignedInAccount mia, SignedInAccount max, SignedInAccount sam, SignedInAccount sara) {
        List<Long> candidates = qualifiedLeadsWithMarketing();
        int next = 0;
        // Waiting in the queues: four for Sam, three for Sara.
        long overdue = handTo(candidates.get(next++), mia, sam);
        long[] waiting = {
            handTo(candidates.get(next++), max, sam),
            handTo(candidates.get(next++), mia, sam),
            handTo(candidates.get(next++), mia, sam),
            handTo(candidates.get(next++), max, sara),
            handTo(candidates.get(next++), mia, sara),
            handTo(candidates.get(next++), max, sara)
        };
        // Decided: accepted, and rejected with reasons marketing can act on.
        accept(handTo(candidates.get(next++), mia, sam), sam);
        accept(handTo(candidates.get(next++), max, sam), sam);
        accept(handTo(candidates.get(next++), mia, sara), sara);
        reject(
                handTo(candidates.get(next++), mia, sam),
                sam,
                "NOT_READY",
                "Project is planned for next year; call again in Q3.");
        reject(handTo(candidates.get(next++), max, sara), sara, "NO_BUDGET", "Budget frozen until the merger closes.");
        reject(
                handTo(candidates.get(next++), mia, sam),
                sam,
                "OUTSIDE_PROFILE",
                "Only 30 employees at this site; our robots need at least a mid-sized plant.");
        reject(
                handTo(candidates.get(next++), max, sara),
                sara,
                "UNABLE_TO_REACH",
                "Three calls and two e-mails over a week, no answer.");
        dateBack(overdue, Duration.ofDays(6));
        for (int i = 0; i < waiting.length; i++) {
            dateBack(waiting[i], Duration.ofHours(2 + 3L * i));
        }
    }

    /** Leads still with marketing that the active criteria qualify (evaluated first, so the choice is current). */
    private List<Long> qualifiedLeadsWithMarketing() {
        return transaction.execute(status -> {
            List<Long> all = jdbc.sql("select id from lead where tenant_id = ? order by id")
                    .param(CurrentTenant.require())
                    .query(Long.class)
                    .list();
            criteria.evaluate(all);
            return jdbc.sql("""
                            select l.id from lead l
                            join lead_evaluation e on e.tenant_id = l.tenant_id and e.lead_id = l.id
                            where l.tenant_id = ? and e.qualified
                              and l.stage in ('NEW_INQUIRY', 'NURTURE', 'MARKETING_QUALIFIED')
                            order by e.score desc, l.id
                            """)
                    .param(CurrentTenant.require())
                    .query(Long.class)
                    .list();
        });
    }

    private long handTo(long leadId, SignedInAccount marketer, SignedInAccount rep) {
        handoffs.handOff(leadId, null, rep.accountId(), null, marketer);
        return leadId;
    }

    private void accept(long leadId, SignedInAccount rep) {
        handoffs.accept(leadId, null, rep);
    }

    private void reject(long leadId, SignedInAccount rep, String reason, String comment) {
        handoffs.reject(leadId, null, reason, comment, rep);
    }

    /** As if the lead had been handed off {@code ago}: its clock (in business hours) and its timeline entry move back. */
    private void dateBack(long leadId, Duration ago) {
        transaction.executeWithoutResult(status -> {
            Calendar calendar = hours.calendar();
            Instant handed = clock.instant().minus(ago);
            jdbc.sql("""
                            update handoff set handed_at = ?, due_at = ?, escalate_at = ?
                            where tenant_id = ? and lead_id = ? and status = 'AWAITING'
                            """)
                    .params(
                            Timestamp.from(handed),
                            Timestamp.from(calendar.plus(handed, Duration.ofHours(24))),
                            Timestamp.from(calendar.plus(handed, Duration.ofHours(48))),
                            CurrentTenant.require(),
                            leadId)
                    .update();
            jdbc.sql("""
                            update lead_event set occurred_at = ?
                            where tenant_id = ? and lead_id = ? and type = 'HANDED_OFF'
                            """)
                    .params(Timestamp.from(handed), CurrentTenant.require(), leadId)
                    .update();
        });
    }
}
