package io.leadbridge.lead;

import io.leadbridge.privacy.RetentionCandidates;
import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The leads retention may anonymise (see {@link RetentionCandidates}): in nurture, rejected (with marketing, waiting
 * for its answer) or disqualified, not edited since the moment ({@code updated_at}) and without a timeline entry since
 * (the timeline's published {@code lead_event_time}), and not anonymised already. One query serves the count, the
 * preview and the run.
 */
@Component
class LeadRetention implements RetentionCandidates {

    private static final String UNTOUCHED = """
            from lead l
            where l.tenant_id = :tenant and l.stage in (:stages)
              and l.updated_at < :since
              and l.email <> 'erased-' || l.id || '@erased.invalid'
              and not exists (select 1 from lead_event_time e
                              where e.tenant_id = l.tenant_id and e.lead_id = l.id and e.occurred_at >= :since)
            """;

    private static final List<String> STAGES =
            List.of(Stage.NURTURE.name(), Stage.REJECTED.name(), Stage.DISQUALIFIED.name());

    private final JdbcClient jdbc;

    LeadRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(java.time.Instant untouchedSince) {
        return bound("select count(*) " + UNTOUCHED, untouchedSince)
                .query(Long.class)
                .single();
    }

    @Override
    public List<Candidate> list(java.time.Instant untouchedSince, int limit) {
        return bound("""
                        select l.id, l.stage, greatest(l.updated_at,
                               (select max(e.occurred_at) from lead_event_time e
                                where e.tenant_id = l.tenant_id and e.lead_id = l.id)) as last_activity
                        """ + UNTOUCHED + " order by l.updated_at, l.id limit :limit", untouchedSince)
                .param("limit", limit)
                .query((rs, n) -> new Candidate(
                        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    @Override
    public List<Long> lock(java.time.Instant untouchedSince, int limit) {
        return bound(
                        "select l.id " + UNTOUCHED
                                + " order by l.updated_at, l.id limit :limit for update of l skip locked",
                        untouchedSince)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    private JdbcClient.StatementSpec bound(String sql, java.time.Instant untouchedSince) {
        return jdbc.sql(sql)
                .param("tenant", CurrentTenant.require())
                .param("stages", STAGES)
                .param("since", Timestamp.from(untouchedSince));
    }
}
