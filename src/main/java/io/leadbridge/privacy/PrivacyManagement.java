package io.leadbridge.privacy;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds, exports and erases a person of the current workspace by e-mail, through every module's {@link PersonalData};
 * keeps the access log of exports and the tombstones of erasures (docs/adr/0015).
 */
@Service
public class PrivacyManagement {

    /** The longest e-mail address looked for (as the lead's column). */
    public static final int MAX_EMAIL = 254;

    /** How many entries of the access log and of the tombstones the page shows. */
    static final int LOG_PAGE = 50;

    private final PersonFinder finder;
    private final List<PersonalData> holders;
    private final EmailHashes hashes;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final LeadExportLog leadExports;

    PrivacyManagement(
            PersonFinder finder,
            List<PersonalData> holders,
            EmailHashes hashes,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            Clock clock,
            LeadExportLog leadExports) {
        this.leadExports = leadExports;
        this.finder = finder;
        this.holders = List.copyOf(holders);
        this.hashes = hashes;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** What a search by e-mail found: the leads and how many rows each section holds about them. */
    public record Found(String email, Set<Long> leadIds, Map<String, Integer> counts, boolean erasedBefore) {

        public boolean any() {
            return !leadIds.isEmpty();
        }
    }

    /** Everything held about a person, by section. */
    public record Export(
            String email, Instant exportedAt, Set<Long> leadIds, Map<String, List<Map<String, Object>>> sections) {}

    /** How an erasure ended. */
    public enum Outcome {
        ERASED,
        NOT_FOUND,
        ALREADY_ERASED
    }

    public record Erasure(Outcome outcome, Long tombstoneId, int leads) {}

    /** An entry of the access log. */
    public record ExportEntry(long id, Instant exportedAt, String exportedBy, String format, int leads) {}

    /** A tombstone as the admin page shows it. */
    public record Tombstone(long id, Instant erasedAt, String erasedBy, int leads) {}

    public enum Format {
        JSON,
        SUMMARY
    }

    @Transactional(readOnly = true)
    public Found find(String email) {
        Set<Long> ids = finder.leadIds(EmailHashes.normalise(email));
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            PersonalData.Subject subject = subject(ids);
            for (PersonalData holder : holders) {
                for (PersonalData.Section section : holder.export(subject)) {
                    counts.merge(section.name(), section.rows().size(), Integer::sum);
                }
            }
        }
        return new Found(EmailHashes.normalise(email), ids, counts, ids.isEmpty() && wasErased(email));
    }

    /** Everything about the person, and a line in the access log saying who took it (none when nobody is found). */
    @Transactional
    public Export export(String email, long exportedBy, Format format) {
        Set<Long> ids = finder.leadIds(EmailHashes.normalise(email));
        Map<String, List<Map<String, Object>>> sections = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return new Export(EmailHashes.normalise(email), clock.instant(), ids, sections);
        }
        PersonalData.Subject subject = subject(ids);
        for (PersonalData holder : holders) {
            for (PersonalData.Section section : holder.export(subject)) {
                sections.computeIfAbsent(section.name(), name -> new ArrayList<>())
                        .addAll(section.rows());
            }
        }
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into person_export (tenant_id, email_hash, exported_by, exported_at, format, leads)
                        values (?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        CurrentTenant.require(),
                        hashes.hash(email),
                        exportedBy,
                        Timestamp.from(now),
                        format.name(),
                        ids.size())
                .update();
        return new Export(EmailHashes.normalise(email), now, ids, sections);
    }

    /**
     * Erases the person's leads in every module, in this one transaction, and writes the tombstone. The lead rows are
     * locked first, so of two erasures at once one erases and the other finds the person already erased.
     */
    @Transactional
    public Erasure erase(String email, long erasedBy) {
        UUID tenant = CurrentTenant.require();
        Set<Long> ids = finder.lockLeadIds(EmailHashes.normalise(email));
        if (ids.isEmpty()) {
            return new Erasure(wasErased(email) ? Outcome.ALREADY_ERASED : Outcome.NOT_FOUND, null, 0);
        }
        PersonalData.Subject subject = subject(ids);
        Long tombstone = jdbc.sql("""
                        insert into person_tombstone (tenant_id, email_hash, erased_by, erased_at, leads)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, email_hash)
                        do update set erased_at = excluded.erased_at, erased_by = excluded.erased_by,
                                      leads = person_tombstone.leads + excluded.leads
                        returning id
                        """)
                .params(tenant, hashes.hash(email), erasedBy, Timestamp.from(clock.instant()), ids.size())
                .query(Long.class)
                .single();
        for (PersonalData holder : holders) {
            holder.erase(subject);
        }
        leadExports.forget(EmailHashes.normalise(email));
        events.publishEvent(new PersonErased(tenant, ids, tombstone));
        return new Erasure(Outcome.ERASED, tombstone, ids.size());
    }

    /**
     * Anonymises these leads of the current workspace in every module, in the caller's transaction: the path of
     * {@link #erase}, without a tombstone (retention, which keeps its own log).
     */
    void anonymise(Set<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return;
        }
        PersonalData.Subject subject = subject(leadIds);
        for (PersonalData holder : holders) {
            holder.erase(subject);
        }
    }

    /** Whether a person with this address was erased in the current workspace (for a later import's warning). */
    @Transactional(readOnly = true)
    public boolean wasErased(String email) {
        return hashes.existingHash(email)
                .map(hash -> jdbc.sql("select count(*) from person_tombstone where tenant_id = ? and email_hash = ?")
                                .params(CurrentTenant.require(), hash)
                                .query(Long.class)
                                .single()
                        > 0)
                .orElse(false);
    }

    @Transactional(readOnly = true)
    public List<ExportEntry> accessLog() {
        return jdbc.sql("""
                        select e.id, e.exported_at, p.display_name, e.format, e.leads
                        from person_export e
                        left join account_person p on p.tenant_id = e.tenant_id and p.id = e.exported_by
                        where e.tenant_id = ?
                        order by e.exported_at desc, e.id desc
                        limit ?
                        """)
                .params(CurrentTenant.require(), LOG_PAGE)
                .query((rs, n) -> new ExportEntry(
                        rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
    }

    @Transactional(readOnly = true)
    public List<Tombstone> tombstones() {
        return jdbc.sql("""
                        select t.id, t.erased_at, p.display_name, t.leads
                        from person_tombstone t
                        left join account_person p on p.tenant_id = t.tenant_id and p.id = t.erased_by
                        where t.tenant_id = ?
                        order by t.erased_at desc, t.id desc
                        limit ?
                        """)
                .params(CurrentTenant.require(), LOG_PAGE)
                .query((rs, n) ->
                        new Tombstone(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** One tombstone of the current workspace. */
    @Transactional(readOnly = true)
    public Optional<Tombstone> tombstone(long id) {
        return jdbc.sql("""
                        select t.id, t.erased_at, p.display_name, t.leads
                        from person_tombstone t
                        left join account_person p on p.tenant_id = t.tenant_id and p.id = t.erased_by
                        where t.tenant_id = ? and t.id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, n) ->
                        new Tombstone(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4)))
                .optional();
    }

    private PersonalData.Subject subject(Set<Long> ids) {
        Set<String> pages = new java.util.LinkedHashSet<>();
        ids.forEach(id -> pages.add("/leads/" + id));
        holders.forEach(holder -> pages.addAll(holder.pages(ids)));
        return new PersonalData.Subject(ids, pages);
    }
}
