package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.CodedProblem;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV imports: the upload, kept in parts; a check of every row (the field rules, duplicates in the file and in the
 * workspace) that runs once per upload or mapping in the background and is kept as the preview (counts and the first
 * problems); then an all-or-nothing import in one transaction — or, if the marketer chooses, of the valid rows only —
 * that writes the rows the check staged ({@link ImportStaging}) with one {@code INSERT … SELECT} per batch, evaluated and
 * timelined set-based (updating existing leads, or a preview staged before V43, reads the file again and writes it in
 * chunks).
 *
 * <p>Bounded by design: a file is at most 50 MB (the upload limit) and {@link #MAX_ROWS} rows, is never held in memory
 * whole, at most {@link #CHECKS_AT_ONCE} files are checked at once with at most {@link #CHECKS_WAITING} waiting (a
 * further upload is told to wait), and imports run one at a time with a bounded queue. The slots are taken here, before
 * any work is kept or queued; the work runs on the lead module's import executors ({@link ImportConfiguration}).
 *
 * <p>The file itself is kept by {@link ImportFiles}, checked row by row by {@link ImportAnalysis}, and the background
 * work (the check, the import) is {@link ImportWork}'s.
 */
@Service
public class LeadImports {

    public static final int PROBLEMS_SHOWN = 200;
    public static final String IMPORTED = "IMPORTED";
    public static final int MAX_ROWS = 200_000;
    public static final int MAX_FILE_NAME = 255;
    static final long MAX_BYTES = 50L * 1024 * 1024;
    static final int CHECKS_AT_ONCE = 2;
    static final int CHECKS_WAITING = 8;
    static final int RUNS_WAITING = 20;
    /** Rows checked against the workspace, and written, together. */
    static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final ImportFiles files;
    private final ImportWork work;
    /** Files being checked or waiting to be, on this instance: taken before a file is kept, so a busy one is refused. */
    private final Semaphore checkSlots = new Semaphore(CHECKS_AT_ONCE + CHECKS_WAITING);
    /** Imports running or waiting to, on this instance: taken before an import is queued. */
    private final Semaphore runSlots = new Semaphore(1 + RUNS_WAITING);
    /** The imports this instance runs or has queued, with their workspace (at most as many as its run slots). */
    private final Map<Long, UUID> held = new ConcurrentHashMap<>();
    /** The imports queued for a check on this instance (at most the check slots), so none is queued twice. */
    private final Set<Long> queuedChecks = ConcurrentHashMap.newKeySet();

    private final TaskExecutor checks;
    private final TaskExecutor runs;

    LeadImports(
            JdbcClient jdbc,
            LeadManagement leads,
            ObjectMapper json,
            PlatformTransactionManager transactionManager,
            ImportFiles files,
            ImportWork work,
            @Qualifier(ImportConfiguration.CHECKS) TaskExecutor checks,
            @Qualifier(ImportConfiguration.RUNS) TaskExecutor runs) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.json = json;
        this.files = files;
        this.work = work;
        this.checks = checks;
        this.runs = runs;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * A row that would fail, and why: kept as a code of the bundles with its arguments (and the lead it would
     * duplicate), and put into words in the reader's language when the preview is read. ({@code message} alone is what
     * a check before issue 16 kept: text in the uploader's language.)
     */
    public record RowProblem(
            long line, String field, String code, Map<String, Object> arguments, Long leadId, String message) {}

    /**
     * A row of the file for a lead the workspace has (the same e-mail address), as the preview shows it: the lead it
     * would update and what would change (the first changes, values cut short; {@code more} not shown).
     */
    public record PlannedUpdate(
            long line, long leadId, String leadName, List<io.leadbridge.timeline.FieldChange> changes, int more) {}

    /** What an import holds and where it stands. */
    public record Preview(
            long id,
            String fileName,
            String encoding,
            char delimiter,
            List<String> columns,
            List<String> mapping,
            String status,
            long rows,
            long valid,
            long invalid,
            List<RowProblem> problems,
            String fileProblem,
            Integer imported,
            String message,
            long done,
            boolean validOnly,
            long existing,
            List<PlannedUpdate> updates,
            boolean updateExisting,
            Integer updated) {

        public String delimiterName() {
            return switch (delimiter) {
                case ';' -> "semicolon";
                case '\t' -> "tab";
                default -> "comma";
            };
        }

        public boolean previewed() {
            return status.equals("PREVIEWED");
        }

        public boolean checking() {
            return status.equals("ANALYSING");
        }

        /** Whether the file can be imported (some or all of it). */
        public boolean importable() {
            return previewed() && fileProblem == null && valid > 0;
        }

        /**
         * Whether the file can be imported updating the existing leads: rows for existing leads and no row that would
         * fail for another reason (the update is all or nothing).
         */
        public boolean updatable() {
            return previewed() && fileProblem == null && existing > 0 && invalid == existing;
        }

        /** Where the import stands, as the page's status shows it. */
        public Progress progress() {
            return new Progress(id, status, valid + (updateExisting ? existing : 0), done, imported, message, updated);
        }
    }

    /** Where an import stands: its status, the rows it writes and how many are written, and how it ended. */
    public record Progress(
            long id, String status, long total, long done, Integer imported, String message, Integer updated) {

        public Progress(long id, String status, long total, long done, Integer imported, String message) {
            this(id, status, total, done, imported, message, null);
        }

        public boolean running() {
            return status.equals("RUNNING");
        }

        public boolean checking() {
            return status.equals("ANALYSING");
        }

        public int percent() {
            if (total == 0) {
                return running() ? 0 : 100;
            }
            return (int) Math.min(100, 100 * done / total);
        }
    }

    /** The slots for files being checked or waiting to be (for tests that fill them). */
    Semaphore checkSlots() {
        return checkSlots;
    }

    public static List<String> fields() {
        return LeadCsv.IMPORT_FIELDS;
    }

    /**
     * Keeps an uploaded file and has it checked in the background. Refuses, writing nothing, a file name that cannot
     * be one, a file that is no text (a workbook, an image), one without a header row or with more than {@link
     * CsvReader#MAX_COLUMNS} columns — and, while {@link #CHECKS_AT_ONCE} files are being checked and {@link
     * #CHECKS_WAITING} wait, any further file (the marketer is asked to try again in a moment).
     */
    public long upload(String fileName, InputStream content, long marketerId) {
        String name = ImportFiles.fileName(fileName);
        if (!checkSlots.tryAcquire()) {
            throw Refusal.refused("import.busy");
        }
        boolean queued = false;
        try {
            long id = transaction.execute(status -> {
                long stored = files.storeParts(name, content, marketerId);
                files.describe(stored);
                return stored;
            });
            queueCheck(CurrentTenant.require(), id, LocaleContextHolder.getLocale());
            queued = true;
            return id;
        } finally {
            if (!queued) {
                checkSlots.release();
            }
        }
    }

    /**
     * Queues the check of an import, in a slot the caller took (released when the check ends), in the language of
     * whoever asked for it.
     */
    private void queueCheck(UUID tenant, long id, Locale locale) {
        queuedChecks.add(id);
        checks.execute(() -> {
            LocaleContextHolder.setLocale(locale);
            try {
                CurrentTenant.runAs(tenant, () -> work.check(id));
            } finally {
                LocaleContextHolder.resetLocaleContext();
                queuedChecks.remove(id);
                checkSlots.release();
            }
        });
    }

    /** Uses another mapping of columns to fields: the file is checked again with it. */
    public void remap(long id, List<String> mapping) {
        if (!checkSlots.tryAcquire()) {
            throw Refusal.refused("import.busy");
        }
        boolean queued = false;
        try {
            transaction.executeWithoutResult(status -> {
                StoredImport stored = StoredImport.load(jdbc, json, id);
                List<String> cleaned = new ArrayList<>();
                Set<String> taken = new HashSet<>();
                for (int i = 0; i < stored.columns().size(); i++) {
                    String field = i < mapping.size() && mapping.get(i) != null ? mapping.get(i) : "";
                    if (!field.isEmpty() && (!LeadCsv.IMPORT_FIELDS.contains(field) || !taken.add(field))) {
                        field = "";
                    }
                    cleaned.add(field);
                }
                int changed = jdbc.sql("""
                                update lead_import set mapping = cast(? as jsonb), status = 'ANALYSING'
                                where tenant_id = ? and id = ? and status = 'PREVIEWED'
                                """)
                        .params(json.writeValueAsString(cleaned), CurrentTenant.require(), id)
                        .update();
                if (changed == 0) {
                    throw Refusal.refused("import.notOpen");
                }
            });
            queueCheck(CurrentTenant.require(), id, LocaleContextHolder.getLocale());
            queued = true;
        } finally {
            if (!queued) {
                checkSlots.release();
            }
        }
    }

    /** A kept problem in the words of the language the reader reads. */
    private RowProblem worded(RowProblem problem) {
        if (problem.code() == null) {
            return problem;
        }
        String text = leads.text(
                new CodedProblem(
                        problem.field(), problem.code(), problem.arguments() == null ? Map.of() : problem.arguments()),
                LocaleContextHolder.getLocale());
        return new RowProblem(
                problem.line(), problem.field(), problem.code(), problem.arguments(), problem.leadId(), text);
    }

    /** How many rows of the file are people erased from the workspace (skipped unless imported again; issue 20). */
    public long erasedRows(long id) {
        return transaction.execute(status -> StoredImport.load(jdbc, json, id).erased());
    }

    /** The preview as the last check left it: read from the import's record, never from the file. */
    public Preview preview(long id) {
        return transaction.execute(status -> {
            StoredImport stored = StoredImport.load(jdbc, json, id);
            return new Preview(
                    id,
                    stored.fileName(),
                    stored.encoding(),
                    stored.delimiter(),
                    stored.columns(),
                    stored.mapping(),
                    stored.status(),
                    stored.rows(),
                    stored.valid(),
                    stored.invalid(),
                    stored.problems().stream().map(this::worded).toList(),
                    stored.fileProblem(),
                    stored.imported(),
                    stored.message(),
                    stored.done(),
                    stored.validOnly(),
                    stored.existing(),
                    stored.updates(),
                    stored.updateExisting(),
                    stored.updated());
        });
    }

    /** Where an import stands, for the page to poll every second while it is checked or imported. */
    public Progress progress(long id) {
        return transaction.execute(status -> jdbc.sql("""
                        select status, imported, message, rows_valid, rows_done, updated,
                            rows_valid + case when update_existing then rows_existing else 0 end as rows_writing
                        from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> new Progress(
                        id,
                        rs.getString("status"),
                        rs.getLong("rows_writing"),
                        rs.getLong("rows_done"),
                        (Integer) rs.getObject("imported"),
                        rs.getString("message"),
                        (Integer) rs.getObject("updated")))
                .optional()
                .orElseThrow(NotFoundException::new));
    }

    /**
     * Starts the import of a previewed file. Only the first confirmation starts it (the database guards the
     * transition); the import itself runs in the background, one at a time.
     */
    public void confirm(long id, boolean validOnly, Actor actor) {
        confirm(id, validOnly, false, actor);
    }

    /**
     * The same; with {@code updateExisting}, the rows for leads the workspace has update those leads (issue 19), all
     * or nothing (a row that fails for another reason fails the import, {@code validOnly} notwithstanding).
     */
    public void confirm(long id, boolean validOnly, boolean updateExisting, Actor actor) {
        confirm(id, validOnly, updateExisting, false, actor);
    }

    /**
     * The same; with {@code importErased}, the rows of people erased from the workspace are imported again (the
     * marketer confirmed new consent); without, they are skipped (issue 20).
     */
    public void confirm(long id, boolean validOnly, boolean updateExisting, boolean importErased, Actor actor) {
        boolean skipInvalid = validOnly && !updateExisting;
        int started = transaction.execute(status -> {
            StoredImport stored = StoredImport.load(jdbc, json, id);
            if (stored.fileProblem() != null) {
                return 0;
            }
            return jdbc.sql("""
                            update lead_import set status = 'RUNNING', valid_only = ?, update_existing = ?, rows_done = 0,
                                heartbeat_at = now(), import_erased = ?
                            where tenant_id = ? and id = ? and status = 'PREVIEWED'
                            """)
                    .params(skipInvalid, updateExisting, importErased, CurrentTenant.require(), id)
                    .update();
        });
        if (started == 0) {
            throw Refusal.refused("import.notOpen");
        }
        UUID tenant = CurrentTenant.require();
        if (!runSlots.tryAcquire()) {
            transaction.executeWithoutResult(
                    status -> jdbc.sql("""
                            update lead_import set status = 'PREVIEWED'
                            where tenant_id = ? and id = ? and status = 'RUNNING'
                            """).params(tenant, id).update());
            throw Refusal.refused("import.busy");
        }
        Locale locale = LocaleContextHolder.getLocale();
        held.put(id, tenant);
        runs.execute(() -> {
            LocaleContextHolder.setLocale(locale);
            try {
                CurrentTenant.runAs(tenant, () -> work.run(id, skipInvalid, updateExisting, actor));
            } finally {
                held.remove(id);
                LocaleContextHolder.resetLocaleContext();
                runSlots.release();
            }
        });
    }

    /**
     * Every 30 seconds: the heartbeat of the imports this instance holds (running, or waiting in its queue), so that
     * another instance closes only the imports of an instance that died ({@link ImportRecovery}).
     */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void beat() {
        Map<UUID, List<Long>> byTenant = new HashMap<>();
        held.forEach((id, tenant) ->
                byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(id));
        byTenant.forEach((tenant, ids) -> CurrentTenant.runAs(
                tenant,
                () -> transaction.executeWithoutResult(status -> jdbc.sql("update lead_import set heartbeat_at = now()"
                                + " where tenant_id = ? and id = any(?) and status = 'RUNNING'")
                        .params(tenant, ids.toArray(Long[]::new))
                        .update())));
    }

    /**
     * After a stop: an import that was running is marked failed (its transaction never committed, so nothing of it
     * was written); a check that was waiting or running is queued again. Work still going on elsewhere holds its lock
     * and is left alone.
     */
    void recover(UUID tenantId, long id, boolean check) {
        if (check) {
            if (queuedChecks.contains(id) || !checkSlots.tryAcquire()) {
                return; // queued here already, or no slot now: the next round of recovery queues it
            }
            Locale locale = CurrentTenant.callAs(
                    tenantId,
                    () -> transaction.execute(
                            status -> jdbc.sql("select locale from lead_import where tenant_id = ? and id = ?")
                                    .params(tenantId, id)
                                    .query(String.class)
                                    .optional()
                                    .map(Locale::forLanguageTag)
                                    .orElse(Locale.ENGLISH)));
            queueCheck(tenantId, id, locale);
            return;
        }
        CurrentTenant.runAs(
                tenantId,
                () -> transaction.executeWithoutResult(status -> {
                    Boolean free = jdbc.sql(
                                    "select pg_try_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                            .param(id)
                            .query(Boolean.class)
                            .single();
                    if (Boolean.TRUE.equals(free)) {
                        int closed = jdbc.sql("""
                                update lead_import set status = 'FAILED', message = 'import.interrupted', finished_at = now()
                                where tenant_id = ? and id = ? and status = 'RUNNING'
                                """).params(tenantId, id).update();
                        if (closed > 0) {
                            files.forget(id); // the import ended: its file goes with it
                        }
                    }
                }));
    }
}
