package io.leadbridge.handoff;

import io.leadbridge.handoff.HandoffView.Status;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** A handoff's row as the pages show it: the columns to select and the mapping of a row to a view or a queue item. */
@Component
class HandoffRows {

    static final String VIEW_COLUMNS = """
            select h.id, h.lead_id, h.assignee_id, a.display_name as assignee_name, h.handed_by,
                   b.display_name as handed_by_name, h.round_robin, h.qualified, h.override_reason, h.handed_at,
                   h.due_at, h.escalate_at, h.status, d.display_name as decided_by_name, h.decided_at, h.reason_code,
                   h.comment, h.breached_at, h.escalated_at, g.display_name as assigned_by_name,
                   h.handed_back_note is not null as handed_back
            from handoff h
            join account_person a on a.tenant_id = h.tenant_id and a.id = h.assignee_id
            join account_person b on b.tenant_id = h.tenant_id and b.id = h.handed_by
            left join account_person d on d.tenant_id = h.tenant_id and d.id = h.decided_by
            left join account_person g on g.tenant_id = h.tenant_id and g.id = h.assigned_by
            """;

    private final BusinessHours hours;
    private final Clock clock;

    HandoffRows(BusinessHours hours, Clock clock) {
        this.hours = hours;
        this.clock = clock;
    }

    static QueueItem queueItem(ResultSet rs, Calendar calendar, Instant now) throws SQLException {
        String name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                        + (rs.getString("last_name") == null ? "" : rs.getString("last_name")))
                .strip();
        Instant due = rs.getTimestamp("due_at").toInstant();
        Timestamp escalated = rs.getTimestamp("escalated_at");
        return new QueueItem(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getLong("version"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("company_name"),
                rs.getString("industry"),
                (Integer) rs.getObject("employees"),
                rs.getString("country"),
                (Boolean) rs.getObject("qualified_now"),
                (Integer) rs.getObject("score"),
                rs.getBoolean("qualified"),
                rs.getString("override_reason"),
                rs.getString("handed_by_name"),
                rs.getTimestamp("handed_at").toInstant(),
                due,
                escalated == null ? null : escalated.toInstant(),
                rs.getString("handed_back_note"),
                calendar.between(now, due),
                !now.isBefore(due),
                calendar.between(rs.getTimestamp("handed_at").toInstant(), due),
                rs.getString("assigned_by_name"),
                rs.getBoolean("handed_back"),
                instant(rs, "first_handed_at"));
    }

    HandoffView view(ResultSet rs, int row) throws SQLException {
        Status status = Status.valueOf(rs.getString("status"));
        Instant due = rs.getTimestamp("due_at").toInstant();
        Duration left = null;
        Instant now = clock.instant();
        if (status == Status.AWAITING) {
            left = hours.calendar().between(now, due);
        }
        return new HandoffView(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getLong("assignee_id"),
                rs.getString("assignee_name"),
                rs.getLong("handed_by"),
                rs.getString("handed_by_name"),
                rs.getBoolean("round_robin"),
                rs.getBoolean("qualified"),
                rs.getString("override_reason"),
                rs.getTimestamp("handed_at").toInstant(),
                due,
                rs.getTimestamp("escalate_at").toInstant(),
                status,
                rs.getString("decided_by_name"),
                instant(rs, "decided_at"),
                rs.getString("reason_code"),
                rs.getString("comment"),
                instant(rs, "breached_at"),
                instant(rs, "escalated_at"),
                left,
                status == Status.AWAITING && !now.isBefore(due),
                rs.getString("assigned_by_name"),
                rs.getBoolean("handed_back"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
