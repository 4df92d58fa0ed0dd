package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * An import's background work, on the threads {@link LeadImports} queues it on (the workspace and language in scope):
 * the check that keeps the preview, and the import itself — all rows or none (or the valid ones only), in one
 * transaction, written in chunks with a timeline entry per lead and the evaluation. A refusal or a failure closes the
 * import as failed and deletes its file.
 */
@Component
class ImportWork {

    private static final Logger log = LoggerFactory.getLogger(ImportWork.class);

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final TransactionTemplate progressTransaction;
    private final LeadBulk bulk;
    private final ImportFiles files;
    private final ImportAnalysis analyser;
    private final ImportStaging staging;
    private final LeadReturns returns;
    private final LeadManagement leads;
    private final Counter finished;
    private final Counter failed;
    private final Counter rows;
    private final LeadSearchIndexing searchIndexing;

    ImportWork(
            JdbcClient jdbc,
            ObjectMapper json,
            PlatformTransactionManager transactionManager,
            LeadBulk bulk,
            ImportFiles files,
            ImportAnalysis analyser,
            ImportStaging staging,
            LeadReturns returns,
            LeadManagement leads,
            LeadSearchIndexing searchIndexing,
            MeterRegistry meters) {
        this.searchIndexing = searchIndexing;
        this.returns = returns;
        this.leads = leads;
        this.jdbc = jdbc;
        this.json = json;
        this.bulk = bulk;
        this.files = files;
        this.analyser = analyser;
        this.staging = staging;
        this.transaction = new TransactionTemplate(transactionManager);
        this.progressTransaction = new TransactionTemplate(transactionManager);
        this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // For the operator (metrics module): counted here, where an import ends; no event says so.
        this.finished = imports(meters, "finished");
        this.failed = imports(meters, "failed");
        this.rows = Counter.builder("leadbridge.import.rows")
                .description("Rows written by finished CSV imports")
                .register(meters);
    }

