package io.leadbridge.lead;

import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.LeadActivities;
import io.leadbridge.web.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV imports: upload, a preview of the column mapping and of every row that would fail (before anything is written),
 * then an all-or-nothing import in one transaction — or, if the marketer chooses, of the valid rows only — with
 * batched inserts, a timeline entry per lead and the criteria evaluation, running in the background with progress.
 */
@Service
public class LeadImports implements DisposableBean {

    public static final int PROBLEMS_SHOWN = 200;
    public static final String IMPORTED = "IMPORTED";
    static final int BATCH = 1_000;
    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final LeadManagement leads;
    private final CriteriaManagement criteria;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Map<Long, AtomicLong> progress = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lead-import");
        thread.setDaemon(true);
        return thread;
    });

    LeadImports(
            JdbcClient jdbc,
            JdbcTemplate jdbcTemplate,
            LeadManagement leads,
            CriteriaManagement criteria,
            ObjectMapper json,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.leads = leads;
        this.criteria = criteria;
        this.json = json;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** A row that would fail, and why. */
    public record RowProblem(long line, String field, String message) {}

    /** What an import holds and where it stands. */
    public record Preview(
            long id,
            String fileName,
            char delimiter,
            List<String> columns,
            List<String> mapping,
            String status,
            long rows,
            long valid,
            long invalid,
            List<RowProblem> problems,
            Integer imported,
            String message,
            long done,
            boolean validOnly) {

        public boolean semicolon() {
            return delimiter == ';';
        }

        public boolean previewed() {
            return status.equals("PREVIEWED");
        }

        public boolean running() {
            return status.equals("RUNNING");
        }

        public int percent() {
            long total = validOnly ? valid : rows;
            return total == 0 ? 100 : (int) Math.min(100, 100 * done / total);
        }
    }

    /** Why an import cannot go on; the message code explains it. */
    public static class ImportProblem extends RuntimeException {
        ImportProblem(String code) {
            super(code);
        }
    }

    public static List<String> fields() {
        return LeadCsv.FIELDS;
    }

    public long upload(String fileName, byte[] content, long marketerId) {
        LeadCsv.Header header = LeadCsv.header(content);
        if (header.columns().isEmpty() || header.columns().stream().allMatch(String::isBlank)) {
            throw new ImportProblem("import.noHeader");
        }
        List<String> mapping = LeadCsv.autoMapping(header.columns());
        return transaction.execute(status -> jdbc.sql("""
                        insert into lead_import (tenant_id, file_name, content, mapping, status, created_by)
                        values (?, ?, ?, cast(? as jsonb), 'PREVIEWED', ?)
                        returning id
                        """)
                .params(
                        CurrentTenant.require(),
                        fileName == null || fileName.isBlank() ? "leads.csv" : fileName,
                        content,
                        json.writeValueAsString(mapping),
                        marketerId)
                .query(Long.class)
                .single());
    }

    public void remap(long id, List<String> mapping) {
        transaction.executeWithoutResult(status -> {
            Stored stored = load(id);
            if (!stored.status().equals("PREVIEWED")) {
                throw new ImportProblem("import.notOpen");
            }
            List<String> cleaned = new ArrayList<>();
            Set<String> taken = new HashSet<>();
            for (int i = 0; i < stored.header().columns().size(); i++) {
                String field = i < mapping.size() && mapping.get(i) != null ? mapping.get(i) : "";
                if (!field.isEmpty() && (!LeadCsv.FIELDS.contains(field) || !taken.add(field))) {
                    field = "";
                }
                cleaned.add(field);
            }
            jdbc.sql("update lead_import set mapping = cast(? as jsonb) where tenant_id = ? and id = ?")
                    .params(json.writeValueAsString(cleaned), CurrentTenant.require(), id)
                    .update();
        });
    }

    public Preview preview(long id) {
        return transaction.execute(status -> {
            Stored stored = load(id);
            Analysis analysis = analyse(stored);
            return new Preview(
                    id,
                    stored.fileName(),
                    stored.header().delimiter(),
                    stored.header().columns(),
                    stored.mapping(),
                    stored.status(),
                    analysis.rows,
                    analysis.valid.size(),
                    analysis.invalidRows.size(),
                    analysis.problems.stream().limit(PROBLEMS_SHOWN).toList(),
                    stored.imported(),
                    stored.message(),
                    progress.getOrDefault(id, new AtomicLong()).get(),
                    stored.validOnly());
        });
    }

    /**
     * Starts the import of a previewed file. Only the first confirmation starts it (the database guards the
     * transition); the import itself runs in the background.
     */
    public void confirm(long id, boolean validOnly, Actor actor) {
        int started = transaction.execute(status -> {
            load(id);
            return jdbc.sql("""
                            update lead_import set status = 'RUNNING', valid_only = ?
                            where tenant_id = ? and id = ? and status = 'PREVIEWED'
                            """).params(validOnly, CurrentTenant.require(), id).update();
        });
        if (started == 0) {
            throw new ImportProblem("import.notOpen");
        }
        UUID tenant = CurrentTenant.require();
        progress.put(id, new AtomicLong());
        executor.execute(() -> CurrentTenant.runAs(tenant, () -> run(id, validOnly, actor)));
    }

    /** Imports in one transaction: all rows or none (or the valid ones only, when so chosen). */
    void run(long id, boolean validOnly, Actor actor) {
        try {
            int imported = transaction.execute(status -> {
                // Held until this transaction ends: recovery at start-up knows the import is alive.
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                        .param(id)
                        .query(Object.class)
                        .single();
                Stored stored = load(id);
                Analysis analysis = analyse(stored);
                if (!analysis.invalidRows.isEmpty() && !validOnly) {
                    throw new ImportProblem("import.invalidRows");
                }
                List<Long> ids = insert(analysis.valid, actor, id);
                // The foreign-key checks of the timeline and evaluation rows look the new leads up with plans this
                // connection cached when the table was small (a sequential scan); planned again now, they use the
                // index. Without this a 100,000-row import can spend minutes in quadratic look-ups.
                jdbc.sql("discard plans").update();
                events.publishEvent(new LeadActivities(
                        ids,
                        IMPORTED,
                        actor.personId(),
                        actor.label(),
                        Map.of("channel", "IMPORT", "file", stored.fileName())));
                criteria.evaluate(ids);
                jdbc.sql("""
                                update lead_import set status = 'DONE', imported = ?, finished_at = now(), message = null
                                where tenant_id = ? and id = ?
                                """).params(ids.size(), CurrentTenant.require(), id).update();
                return ids.size();
            });
            log.info("Import {} wrote {} leads", id, imported);
        } catch (ImportProblem problem) {
            fail(id, problem.getMessage());
        } catch (DataIntegrityViolationException race) {
            fail(id, "import.changedMeanwhile");
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            fail(id, "import.failed");
        } finally {
            progress.remove(id);
        }
    }

    /**
     * Marks an import that was running when the application stopped as failed (its transaction never committed, so
     * nothing of it was written). An import still running elsewhere holds its lock and is left alone.
     */
    void recover(UUID tenantId, long id) {
        CurrentTenant.runAs(
                tenantId,
                () -> transaction.executeWithoutResult(status -> {
                    Boolean free = jdbc.sql(
                                    "select pg_try_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                            .param(id)
                            .query(Boolean.class)
                            .single();
                    if (Boolean.TRUE.equals(free)) {
                        jdbc.sql("""
                                update lead_import set status = 'FAILED', message = 'import.interrupted', finished_at = now()
                                where tenant_id = ? and id = ? and status = 'RUNNING'
                                """).params(tenantId, id).update();
                    }
                }));
    }

    private List<Long> insert(List<LeadInput> valid, Actor actor, long importId) {
        List<Long> ids = jdbc.sql("select nextval('lead_id_seq') from generate_series(1, ?)")
                .param(valid.size())
                .query(Long.class)
                .list();
        Timestamp now = Timestamp.from(clock.instant());
        UUID tenant = CurrentTenant.require();
        AtomicLong done = progress.computeIfAbsent(importId, k -> new AtomicLong());
        for (int from = 0; from < valid.size(); from += BATCH) {
            int to = Math.min(valid.size(), from + BATCH);
            List<Object[]> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                LeadInput l = valid.get(i);
                batch.add(new Object[] {
                    ids.get(i),
                    tenant,
                    l.getFirstName(),
                    l.getLastName(),
                    l.getEmail(),
                    l.getPhone(),
                    l.getJobTitle(),
                    l.getCompanyName(),
                    l.getWebsite(),
                    l.getEmployees(),
                    l.getIndustry(),
                    l.getDepartment(),
                    l.getCountry(),
                    l.getSource(),
                    l.getCampaign(),
                    l.getEngagementScore(),
                    Boolean.TRUE.equals(l.getProjectPlanned()),
                    Boolean.TRUE.equals(l.getBudgetConfirmed()),
                    l.getTimeline().name(),
                    l.getExternalId(),
                    actor.personId(),
                    now,
                    now
                });
            }
            jdbcTemplate.batchUpdate("""
                    insert into lead (id, tenant_id, first_name, last_name, email, phone, job_title, company_name,
                        website, employees, industry, department, country, source, campaign, engagement_score,
                        project_planned, budget_confirmed, purchase_timeline, external_id, created_by, created_at,
                        updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, batch);
            done.addAndGet(to - from);
        }
        return ids;
    }

    private void fail(long id, String code) {
        transaction.executeWithoutResult(status ->
                jdbc.sql("""
                        update lead_import set status = 'FAILED', message = ?, finished_at = now()
                        where tenant_id = ? and id = ?
                        """).params(code, CurrentTenant.require(), id).update());
    }

    private record Stored(
            String fileName,
            byte[] content,
            LeadCsv.Header header,
            List<String> mapping,
            String status,
            boolean validOnly,
            Integer imported,
            String message) {}

    private Stored load(long id) {
        return jdbc.sql("""
                        select file_name, content, mapping::text as mapping, status, valid_only, imported, message
                        from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> {
                    byte[] content = rs.getBytes("content");
                    return new Stored(
                            rs.getString("file_name"),
                            content,
                            LeadCsv.header(content),
                            json.readValue(rs.getString("mapping"), new TypeReference<List<String>>() {}),
                            rs.getString("status"),
                            rs.getBoolean("valid_only"),
                            (Integer) rs.getObject("imported"),
                            rs.getString("message"));
                })
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    private static final class Analysis {
        long rows;
        final List<LeadInput> valid = new ArrayList<>();
        final List<Long> validLines = new ArrayList<>();
        final Set<Long> invalidRows = new HashSet<>();
        final List<RowProblem> problems = new ArrayList<>();

        void problem(long line, String field, String message) {
            invalidRows.add(line);
            problems.add(new RowProblem(line, field, message));
        }
    }

    /** Checks every row as the lead it would become: the field rules, duplicates in the file and in the workspace. */
    private Analysis analyse(Stored stored) {
        Analysis analysis = new Analysis();
        List<String> codes = leads.industries();
        Map<String, Long> emails = new HashMap<>();
        Map<String, Long> externalIds = new HashMap<>();
        List<LeadInput> candidates = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        LeadCsv.rows(stored.content(), stored.header().delimiter(), stored.mapping(), row -> {
            analysis.rows++;
            List<FieldProblem> problems = new ArrayList<>(row.problems());
            problems.addAll(leads.problems(row.input(), codes));
            for (FieldProblem p : problems) {
                analysis.problem(row.line(), p.field(), p.message());
            }
            if (!problems.isEmpty()) {
                return;
            }
            String email = row.input().getEmail().toLowerCase(Locale.ROOT);
            Long first = emails.putIfAbsent(email, row.line());
            if (first != null) {
                analysis.problem(row.line(), "email", "the same e-mail address is on line " + first);
                return;
            }
            if (row.input().getExternalId() != null) {
                Long firstExternal = externalIds.putIfAbsent(row.input().getExternalId(), row.line());
                if (firstExternal != null) {
                    analysis.problem(row.line(), "externalId", "the same external id is on line " + firstExternal);
                    return;
                }
            }
            candidates.add(row.input());
            lines.add(row.line());
        });
        Set<String> existingEmails = existing(
                "select lower(email) from lead where tenant_id = ? and lower(email) = any(?)",
                candidates.stream()
                        .map(c -> c.getEmail().toLowerCase(Locale.ROOT))
                        .toList());
        Set<String> existingExternal = existing(
                "select external_id from lead where tenant_id = ? and external_id = any(?)",
                candidates.stream()
                        .map(LeadInput::getExternalId)
                        .filter(x -> x != null)
                        .toList());
        for (int i = 0; i < candidates.size(); i++) {
            LeadInput input = candidates.get(i);
            if (existingEmails.contains(input.getEmail().toLowerCase(Locale.ROOT))) {
                analysis.problem(lines.get(i), "email", "a lead with this e-mail address exists already");
            } else if (input.getExternalId() != null && existingExternal.contains(input.getExternalId())) {
                analysis.problem(lines.get(i), "externalId", "a lead with this external id exists already");
            } else {
                analysis.valid.add(input);
                analysis.validLines.add(lines.get(i));
            }
        }
        analysis.problems.sort((a, b) -> Long.compare(a.line(), b.line()));
        return analysis;
    }

    private Set<String> existing(String sql, List<String> values) {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < values.size(); from += 10_000) {
            List<String> chunk = values.subList(from, Math.min(values.size(), from + 10_000));
            found.addAll(jdbc.sql(sql)
                    .params(CurrentTenant.require(), chunk.toArray(String[]::new))
                    .query(String.class)
                    .list());
        }
        return found;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
