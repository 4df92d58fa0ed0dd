package io.leadbridge.handoff;

import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.LiveSignals;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A sales rep's queue, read: the leads awaiting the rep's decision with their SLA clocks, and the counts of what waits
 * (which the rep's open pages follow live).
 */
@Service
public class RepQueue {

    static final int QUEUE_PAGE = 25;

    private final JdbcClient jdbc;
    private final BusinessHours hours;
    private final Clock clock;
    private final LiveSignals live;

    RepQueue(JdbcClient jdbc, BusinessHours hours, Clock clock, LiveSignals live) {
        this.jdbc = jdbc;
        this.hours = hours;
        this.clock = clock;
        this.live = live;
    }

    /**
     * The rep's leads awaiting a decision, most urgent first (the earliest due), a page at a time: after the item due
     * at {@code afterDue} with id {@code afterId}, if given.
     */
    @Transactional(readOnly = true)
    public QueuePage queue(long repId, Instant afterDue, Long afterId) {
        return queue(repId, afterDue, afterId, null);
    }

    /** One lead as it stands in the rep's queue, if it is there. */
    @Transactional(readOnly = true)
    public Optional<QueueItem> queueItem(long repId, long leadId) {
        return queue(repId, null, null, leadId).items().stream().findFirst();
    }

    private QueuePage queue(long repId, Instant afterDue, Long afterId, Long onlyLead) {
        Calendar calendar = hours.calendar();
        Instant now = clock.instant();
        boolean keyset = afterDue != null && afterId != null;
        List<QueueItem> items = jdbc.sql("""
                        select h.id, h.lead_id, l.version, l.first_name, l.last_name, l.email, l.company_name,
                               l.industry, l.employees, l.country, e.qualified as qualified_now, e.score,
                               h.qualified, h.override_reason, b.display_name as handed_by_name, h.handed_at, h.due_at,
                               h.escalated_at, h.handed_back_note, g.display_name as assigned_by_name,
                               h.handed_back_note is not null as handed_back, o.handed_at as first_handed_at
                        from handoff h
                        join lead_record l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                        join account_person b on b.tenant_id = h.tenant_id and b.id = h.handed_by
                        left join account_person g on g.tenant_id = h.tenant_id and g.id = h.assigned_by
                        left join lateral (
                            select f.handed_at from handoff f
                            where f.tenant_id = h.tenant_id and f.lead_id = h.lead_id and f.id < h.id
                              and f.assigned_by is null
                            order by f.id desc limit 1) o on h.assigned_by is not null
                        left join lead_qualification e on e.tenant_id = h.tenant_id and e.lead_id = h.lead_id
                        where h.tenant_id = :tenant and h.assignee_id = :rep and h.status = 'AWAITING'
                          and (not :keyset or (h.due_at, h.id) > (:afterDue, :afterId))
                          and (cast(:lead as bigint) is null or h.lead_id = :lead)
                        order by h.due_at, h.id
                        limit :limit
                        """)
                .param("lead", onlyLead, java.sql.Types.BIGINT)
                .param("tenant", CurrentTenant.require())
                .param("rep", repId)
                .param("keyset", keyset)
                .param("afterDue", Timestamp.from(keyset ? afterDue : Instant.EPOCH))
                .param("afterId", keyset ? afterId : 0L)
                .param("limit", QUEUE_PAGE + 1)
                .query((rs, row) -> HandoffRows.queueItem(rs, calendar, now))
                .list();
        Waiting waiting = waiting(repId, now);
        boolean more = items.size() > QUEUE_PAGE;
        List<QueueItem> page = more ? items.subList(0, QUEUE_PAGE) : items;
        QueueItem last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new QueuePage(
                List.copyOf(page),
                waiting.awaiting(),
                waiting.overdue(),
                more ? last.dueAt() : null,
                more ? last.handoffId() : null);
    }

    /** What waits for a rep's decision: the handoffs awaiting it, and how many of them are overdue. */
    public record Waiting(long awaiting, long overdue) {}

    /** What waits for the rep now (the queue's counts; the sales dashboard shows them too). */
    @Transactional(readOnly = true)
    public Waiting waiting(long repId) {
        return waiting(repId, clock.instant());
    }

    /**
     * Tells the reps' open pages, once this transaction commits, what now waits for them ({@code queue}: the number
     * awaiting their decision and how many are overdue), so that their queue and its count follow without a reload.
     */
    void queueChanged(List<Long> reps) {
        Map<Long, String> waiting = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Long rep : reps) {
            Waiting w = waiting(rep, now);
            waiting.put(rep, w.awaiting() + " " + w.overdue());
        }
        live.signal("queue", waiting);
    }

    private Waiting waiting(long repId, Instant now) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where due_at < ?) from handoff
                        where tenant_id = ? and assignee_id = ? and status = 'AWAITING'
                        """)
                .params(Timestamp.from(now), CurrentTenant.require(), repId)
                .query((rs, row) -> new Waiting(rs.getLong(1), rs.getLong(2)))
                .single();
    }
}