    private static Counter imports(MeterRegistry meters, String outcome) {
        return Counter.builder("leadbridge.imports")
                .description("CSV imports that ended, by outcome")
                .tag("outcome", outcome)
                .register(meters);
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
                StoredImport stored = StoredImport.load(jdbc, json, id);
                if (!Boolean.TRUE.equals(mine) || !stored.checking()) {
                    return;
                }
                if (stored.columns().isEmpty()) {
                    // Uploaded before files were described at upload (V21): read its encoding and header now.
                    files.describe(id);
                    stored = StoredImport.load(jdbc, json, id);
                }
                long started = System.nanoTime();
                ImportStaging.Stage stage = staging.begin(id);
                ImportAnalysis.Analysis analysis = analyser.check(id, stored, stage);
                long staged = stage.finish();
                log.info(
                        "Import {} checked: {} rows, {} staged, in {} ms",
                        id,
                        analysis.rows,
                        staged,
                        (System.nanoTime() - started) / 1_000_000);
                jdbc.sql("""
                                update lead_import set status = 'PREVIEWED', rows_total = ?, rows_valid = ?,
                                    rows_invalid = ?, problems = cast(? as jsonb), rows_existing = ?,
                                    updates = cast(? as jsonb), file_problem = ?, rows_erased = ?,
                                    analysed_at = now()
                                where tenant_id = ? and id = ? and status = 'ANALYSING'
                                """)
                        .params(
                                analysis.rows,
                                analysis.valid,
                                analysis.invalid,
                                json.writeValueAsString(analysis.problems),
                                analysis.existing,
                                json.writeValueAsString(analysis.updates),
                                analysis.fileProblem,
                                analysis.erased,
                                CurrentTenant.require(),
                                id)
                        .update();
            });
        } catch (Refusal problem) {
            fail(id, problem.messageCode());
        } catch (RuntimeException e) {
            log.error("Checking import {} failed", id, e);
            fail(id, "import.checkFailed");
        }
    }

    /** Imports in one transaction: all rows or none (or the valid ones only, when so chosen). */
    void run(long id, boolean validOnly, Actor actor) {
        run(id, validOnly, false, actor);
    }

    /**
     * The same; with {@code updateExisting} the rows for leads the workspace has update those leads ({@link
     * LeadReturns}, the leads locked for it), a chunk at a time after the chunk's new leads, all or nothing.
     */
    void run(long id, boolean validOnly, boolean updateExisting, Actor actor) {
        try {
            long imported = transaction.execute(status -> {
                // Held until this transaction ends: recovery at start-up knows the import is alive.
                jdbc.sql("select pg_advisory_xact_lock(hashtextextended('lead_import:' || ?, 0))")
                        .param(id)
                        .query(Object.class)
                        .single();
                StoredImport stored = StoredImport.load(jdbc, json, id);
                if (!stored.status().equals("RUNNING")) {
                    return -1L; // closed meanwhile (by recovery on another instance): nothing to do
                }
                // The leads' search rows are written by a background job after the commit; searches read them from
                // the backlog until then (ADR 0024): two thirds of the inserts' time was the trigram index.
                searchIndexing.deferInThisTransaction();
                if (!updateExisting && staging.staged(id, stored.stagedRows())) {
                    // The rows the check staged, written set-based (issue 21).
                    if (!validOnly && stored.invalid() > 0) {
                        throw Refusal.refused("import.invalidRows");
                    }
                    long started = System.nanoTime();
                    long staged = staging.importRows(
                            id,
                            stored.fileName(),
                            !validOnly,
                            stored.importErased(),
                            actor,
                            leads.industries(),
                            n -> progress(id, n));
                    log.info(
                            "Import {} wrote {} staged rows in {} ms",
                            id,
                            staged,
                            (System.nanoTime() - started) / 1_000_000);
                    return finish(status, id, staged, 0, false);
                }
                long[] written = {0};
                long[] updated = {0};
                ImportAnalysis.Analysis analysis = analyser.analyse(
                        id,
                        stored,
                        chunk -> {
                            bulk.create(chunk, actor, Channel.IMPORT, id, stored.fileName(), n -> {});
                            written[0] += chunk.size();
                            progress(id, written[0] + updated[0]);
                        },
                        updateExisting
                                ? chunk -> {
                                    update(chunk, actor, stored.fileName());
                                    updated[0] += chunk.size();
                                    progress(id, written[0] + updated[0]);
                                }
                                : null,
                        !validOnly);
                if (analysis.fileProblem != null) {
                    throw Refusal.refused(analysis.fileProblem);
                }
                return finish(status, id, written[0], updated[0], updateExisting);
            });
            if (imported >= 0) {
                log.info("Import {} wrote {} leads", id, imported);
                finished.increment();
                rows.increment(imported);
            }
        } catch (Refusal problem) {
            failRun(id, problem.messageCode());
        } catch (DataIntegrityViolationException race) {
            failRun(id, "import.changedMeanwhile");
        } catch (RuntimeException e) {
            log.error("Import {} failed", id, e);
            failRun(id, "import.failed");
        }
    }

    /** Closes a running import as done, deleting its file; answers the leads written, or -1 if it was closed meanwhile. */
    private long finish(TransactionStatus status, long id, long written, long updated, boolean updateExisting) {
        int done = jdbc.sql("""
                        update lead_import set status = 'DONE', imported = ?, updated = ?, rows_done = ?,
                            finished_at = now(), message = null
                        where tenant_id = ? and id = ? and status = 'RUNNING'
                        """)
                .params(written, updateExisting ? updated : null, written + updated, CurrentTenant.require(), id)
                .update();
        if (done == 0) {
            status.setRollbackOnly(); // closed meanwhile: nothing of it is kept
            return -1L;
        }
        files.forget(id);
        return written;
    }

    private void progress(long id, long done) {
        progressTransaction.executeWithoutResult(
                s -> jdbc.sql("update lead_import set rows_done = ? where tenant_id = ? and id = ?")
                        .params(done, CurrentTenant.require(), id)
                        .update());
    }

    /**
     * Updates the leads of a chunk's rows for existing leads: the leads read and locked with one look-up, each row
     * checked as the lead it makes of its lead, then written, evaluated and timelined together. A row that would break
     * its lead, or give it another lead's external id, fails the import (nothing is written).
     */
    private void update(java.util.List<ImportAnalysis.Update> chunk, Actor actor, String file) {
        java.util.Map<String, LeadReturns.Existing> existing =
                returns.byEmail(chunk.stream().map(u -> u.input().getEmail()).toList(), true);
        java.util.List<String> codes = leads.industries();
        java.util.List<LeadReturns.Return> applying = new java.util.ArrayList<>(chunk.size());
        for (ImportAnalysis.Update row : chunk) {
            LeadReturns.Existing lead = existing.get(row.input().getEmail().toLowerCase(java.util.Locale.ROOT));
            if (lead == null || lead.id() != row.leadId()) {
                throw Refusal.refused("import.changedMeanwhile");
            }
            LeadReturns.Return back = new LeadReturns.Return(lead, row.sent());
            if (!leads.codedProblems(back.merged(), codes).isEmpty()) {
                throw Refusal.refused("import.invalidRows");
            }
            applying.add(back);
        }
        java.util.Map<String, LeadReturns.Existing> holders = returns.byExternalId(applying.stream()
                .map(back -> back.merged().getExternalId())
                .filter(java.util.Objects::nonNull)
                .toList());
        for (LeadReturns.Return back : applying) {
            if (returns.externalIdTakenFrom(back.merged(), back.existing().id(), holders) != null) {
                throw Refusal.refused("import.invalidRows");
            }
        }
        returns.apply(applying, actor, Channel.IMPORT, file);
    }

    private void failRun(long id, String code) {
        fail(id, code);
        failed.increment();
    }

    /** The import ended without writing anything; its file is not needed any more. */
    void fail(long id, String code) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    update lead_import set status = 'FAILED', message = ?, finished_at = now()
                    where tenant_id = ? and id = ?
                    """).params(code, CurrentTenant.require(), id).update();
            files.forget(id);
        });
    }
}
