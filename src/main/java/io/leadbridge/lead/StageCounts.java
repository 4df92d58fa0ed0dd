package io.leadbridge.lead;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.KeptCount;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many of the workspace's leads are at each stage, right now, without counting the leads: the database keeps
 * the counts as leads arrive, move and go (migration V14). Every statement that changes a lead's stage appends its net
 * change to {@code lead_stage_delta}; {@link io.leadbridge.tenant.KeptCountFolds} adds the deltas into {@code lead_stage_count} every few seconds;
 * a reader adds both in one snapshot, so the answer is exact at any moment and no writer waits on a shared counter.
 */
@Service
public class StageCounts {

    private final JdbcClient jdbc;

    StageCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Leads at each stage in the current workspace (stages without leads are absent). */
    @Transactional(readOnly = true)
    public Map<Stage, Long> now() {
        return counts("", null);
    }

    /** The leads a person owns, at each stage (stages without their leads are absent). */
    @Transactional(readOnly = true)
    public Map<Stage, Long> ownedBy(long ownerId) {
        return counts(" and owner_key = :owner", ownerId);
    }

    /**
     * How many of the workspace's leads are at the stage and belong to the owner — either may be null for any —
     * exactly, from the kept counts: what the lead list shows for these filters without counting its leads.
     */
    long matching(Stage stage, Long ownerId) {
        String condition = (stage == null ? "" : " and stage = ?") + (ownerId == null ? "" : " and owner_key = ?");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            params.add(CurrentTenant.require());
            if (stage != null) {
                params.add(stage.name());
            }
            if (ownerId != null) {
                params.add(ownerId);
            }
        }
        Long matching = jdbc.sql("""
                        select coalesce(sum(leads), 0) from (
                            select leads from lead_stage_count where tenant_id = ?%1$s
                            union all
                            select leads from lead_stage_delta where tenant_id = ?%1$s
                        ) as counted
                        """.formatted(condition))
                .params(params)
                .query(Long.class)
                .single();
        return matching == null ? 0 : matching;
    }

    private Map<Stage, Long> counts(String condition, Long ownerId) {
        Map<Stage, Long> counts = new EnumMap<>(Stage.class);
        var sql = jdbc.sql("""
                        select stage, sum(leads) from (
                            select stage, leads from lead_stage_count where tenant_id = :t%1$s
                            union all
                            select stage, leads from lead_stage_delta where tenant_id = :t%1$s
                        ) as counted
                        group by stage having sum(leads) <> 0
                        """.formatted(condition)).param("t", CurrentTenant.require());
        if (ownerId != null) {
            sql = sql.param("owner", ownerId);
        }
        sql.query((rs, row) -> counts.put(Stage.valueOf(rs.getString(1)), rs.getLong(2)))
                .list();
        return counts;
    }

    /** The stage counts, kept as described above and folded with the other kept counts. */
    @Bean
    static KeptCount stageCountsKept() {
        return new KeptCount("Stage counts", "fold_lead_stage_deltas");
    }

    /** The leads' day counts for the dashboards (V42, ADR 0018). */
    @Bean
    static KeptCount leadDayCountsKept() {
        return new KeptCount("Lead day counts", "fold_lead_day_deltas");
    }
}
