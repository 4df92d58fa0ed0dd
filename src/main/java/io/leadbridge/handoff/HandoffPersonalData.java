package io.leadbridge.handoff;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The handoff module's part of a person's data: the handoffs of the lead and their decisions. An erasure keeps each
 * handoff (status, reason code, times and people — the dashboards' figures) and replaces its free texts: the
 * rejection comment, the note of a hand-back and the reason for handing off an unqualified lead.
 */
@Component
class HandoffPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    HandoffPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of(new Section(
                "handoffs",
                jdbc.sql("""
                                select id, lead_id, handed_by, assignee_id, assigned_by, round_robin, qualified,
                                       override_reason, handed_at, due_at, status, decided_by, decided_at, reason_code,
                                       comment, handed_back_note
                                from handoff where tenant_id = ? and lead_id = any(?) order by handed_at, id
                                """)
                        .params(CurrentTenant.require(), subject.ids())
                        .query(Rows::row)
                        .list()));
    }

    @Override
    public void erase(Subject subject) {
        jdbc.sql("""
                        update handoff set comment = case when comment is null then null else cast(:erased as varchar) end,
                                           handed_back_note = case when handed_back_note is null then null
                                                                   else cast(:erased as varchar) end,
                                           override_reason = case when override_reason is null then null
                                                                  else cast(:erased as varchar) end,
                                           version = version + 1
                        where tenant_id = :tenant and lead_id = any(:ids)
                        """)
                .param("erased", ERASED)
                .param("tenant", CurrentTenant.require())
                .param("ids", subject.ids())
                .update();
    }
}
