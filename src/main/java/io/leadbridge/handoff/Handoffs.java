package io.leadbridge.handoff;

import static io.leadbridge.handoff.HandoffRows.VIEW_COLUMNS;

import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The handoffs of the workspace's leads, read: a lead's latest, the escalated ones, and who took part. */
@Service
public class Handoffs {

    private final JdbcClient jdbc;
    private final HandoffRows rows;

    Handoffs(JdbcClient jdbc, HandoffRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    /** An undecided handoff past the escalation limit, for the liaison's desk. */
    public record Escalation(
            long leadId,
            String leadName,
            String companyName,
            String assigneeName,
            Instant dueAt,
            Instant escalatedAt) {}

    /** The escalated handoffs still awaiting a decision, the longest escalated first. */
    @Transactional(readOnly = true)
    public List<Escalation> escalations(int limit) {
        return jdbc.sql("""
                        select h.lead_id, trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as name,
                               l.email, l.company_name, a.display_name, h.due_at, h.escalated_at
                        from handoff h
                        join lead_record l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                        join account_person a on a.tenant_id = h.tenant_id and a.id = h.assignee_id
                        where h.tenant_id = ? and h.status = 'AWAITING' and h.escalated_at is not null
                        order by h.escalated_at, h.id limit ?
                        """)
                .params(CurrentTenant.require(), limit)
                .query((rs, row) -> new Escalation(
                        rs.getLong("lead_id"),
                        rs.getString("name").isEmpty() ? rs.getString("email") : rs.getString("name"),
                        rs.getString("company_name"),
                        rs.getString("display_name"),
                        rs.getTimestamp("due_at").toInstant(),
                        rs.getTimestamp("escalated_at").toInstant()))
                .list();
    }

    /** What a person did to a lead's handoffs: handed it off, or decided one of its handoffs in one of four ways. */
    public enum Part {
        HANDED_OFF,
        ACCEPTED,
        REJECTED,
        REASSIGNED,
        RETURNED
    }

    /** A person who took part in a lead's handoffs, and what they did. */
    public record Participant(long leadId, long personId, Part part) {}

    /**
     * Everyone who handed off the leads or decided any of their handoffs (accepted, rejected, reassigned or returned
     * one), at any time: one row per lead, person and part.
     */
    @Transactional(readOnly = true)
    public List<Participant> participants(Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select lead_id, handed_by as person_id, 'HANDED_OFF' as part
                        from handoff where tenant_id = :tenant and lead_id = any(:leads)
                        union
                        select lead_id, decided_by, status
                        from handoff where tenant_id = :tenant and lead_id = any(:leads) and decided_by is not null
                        """)
                .param("tenant", CurrentTenant.require())
                .param("leads", leadIds.toArray(Long[]::new))
                .query((rs, row) -> new Participant(
                        rs.getLong("lead_id"), rs.getLong("person_id"), Part.valueOf(rs.getString("part"))))
                .list();
    }

    /** The lead's latest handoff, if it was ever handed off. */
    @Transactional(readOnly = true)
    public Optional<HandoffView> latestOf(long leadId) {
        return jdbc.sql(VIEW_COLUMNS + " where h.tenant_id = ? and h.lead_id = ? order by h.id desc limit 1")
                .params(CurrentTenant.require(), leadId)
                .query(rows::view)
                .optional();
    }

    /** The lead's handoff awaiting a decision, if it awaits one. */
    @Transactional(readOnly = true)
    Optional<HandoffView> awaitingOf(long leadId) {
        return jdbc.sql(VIEW_COLUMNS + " where h.tenant_id = ? and h.lead_id = ? and h.status = 'AWAITING'")
                .params(CurrentTenant.require(), leadId)
                .query(rows::view)
                .optional();
    }

    /** One handoff of the workspace, by its id. */
    @Transactional(readOnly = true)
    HandoffView handoff(long id) {
        return jdbc.sql(VIEW_COLUMNS + " where h.tenant_id = ? and h.id = ?")
                .params(CurrentTenant.require(), id)
                .query(rows::view)
                .optional()
                .orElseThrow(NotFoundException::new);
    }
}
