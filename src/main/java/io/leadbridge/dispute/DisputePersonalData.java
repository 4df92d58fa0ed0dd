package io.leadbridge.dispute;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dispute module's part of a person's data: the disputes about the lead's rejections and the liaison's decisions.
 * An erasure keeps each dispute (status, people, times) and replaces the marketer's argument and the liaison's
 * rationale.
 */
@Component
class DisputePersonalData implements PersonalData {

    private final JdbcClient jdbc;

    DisputePersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of(new Section(
                "disputes",
                jdbc.sql("""
                                select id, lead_id, handoff_id, opened_by, opened_at, argument, status, decided_by,
                                       decided_at, rationale, new_handoff_id
                                from dispute where tenant_id = ? and lead_id = any(?) order by opened_at, id
                                """)
                        .params(CurrentTenant.require(), subject.ids())
                        .query(Rows::row)
                        .list()));
    }

    @Override
    public Set<String> pages(Set<Long> leadIds) {
        return jdbc
                .sql("select id from dispute where tenant_id = ? and lead_id = any(?)")
                .params(CurrentTenant.require(), leadIds.toArray(Long[]::new))
                .query(Long.class)
                .list()
                .stream()
                .map(id -> "/disputes/" + id)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public void erase(Subject subject) {
        jdbc.sql("""
                        update dispute set argument = cast(:erased as varchar),
                                           rationale = case when rationale is null then null else cast(:erased as varchar) end,
                                           version = version + 1
                        where tenant_id = :tenant and lead_id = any(:ids)
                        """)
                .param("erased", ERASED)
                .param("tenant", CurrentTenant.require())
                .param("ids", subject.ids())
                .update();
    }
}
