package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.privacy.ErasedPeople;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The checked rows of an import's file, kept in {@code lead_import_row} between the check and the import (issue 21).
 * The check streams each chunk's valid rows into the database with COPY — into a temporary table first, as COPY FROM
 * does not write tables with row-level security — and moves them into the staging table with one statement per chunk;
 * the import then writes the leads from there with one {@code INSERT … SELECT} per {@link #BATCH} rows, after checking
 * set-based what may have changed since the check (leads created meanwhile with the same e-mail address or external
 * id, industries gone, people erased). Works inside the caller's transaction, in the current workspace.
 */
@Component
class ImportStaging {

    /** Rows written by one insert (and evaluated, and announced, together). */
    static final int BATCH = 20_000;

    private static final String COLUMNS = "line, erased, first_name, last_name, email, phone, job_title, company_name,"
            + " website, employees, industry, department, country, source, campaign, engagement_score,"
            + " project_planned, budget_confirmed, purchase_timeline, external_id, legal_basis, consent_text,"
            + " consent_given_at";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final ErasedPeople erasedPeople;
    private final LeadBulk bulk;
    private final Clock clock;

    ImportStaging(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ErasedPeople erasedPeople, LeadBulk bulk, Clock clock) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.erasedPeople = erasedPeople;
        this.bulk = bulk;
        this.clock = clock;
    }

    /** Begins staging a check of the import: the rows an earlier check staged go. */
    Stage begin(long id) {
        UUID tenant = CurrentTenant.require();
        jdbc.sql("delete from lead_import_row where tenant_id = ? and import_id = ?")
                .params(tenant, id)
                .update();
        jdbc.sql("update lead_import set staged_rows = null where tenant_id = ? and id = ?")
                .params(tenant, id)
                .update();
        jdbc.sql("drop table if exists pg_temp.lead_import_copy").update();
        jdbc.sql("create temporary table lead_import_copy on commit drop as" + " select " + COLUMNS
                        + " from lead_import_row with no data")
                .update();
        return new Stage(tenant, id);
    }

    /** A check's staging: the valid rows, added a chunk at a time, kept when it finishes. */
    final class Stage {

        private final UUID tenant;
        private final long id;
        private long rows;

        private Stage(UUID tenant, long id) {
            this.tenant = tenant;
            this.id = id;
        }

        /** Adds these valid rows (normalized leads, at their lines); {@code erased} says which are erased people. */
        void add(List<LeadInput> leads, Map<LeadInput, Long> lines, Predicate<LeadInput> erased) {
            if (leads.isEmpty()) {
                return;
            }
            StringBuilder csv = new StringBuilder(leads.size() * 256);
            for (LeadInput l : leads) {
                csv.append(lines.get(l)).append(',').append(erased.test(l));
                cell(csv, l.getFirstName());
                cell(csv, l.getLastName());
                cell(csv, l.getEmail());
                cell(csv, l.getPhone());
                cell(csv, l.getJobTitle());
                cell(csv, l.getCompanyName());
                cell(csv, l.getWebsite());
                cell(csv, l.getEmployees());
                cell(csv, l.getIndustry());
                cell(csv, l.getDepartment());
                cell(csv, l.getCountry());
                cell(csv, l.getSource());
                cell(csv, l.getCampaign());
                cell(csv, l.getEngagementScore());
                cell(csv, Boolean.TRUE.equals(l.getProjectPlanned()));
                cell(csv, Boolean.TRUE.equals(l.getBudgetConfirmed()));
                cell(csv, l.getTimeline().name());
                cell(csv, l.getExternalId());
                cell(csv, l.getLegalBasis() == null ? null : l.getLegalBasis().name());
                cell(csv, l.getConsentText());
                cell(csv, l.getConsentGivenAt());
                csv.append('\n');
            }
            jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
                try {
                    return connection
                            .unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "copy lead_import_copy (" + COLUMNS + ") from stdin with (format csv)",
                                    new StringReader(csv.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // Moved chunk by chunk, while the next chunk is read (ImportReaders), not all at the end.
            rows += jdbc.sql("insert into lead_import_row (tenant_id, import_id, " + COLUMNS + ") select ?, ?, "
                            + COLUMNS + " from lead_import_copy")
                    .params(tenant, id)
                    .update();
            jdbc.sql("truncate lead_import_copy").update();
        }

        /** Keeps the staged rows for the import; answers how many there are. */
        long finish() {
            jdbc.sql("drop table pg_temp.lead_import_copy").update();
            jdbc.sql("update lead_import set staged_rows = ? where tenant_id = ? and id = ?")
                    .params(rows, tenant, id)
                    .update();
            return rows;
        }
    }

    /** A value as a CSV cell after a comma: null as nothing, anything else quoted. */
    private static void cell(StringBuilder csv, Object value) {
        csv.append(',');
        if (value == null) {
            return;
        }
        String text = value.toString();
        csv.append('"');
        if (text.indexOf('"') < 0) {
            csv.append(text).append('"'); // nearly every cell: copied whole, not a character at a time
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        csv.append('"');
    }

    /** Whether the import's last check staged its rows and they are all there (an unlogged table empties at a crash). */
    boolean staged(long id, Long stagedRows) {
        if (stagedRows == null) {
            return false;
        }
        Long there = jdbc.sql("select count(*) from lead_import_row where tenant_id = ? and import_id = ?")
                .params(CurrentTenant.require(), id)
                .query(Long.class)
                .single();
        return there == stagedRows.longValue();
    }

    /**
     * Writes the leads of the staged rows, in line order, {@link #BATCH} at a time, each batch evaluated and announced
     * as {@link LeadsCreated} (through {@link LeadBulk}). First checks set-based what changed since the check: a row
     * whose e-mail address or external id a lead of the workspace has now, or whose industry is gone, fails the import
     * when {@code allOrNothing} and is skipped otherwise; erased people are skipped unless {@code importErased}.
     * Answers how many leads were written; {@code progress} hears the count after every batch.
     */
    long importRows(
            long id,
            String file,
            boolean allOrNothing,
            boolean importErased,
            Actor actor,
            List<String> industries,
            LongConsumer progress) {
        UUID tenant = CurrentTenant.require();
        List<Long> skipped = new ArrayList<>(jdbc.sql("""
                        select r.line from lead_import_row r
                        where r.tenant_id = ? and r.import_id = ? and (
                            exists (select 1 from lead l where l.tenant_id = r.tenant_id and lower(l.email) = lower(r.email))
                            or (r.external_id is not null and exists (select 1 from lead l
                                where l.tenant_id = r.tenant_id and l.external_id = r.external_id))
                            or (r.industry is not null and not r.industry = any(?)))
                        """)
                .params(tenant, id, industries.toArray(String[]::new))
                .query(Long.class)
                .list());
        if (allOrNothing && !skipped.isEmpty()) {
            throw Refusal.refused("import.invalidRows");
        }
        if (!importErased) {
            skipped.addAll(erasedSince(tenant, id));
        }
        LeadOrigin origin = LeadOrigin.of(actor, Channel.IMPORT, id, file);
        Timestamp now = Timestamp.from(clock.instant());
        long[] lines = jdbc.sql(
                        "select min(line), max(line) from lead_import_row where tenant_id = ? and import_id = ?")
                .params(tenant, id)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.wasNull() ? 0 : 1})
                .single();
        Long last = lines[2] == 0 ? null : lines[1];
        long written = 0;
        Long[] skip = skipped.toArray(Long[]::new);
        // From the first staged line (the header's is not one), so that a file of 100,000 one-line records makes five
        // batches of 20,000, not a sixth of one row.
        for (long from = lines[0] - 1; last != null && from < last; ) {
            // Lines, not rows: a record may span lines, so a batch has at most BATCH rows.
            long to = from + BATCH;
            List<Long> ids = jdbc.sql("""
                            insert into lead (id, tenant_id, first_name, last_name, email, phone, job_title,
                                company_name, website, employees, industry, department, country, source, campaign,
                                engagement_score, project_planned, budget_confirmed, purchase_timeline, external_id,
                                created_by, created_at, updated_at, legal_basis, consent_text, consent_given_at, origin,
                                origin_api_key_id, origin_import_id, origin_label)
                            select nextval('lead_id_seq'), r.tenant_id, r.first_name, r.last_name, r.email, r.phone,
                                r.job_title, r.company_name, r.website, r.employees, r.industry, r.department,
                                r.country, r.source, r.campaign, r.engagement_score, r.project_planned,
                                r.budget_confirmed, r.purchase_timeline, r.external_id, ?, ?, ?, r.legal_basis,
                                r.consent_text, r.consent_given_at, ?, ?, ?, ?
                            from lead_import_row r
                            where r.tenant_id = ? and r.import_id = ? and r.line > ? and r.line <= ?
                                and not r.line = any(?)
                            order by r.line
                            returning id
                            """)
                    .params(
                            actor.personId(),
                            now,
                            now,
                            origin.kind().name(),
                            origin.apiKeyId(),
                            origin.importId(),
                            origin.label(),
                            tenant,
                            id,
                            from,
                            to,
                            skip)
                    .query(Long.class)
                    .list();
            from = to;
            if (ids.isEmpty()) {
                continue;
            }
            bulk.created(ids, actor, Channel.IMPORT, file);
            written += ids.size();
            progress.accept(written);
        }
        return written;
    }

    /** The lines of staged rows of people erased from the workspace (by the check, or since). */
    private List<Long> erasedSince(UUID tenant, long id) {
        if (!erasedPeople.anyErased()) {
            // No tombstone in the workspace: the rows the check marked, as the look-ups below would answer, without
            // reading every staged row (0.12 s of a 100,000-row import).
            return jdbc.sql("select line from lead_import_row where tenant_id = ? and import_id = ? and erased")
                    .params(tenant, id)
                    .query(Long.class)
                    .list();
        }
        List<Long> erased = new ArrayList<>();
        Long after = -1L;
        while (after != null) {
            List<Object[]> rows = jdbc.sql("""
                            select line, email, erased from lead_import_row
                            where tenant_id = ? and import_id = ? and line > ? order by line limit ?
                            """)
                    .params(tenant, id, after, BATCH)
                    .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBoolean(3)})
                    .list();
            if (rows.isEmpty()) {
                break;
            }
            Set<String> now = erasedPeople.erasedAmong(
                    rows.stream().map(r -> (String) r[1]).toList());
            for (Object[] r : rows) {
                if ((Boolean) r[2] || now.contains(((String) r[1]).strip().toLowerCase(java.util.Locale.ROOT))) {
                    erased.add((Long) r[0]);
                }
            }
            after = rows.size() < BATCH ? null : (Long) rows.get(rows.size() - 1)[0];
        }
        return erased;
    }
}
