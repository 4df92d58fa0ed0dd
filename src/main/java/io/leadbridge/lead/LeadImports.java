package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.FieldProblem;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.web.NotFoundException;
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
import org.springframework.dao.DataIntegrityViolationException;
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
    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final LeadBulk bulk;
    private final Map<Long, AtomicLong> progress = new ConcurrentHashMap<>();
    /** The rows a running import writes, known once its transaction has analysed the file. */
    private final Map<Long, Long> totals = new ConcurrentHashMap<>();

    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lead-import");
        thread.setDaemon(true);
        return thread;
    });

    LeadImports(
            JdbcClient jdbc,
            LeadManagement leads,
            ObjectMapper json,
            PlatformTransactionManager transactionManager,
            LeadBulk bulk) {
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.leads = leads;
        this.json = json;
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

        /** Where the import stands, as the page's status shows it. */
        public Progress progress() {
            return new Progress(id, status, validOnly ? valid : rows, done, imported, message);
        }
    }

    /** Where an import stands: its status, the rows it writes and how many are written, and how it ended. */
    public record Progress(long id, String status, long total, long done, Integer imported, String message) {

        public boolean running() {
            return status.equals("RUNNING");
        }

        public int percent() {
            if (total == 0) {
                return running() ? 0 : 100;
            }
            return (int) Math.min(100, 100 * done / total);
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
     * Where an import stands, for the running import's page to poll every second: its status and how many rows are
     * written, read without the file (the preview's analysis of a large file takes seconds; the poll must not).
     */
    public Progress progress(long id) {
        return transaction.execute(status -> jdbc.sql("""
                        select status, imported, message from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> new Progress(
                        id,
                        rs.getString("status"),
                        totals.getOrDefault(id, 0L),
                        progress.getOrDefault(id, new AtomicLong()).get(),
                        (Integer) rs.getObject("imported"),
                        rs.getString("message")))
                .optional()
                .orElseThrow(NotFoundException::new));
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
                totals.put(id, (long) analysis.valid.size());
                if (!analysis.invalidRows.isEmpty() && !validOnly) {
                    throw new ImportProblem("import.invalidRows");
                }
                AtomicLong done = progress.computeIfAbsent(id, k -> new AtomicLong());
                List<Long> ids = bulk.create(
                        analysis.valid,
                        actor,
                        IMPORTED,
                        Map.of("channel", "IMPORT", "file", stored.fileName()),
                        done::addAndGet);
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
            totals.remove(id);
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
        List<LeadBulk.Taken> taken = bulk.taken(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            LeadBulk.Taken duplicate = taken.get(i);
            if (duplicate == null) {
                analysis.valid.add(candidates.get(i));
                analysis.validLines.add(lines.get(i));
            } else if (duplicate.field().equals("email")) {
                analysis.problem(lines.get(i), "email", "a lead with this e-mail address exists already");
            } else {
                analysis.problem(lines.get(i), "externalId", "a lead with this external id exists already");
            }
        }
        analysis.problems.sort((a, b) -> Long.compare(a.line(), b.line()));
        return analysis;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
