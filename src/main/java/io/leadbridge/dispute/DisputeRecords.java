package io.leadbridge.dispute;

import io.leadbridge.dispute.DisputeView.Status;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The disputes as the pages read them: each with its lead, the rejection it answers and the people in it. Runs in the
 * caller's transaction ({@link DisputeManagement} opens the read-only ones).
 */
@Component
class DisputeRecords {

    private static final String COLUMNS = """
            select d.id, d.lead_id,
                   trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as lead_name, l.email,
                   l.company_name, d.handoff_id, h.criteria_version_id, h.decided_by as rejected_by,
                   r.display_name as rejected_by_name, h.decided_at as rejected_at, h.reason_code,
                   h.comment as rejection_comment, d.opened_by, o.display_name as opened_by_name, d.opened_at,
                   d.argument, d.status, x.display_name as decided_by_name, d.decided_at, d.rationale,
                   n.display_name as new_assignee_name
            from dispute d
            join lead_record l on l.tenant_id = d.tenant_id and l.id = d.lead_id
            join handoff_record h on h.tenant_id = d.tenant_id and h.id = d.handoff_id
            left join account_person r on r.tenant_id = h.tenant_id and r.id = h.decided_by
            join account_person o on o.tenant_id = d.tenant_id and o.id = d.opened_by
            left join account_person x on x.tenant_id = d.tenant_id and x.id = d.decided_by
            left join handoff_record nh on nh.tenant_id = d.tenant_id and nh.id = d.new_handoff_id
            left join account_person n on n.tenant_id = nh.tenant_id and n.id = nh.assignee_id
            """;

    private final JdbcClient jdbc;

    DisputeRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public DisputeView dispute(long id) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.id = ?")
                .params(CurrentTenant.require(), id)
                .query(DisputeRecords::view)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** The lead's latest dispute, if it was ever disputed. */
    public Optional<DisputeView> latestOf(long leadId) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.lead_id = ? order by d.id desc limit 1")
                .params(CurrentTenant.require(), leadId)
                .query(DisputeRecords::view)
                .optional();
    }

    /** Open disputes, the oldest first. */
    public List<DisputeView> open(int limit) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.status = 'OPEN' order by d.opened_at, d.id limit ?")
                .params(CurrentTenant.require(), limit)
                .query(DisputeRecords::view)
                .list();
    }

    private static DisputeView view(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("lead_name");
        return new DisputeView(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("company_name"),
                rs.getLong("handoff_id"),
                (Long) rs.getObject("criteria_version_id"),
                rs.getLong("rejected_by"),
                rs.getString("rejected_by_name"),
                instant(rs, "rejected_at"),
                rs.getString("reason_code"),
                rs.getString("rejection_comment"),
                rs.getLong("opened_by"),
                rs.getString("opened_by_name"),
                instant(rs, "opened_at"),
                rs.getString("argument"),
                Status.valueOf(rs.getString("status")),
                rs.getString("decided_by_name"),
                instant(rs, "decided_at"),
                rs.getString("rationale"),
                rs.getString("new_assignee_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
