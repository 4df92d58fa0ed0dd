package io.leadbridge.privacy;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access log of lead list exports ({@code lead_export}, issue 20): the lead module's export says when it starts
 * (who, which filter, which format) and when its stream ends (how many rows, whether it completed). Each step commits
 * on its own, so an export that breaks off midway is still on the log. Admins read it on {@code /admin/privacy}.
 */
@Service
public class LeadExportLog {

    /** The longest filter description kept (as the column). */
    public static final int MAX_FILTER = 500;

    /** How many entries a page of the log shows. */
    static final int PAGE = 50;

    public enum Format {
        CSV,
        EXCEL
    }

    /** An entry of the log; {@code rows} is null while the export runs or when it broke off before the count. */
    public record Entry(
            long id,
            Instant startedAt,
            Instant finishedAt,
            String exportedBy,
            Format format,
            String filter,
            Integer rows,
            boolean completed) {}

    /** A page of the log, newest first, and the id to continue after (null on the last page). */
    public record Page(List<Entry> entries, Long next) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    LeadExportLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that {@code exportedBy} starts an export of the current workspace's leads; returns the entry's id. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long started(long exportedBy, String filter, Format format) {
        return jdbc.sql("""
                        insert into lead_export (tenant_id, exported_by, started_at, format, filter)
                        values (?, ?, ?, ?, ?)
                        returning id
                        """)
                .params(
                        CurrentTenant.require(),
                        exportedBy,
                        Timestamp.from(clock.instant()),
                        format.name(),
                        bounded(filter))
                .query(Long.class)
                .single();
    }

    /** Records how the export ended: the rows written (null if unknown) and whether the whole file was written. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void finished(long id, Integer rows, boolean completed) {
        jdbc.sql("""
                        update lead_export set finished_at = ?, row_count = ?, completed = ?
                        where tenant_id = ? and id = ? and finished_at is null
                        """)
                .params(Timestamp.from(clock.instant()), rows, completed, CurrentTenant.require(), id)
                .update();
    }

    /** A page of the current workspace's log, newest first, after the entry {@code after} (null: from the newest). */
    @Transactional(readOnly = true)
    public Page page(Long after) {
        List<Entry> entries = jdbc.sql("""
                        select e.id, e.started_at, e.finished_at, p.display_name, e.format, e.filter, e.row_count,
                               e.completed
                        from lead_export e
                        left join account_person p on p.tenant_id = e.tenant_id and p.id = e.exported_by
                        where e.tenant_id = :tenant
                          and (cast(:after as bigint) is null
                               or (e.started_at, e.id) < (select a.started_at, a.id from lead_export a
                                                          where a.tenant_id = :tenant and a.id = :after))
                        order by e.started_at desc, e.id desc
                        limit :limit
                        """)
                .param("tenant", CurrentTenant.require())
                .param("after", after)
                .param("limit", PAGE + 1)
                .query((rs, n) -> new Entry(
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        Format.valueOf(rs.getString(5)),
                        rs.getString(6),
                        (Integer) rs.getObject(7),
                        rs.getBoolean(8)))
                .list();
        if (entries.size() > PAGE) {
            return new Page(entries.subList(0, PAGE), entries.get(PAGE - 1).id());
        }
        return new Page(entries, null);
    }

    /**
     * Removes an erased person's address from the filters it was searched with (a search term is free text that can
     * name a person), in the erasure's transaction.
     */
    @Transactional
    void forget(String normalisedEmail) {
        if (normalisedEmail.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update lead_export set filter = '[erased]'
                        where tenant_id = ? and strpos(lower(filter), ?) > 0
                        """).params(CurrentTenant.require(), normalisedEmail).update();
    }

    static String bounded(String filter) {
        if (filter == null) {
            return "";
        }
        String plain = filter.replaceAll("[\\p{Cntrl}]", " ").strip();
        return plain.length() > MAX_FILTER ? plain.substring(0, MAX_FILTER - 1) + "…" : plain;
    }
}
