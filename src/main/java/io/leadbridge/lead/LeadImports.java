package io.leadbridge.lead;

import io.leadbridge.lead.LeadProblem.CodedProblem;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * CSV imports: the upload, kept in parts; a check of every row (the field rules, duplicates in the file and in the
 * workspace) that runs once per upload or mapping in the background and is kept as the preview (counts and the first
 * problems); then an all-or-nothing import in one transaction — or, if the marketer chooses, of the valid rows only —
 * that reads the file again as a stream and writes it in chunks, with a timeline entry per lead and the evaluation.
 *
 * <p>Bounded by design: a file is at most 50 MB (the upload limit) and {@link #MAX_ROWS} rows, is never held in memory
 * whole, at most {@link #CHECKS_AT_ONCE} files are checked at once with at most {@link #CHECKS_WAITING} waiting (a
 * further upload is told to wait), and imports run one at a time with a bounded queue.
 */
@Service
public class LeadImports implements DisposableBean {

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

    private static final Logger log = LoggerFactory.getLogger(LeadImports.class);

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final TransactionTemplate progressTransaction;
    private final LeadBulk bulk;
    /** Files being checked or waiting to be, on this instance: the only bound of the checks' queue. */
    private final Semaphore checkSlots = new Semaphore(CHECKS_AT_ONCE + CHECKS_WAITING);
    /** Imports running or waiting to, on this instance: the only bound of the imports' queue. */
    private final Semaphore runSlots = new Semaphore(1 + RUNS_WAITING);
    /** The imports queued for a check on this instance (at most the check slots), so none is queued twice. */
    private final Set<Long> queuedChecks = ConcurrentHashMap.newKeySet();

    private final ThreadPoolExecutor checks = executor("lead-import-check", CHECKS_AT_ONCE);
    private final ThreadPoolExecutor runs = executor("lead-import", 1);

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
        this.progressTransaction = new TransactionTemplate(transactionManager);
        this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Threads taking work from a queue that the slots bound (a slot is taken before a task is queued). */
    private static ThreadPoolExecutor executor(String name, int threads) {
        return new ThreadPoolExecutor(
                threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * A row that would fail, and why: kept as a code of the bundles with its arguments (and the lead it would
     * duplicate), and put into words in the reader's language when the preview is read. ({@code message} alone is what
     * a check before issue 16 kept: text in the uploader's language.)
     */
    public record RowProblem(
            long line, String field, String code, Map<String, Object> arguments, Long leadId, String message) {}

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
            boolean validOnly) {

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

        /** Where the import stands, as the page's status shows it. */
        public Progress progress() {
            return new Progress(id, status, valid, done, imported, message);
        }
    }

    /** Where an import stands: its status, the rows it writes and how many are written, and how it ended. */
    public record Progress(long id, String status, long total, long done, Integer imported, String message) {

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

    /** Why an import cannot go on; the message code explains it. */
    public static class ImportProblem extends RuntimeException {
        ImportProblem(String code) {
            super(code);
        }
    }

    /** The slots for files being checked or waiting to be (for tests that fill them). */
    Semaphore checkSlots() {
        return checkSlots;
    }

    public static List<String> fields() {
        return LeadCsv.FIELDS;
    }

    /**
     * Keeps an uploaded file and has it checked in the background. Refuses, writing nothing, a file name that cannot
     * be one, a file that is no text (a workbook, an image), one without a header row or with more than {@link
     * CsvReader#MAX_COLUMNS} columns — and, while {@link #CHECKS_AT_ONCE} files are being checked and {@link
     * #CHECKS_WAITING} wait, any further file (the marketer is asked to try again in a moment).
     */
    public long upload(String fileName, InputStream content, long marketerId) {
        String name = fileName(fileName);
        if (!checkSlots.tryAcquire()) {
            throw new ImportProblem("import.busy");
        }
        boolean queued = false;
        try {
            long id = transaction.execute(status -> {
                long stored = storeParts(name, content, marketerId);
                describe(stored);
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

    /** The name a file is kept under: without a path, at most {@value #MAX_FILE_NAME} characters, plain text. */
    static String fileName(String given) {
        if (given == null || given.isBlank()) {
            return "leads.csv";
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1)
                .strip();
        if (name.length() > MAX_FILE_NAME) {
            throw new ImportProblem("import.fileName.tooLong");
        }
        if (!PlainTexts.singleLine(name)) {
            throw new ImportProblem("import.fileName.invalid");
        }
        return name.isEmpty() ? "leads.csv" : name;
    }

    /** Keeps the file in parts, refusing one that is no text or too large; answers the new import's id. */
    private long storeParts(String name, InputStream content, long marketerId) {
        UUID tenant = CurrentTenant.require();
        long id = jdbc.sql("""
                        insert into lead_import (tenant_id, file_name, mapping, status, created_by, locale)
                        values (?, ?, '[]', 'ANALYSING', ?, ?) returning id
                        """)
                .params(
                        tenant,
                        name,
                        marketerId,
                        LocaleContextHolder.getLocale().toLanguageTag())
                .query(Long.class)
                .single();
        byte[] buffer = new byte[ImportFile.PART];
        long total = 0;
        int part = 0;
        try {
            while (true) {
                int filled = content.readNBytes(buffer, 0, buffer.length);
                if (filled == 0) {
                    break;
                }
                if (part == 0) {
                    Optional<String> notText = CsvBytes.notText(buffer, Math.min(filled, CsvBytes.HEAD));
                    if (notText.isPresent()) {
                        throw new ImportProblem(notText.get());
                    }
                }
                total += filled;
                if (total > MAX_BYTES) {
                    throw new ImportProblem("import.tooLarge");
                }
                jdbc.sql("insert into lead_import_part (tenant_id, import_id, part, bytes) values (?, ?, ?, ?)")
                        .params(tenant, id, part++, java.util.Arrays.copyOf(buffer, filled))
                        .update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (total == 0) {
            throw new ImportProblem("import.noHeader");
        }
        return id;
    }

    /**
     * Reads what the kept file is: its encoding (one pass over the bytes), its delimiter and header row, and maps the
     * columns to fields by their names. Refuses a file without a header or with more than {@link
     * CsvReader#MAX_COLUMNS} columns.
     */
    private void describe(long id) {
        byte[] head = new byte[CsvBytes.HEAD];
        int headLength;
        CsvBytes.Utf8Check utf8 = new CsvBytes.Utf8Check();
        try (InputStream in = ImportFile.bytes(jdbc, id)) {
            headLength = in.readNBytes(head, 0, head.length);
            utf8.feed(head, 0, headLength);
            byte[] buffer = new byte[65_536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                utf8.feed(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String encoding;
        Charset utf16 = CsvBytes.utf16(head, headLength);
        if (utf16 != null) {
            encoding = utf16.name();
        } else if (utf8.valid()) {
            encoding = CsvBytes.bomLength(head, headLength, StandardCharsets.UTF_8) > 0 ? "UTF-8-BOM" : "UTF-8";
        } else {
            encoding = CsvBytes.WINDOWS_1252.name();
        }
        char delimiter;
        List<String> columns;
        try (Reader text = text(id, encoding)) {
            delimiter = CsvReader.delimiterOf(ImportFile.firstLine(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Reader text = text(id, encoding)) {
            CsvReader.Item first = new CsvReader(text, delimiter).next();
            if (first == null) {
                throw new ImportProblem("import.noHeader");
            }
            if (first instanceof CsvReader.Broken broken) {
                throw new ImportProblem(broken.tooWide() ? "import.tooManyColumns" : "import.badHeader");
            }
            columns = ((CsvReader.Row) first).cells();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (columns.stream().allMatch(String::isBlank)) {
            throw new ImportProblem("import.noHeader");
        }
        columns = columns.stream().map(LeadImports::columnName).toList();
        jdbc.sql("""
                        update lead_import set encoding = ?, delimiter = ?, header = cast(? as jsonb),
                            mapping = cast(? as jsonb)
                        where tenant_id = ? and id = ?
                        """)
                .params(
                        encoding,
                        String.valueOf(delimiter),
                        json.writeValueAsString(columns),
                        json.writeValueAsString(LeadCsv.autoMapping(columns)),
                        CurrentTenant.require(),
                        id)
                .update();
    }

    /** A header cell as the mapping table shows it: at most 120 characters, no control characters. */
    private static String columnName(String cell) {
        String name = cell.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return name.length() > 120 ? name.substring(0, 120) + "…" : name;
    }

    /**
     * The file's text. Its encoding as kept: {@code UTF-8}, {@code UTF-8-BOM}, {@code UTF-16LE}/{@code UTF-16BE} (each
     * after its byte order mark) or {@code windows-1252}.
     */
    private Reader text(long id, String encoding) {
        if (encoding.startsWith("UTF-8")) {
            return ImportFile.text(jdbc, id, StandardCharsets.UTF_8, encoding.equals("UTF-8-BOM") ? 3 : 0);
        }
        return ImportFile.text(jdbc, id, Charset.forName(encoding), encoding.startsWith("UTF-16") ? 2 : 0);
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
                CurrentTenant.runAs(tenant, () -> check(id));
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
            throw new ImportProblem("import.busy");
        }
        boolean queued = false;
        try {
            transaction.executeWithoutResult(status -> {
                Stored stored = load(id);
                List<String> cleaned = new ArrayList<>();
                Set<String> taken = new HashSet<>();
                for (int i = 0; i < stored.columns().size(); i++) {
                    String field = i < mapping.size() && mapping.get(i) != null ? mapping.get(i) : "";
                    if (!field.isEmpty() && (!LeadCsv.FIELDS.contains(field) || !taken.add(field))) {
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
                    throw new ImportProblem("import.notOpen");
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

    /** The preview as the last check left it: read from the import's record, never from the file. */
    public Preview preview(long id) {
        return transaction.execute(status -> {
            Stored stored = load(id);
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
                    stored.validOnly());
        });
    }

    /** Where an import stands, for the page to poll every second while it is checked or imported. */
    public Progress progress(long id) {
        return transaction.execute(status -> jdbc.sql("""
                        select status, imported, message, rows_valid, rows_done
                        from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> new Progress(
                        id,
                        rs.getString("status"),
                        rs.getLong("rows_valid"),
                        rs.getLong("rows_done"),
                        (Integer) rs.getObject("imported"),
                        rs.getString("message")))
                .optional()
                .orElseThrow(NotFoundException::new));
    }

    /**
     * Starts the import of a previewed file. Only the first confirmation starts it (the database guards the
     * transition); the import itself runs in the background, one at a time.
     */
    public void confirm(long id, boolean validOnly, Actor actor) {
        int started = transaction.execute(status -> {
            Stored stored = load(id);
            if (stored.fileProblem() != null) {
                return 0;
            }
            return jdbc.sql("""
                            update lead_import set status = 'RUNNING', valid_only = ?, rows_done = 0
                            where tenant_id = ? and id = ? and status = 'PREVIEWED'
                            """).params(validOnly, CurrentTenant.require(), id).update();
        });
        if (started == 0) {
            throw new ImportProblem("import.notOpen");
        }
        UUID tenant = CurrentTenant.require();
        if (!runSlots.tryAcquire()) {
            transaction.executeWithoutResult(
                    status -> jdbc.sql("""
                            update lead_import set status = 'PREVIEWED'
                            where tenant_id = ? and id = ? and status = 'RUNNING'
                            """).params(tenant, id).update());
            throw new ImportProblem("import.busy");
        }
        Locale locale = LocaleContextHolder.getLocale();
        runs.execute(() -> {
            LocaleContextHolder.setLocale(locale);
            try {
                CurrentTenant.runAs(tenant, () -> run(id, validOnly, actor));
            } finally {
                LocaleContextHolder.resetLocaleContext();
                runSlots.release();
            }
        });
    }

    /** Checks the file once and keeps the outcome as the preview. */
    void check(long id) {
        try {
            transaction.executeWithoutResult(status -> {
                // Another instance may be checking it already (after a restart); then it is left to that one.
                Boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                        .param(id)
                        .query(Boolean.class)
                        .single();
                Stored stored = load(id);
                if (!Boolean.TRUE.equals(mine) || !stored.checking()) {
                    return;
                }
                if (stored.columns().isEmpty()) {
                    // Uploaded before files were described at upload (V21): read its encoding and header now.
                    describe(id);
                    stored = load(id);
                }
                Analysis analysis = analyse(id, stored, null, false);
                jdbc.sql("""
                                update lead_import set status = 'PREVIEWED', rows_total = ?, rows_valid = ?,
                                    rows_invalid = ?, problems = cast(? as jsonb), file_problem = ?, analysed_at = now()
                                where tenant_id = ? and id = ? and status = 'ANALYSING'
                                """)
                        .params(
                                analysis.rows,
                                analysis.valid,
                                analysis.invalid,
                                json.writeValueAsString(analysis.problems),
                                analysis.fileProblem,
                                CurrentTenant.require(),
                                id)
                        .update();
            });
        } catch (ImportProblem problem) {
            fail(id, problem.getMessage());
        } catch (RuntimeException e) {
            log.error("Checking import {} failed", id, e);
            fail(id, "import.checkFailed");
        }
    }

    /** Imports in one transaction: all rows or none (or the valid ones only, when so chosen). */
    void run(long id, boolean validOnly, Actor actor) {
        try {
            long imported = transaction.execute(status -> {
                // Held until this transaction ends: recovery at start-up knows the import is alive.
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                        .param(id)
                        .query(Object.class)
                        .single();
                Stored stored = load(id);
                if (!stored.status().equals("RUNNING")) {
                    return -1L; // closed meanwhile (by recovery on another instance): nothing to do
                }
                Map<String, String> facts = Map.of("channel", "IMPORT", "file", stored.fileName());
                long[] written = {0};
                Analysis analysis = analyse(
                        id,
                        stored,
                        chunk -> {
                            bulk.create(chunk, actor, IMPORTED, facts, n -> {});
                            written[0] += chunk.size();
                            long done = written[0];
                            progressTransaction.executeWithoutResult(
                                    s -> jdbc.sql("update lead_import set rows_done = ? where tenant_id = ? and id = ?")
                                            .params(done, CurrentTenant.require(), id)
                                            .update());
                        },
                        !validOnly);
                if (analysis.fileProblem != null) {
                    throw new ImportProblem(analysis.fileProblem);
                }
                int done = jdbc.sql("""
                                update lead_import set status = 'DONE', imported = ?, rows_done = ?, finished_at = now(),
                                    message = null
                                where tenant_id = ? and id = ? and status = 'RUNNING'
                                """)
                        .params(written[0], written[0], CurrentTenant.require(), id)
                        .update();
                if (done == 0) {
                    status.setRollbackOnly(); // closed meanwhile: nothing of it is kept
                    return -1L;
                }
                forgetFile(id);
                return written[0];
            });
            if (imported >= 0) {
                log.info("Import {} wrote {} leads", id, imported);
            }
        } catch (ImportProblem problem) {
            fail(id, problem.getMessage());
        } catch (DataIntegrityViolationException race) {
            fail(id, "import.changedMeanwhile");
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            fail(id, "import.failed");
        }
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
                        jdbc.sql("""
                                update lead_import set status = 'FAILED', message = 'import.interrupted', finished_at = now()
                                where tenant_id = ? and id = ? and status = 'RUNNING'
                                """).params(tenantId, id).update();
                    }
                }));
    }

    /** The import ended without writing anything; its file is not needed any more. */
    private void fail(long id, String code) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    update lead_import set status = 'FAILED', message = ?, finished_at = now()
                    where tenant_id = ? and id = ?
                    """).params(code, CurrentTenant.require(), id).update();
            forgetFile(id);
        });
    }

    /** Deletes the kept file of an import that ended (its counts, problems and outcome stay). */
    private void forgetFile(long id) {
        jdbc.sql("delete from lead_import_part where tenant_id = ? and import_id = ?")
                .params(CurrentTenant.require(), id)
                .update();
    }

    private record Stored(
            String fileName,
            String encoding,
            char delimiter,
            List<String> columns,
            List<String> mapping,
            String status,
            boolean validOnly,
            long rows,
            long valid,
            long invalid,
            long done,
            List<RowProblem> problems,
            String fileProblem,
            Integer imported,
            String message) {

        boolean checking() {
            return status.equals("ANALYSING");
        }
    }

    private Stored load(long id) {
        return jdbc.sql("""
                        select file_name, encoding, delimiter, header::text as header, mapping::text as mapping, status,
                            valid_only, rows_total, rows_valid, rows_invalid, rows_done, problems::text as problems,
                            file_problem, imported, message
                        from lead_import where tenant_id = ? and id = ?
                        """)
                .params(CurrentTenant.require(), id)
                .query((rs, row) -> new Stored(
                        rs.getString("file_name"),
                        rs.getString("encoding"),
                        rs.getString("delimiter").charAt(0),
                        json.readValue(rs.getString("header"), new TypeReference<List<String>>() {}),
                        json.readValue(rs.getString("mapping"), new TypeReference<List<String>>() {}),
                        rs.getString("status"),
                        rs.getBoolean("valid_only"),
                        rs.getLong("rows_total"),
                        rs.getLong("rows_valid"),
                        rs.getLong("rows_invalid"),
                        rs.getLong("rows_done"),
                        json.readValue(rs.getString("problems"), new TypeReference<List<RowProblem>>() {}),
                        rs.getString("file_problem"),
                        (Integer) rs.getObject("imported"),
                        rs.getString("message")))
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** What a pass over the file found: counts, the first problems, and a problem of the whole file. */
    private static final class Analysis {
        long rows;
        long valid;
        long invalid;
        String fileProblem;
        final List<RowProblem> problems = new ArrayList<>();
    }

    /**
     * One pass over the file, record by record: each is checked as the lead it would become (the field rules,
     * duplicates in the file, then — a chunk at a time — in the workspace). The valid leads of each chunk go to {@code
     * valid} when given; with {@code allOrNothing} the first invalid row ends the pass with {@code
     * import.invalidRows}. Problems are kept in line order, the first {@value #PROBLEMS_SHOWN} of them.
     */
    private Analysis analyse(long id, Stored stored, Consumer<List<LeadInput>> valid, boolean allOrNothing) {
        Analysis analysis = new Analysis();
        List<String> codes = leads.industries();
        Map<String, Long> emails = new HashMap<>();
        Map<String, Long> externalIds = new HashMap<>();
        Chunk chunk = new Chunk();
        try (Reader text = text(id, stored.encoding())) {
            CsvReader reader = new CsvReader(text, stored.delimiter());
            boolean header = true;
            for (CsvReader.Item item = reader.next(); item != null; item = reader.next()) {
                if (header) {
                    header = false;
                    continue;
                }
                if (analysis.rows >= MAX_ROWS) {
                    analysis.fileProblem = "import.tooManyRows";
                    break;
                }
                analysis.rows++;
                List<CodedProblem> problems = new ArrayList<>();
                LeadInput input = null;
                if (item instanceof CsvReader.Broken broken) {
                    problems.add(CodedProblem.of("", broken.code(), broken.arguments()));
                } else if (item instanceof CsvReader.Row row) {
                    LeadCsv.Row lead = LeadCsv.row(row.line(), row.cells(), stored.mapping());
                    problems.addAll(lead.problems());
                    problems.addAll(leads.codedProblems(lead.input(), codes));
                    input = lead.input();
                }
                if (problems.isEmpty()) {
                    String email = input.getEmail().toLowerCase(Locale.ROOT);
                    Long first = emails.putIfAbsent(email, item.line());
                    if (first != null) {
                        problems.add(CodedProblem.of("email", "import.problem.sameEmail", first));
                    } else if (input.getExternalId() != null) {
                        Long firstExternal = externalIds.putIfAbsent(input.getExternalId(), item.line());
                        if (firstExternal != null) {
                            problems.add(CodedProblem.of("externalId", "import.problem.sameExternalId", firstExternal));
                        }
                    }
                }
                if (problems.isEmpty()) {
                    chunk.candidates.add(input);
                    chunk.lines.add(item.line());
                } else {
                    invalid(analysis, chunk, item.line(), problems, null, allOrNothing);
                }
                if (chunk.size() >= CHUNK) {
                    flush(analysis, chunk, valid, allOrNothing);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush(analysis, chunk, valid, allOrNothing);
        return analysis;
    }

    /** The rows of the file read since the last check against the workspace. */
    private static final class Chunk {
        final List<LeadInput> candidates = new ArrayList<>();
        final List<Long> lines = new ArrayList<>();
        final List<RowProblem> problems = new ArrayList<>();
        int invalidRows;

        int size() {
            return candidates.size() + invalidRows;
        }
    }

    private static void invalid(
            Analysis analysis,
            Chunk chunk,
            long line,
            List<CodedProblem> problems,
            Long duplicateOf,
            boolean allOrNothing) {
        if (allOrNothing) {
            throw new ImportProblem("import.invalidRows");
        }
        analysis.invalid++;
        chunk.invalidRows++;
        if (analysis.problems.size() < PROBLEMS_SHOWN) {
            for (CodedProblem p : problems) {
                chunk.problems.add(new RowProblem(line, p.field(), p.code(), p.arguments(), duplicateOf, null));
            }
        }
    }

    /** Checks the chunk's candidates against the workspace, hands on the valid ones, keeps the problems in order. */
    private void flush(Analysis analysis, Chunk chunk, Consumer<List<LeadInput>> valid, boolean allOrNothing) {
        List<LeadBulk.Taken> taken = chunk.candidates.isEmpty() ? List.of() : bulk.taken(chunk.candidates);
        List<LeadInput> accepted = new ArrayList<>();
        for (int i = 0; i < chunk.candidates.size(); i++) {
            LeadBulk.Taken duplicate = taken.get(i);
            if (duplicate == null) {
                accepted.add(chunk.candidates.get(i));
            } else {
                String field = duplicate.field();
                invalid(
                        analysis,
                        chunk,
                        chunk.lines.get(i),
                        List.of(CodedProblem.of(
                                field,
                                field.equals("email")
                                        ? "import.problem.emailExists"
                                        : "import.problem.externalIdExists")),
                        duplicate.leadId(),
                        allOrNothing);
            }
        }
        analysis.valid += accepted.size();
        if (valid != null && !accepted.isEmpty()) {
            valid.accept(accepted);
        }
        chunk.problems.sort(Comparator.comparingLong(RowProblem::line));
        for (RowProblem problem : chunk.problems) {
            if (analysis.problems.size() < PROBLEMS_SHOWN) {
                analysis.problems.add(problem);
            }
        }
        chunk.candidates.clear();
        chunk.lines.clear();
        chunk.problems.clear();
        chunk.invalidRows = 0;
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        runs.shutdownNow();
    }
}
