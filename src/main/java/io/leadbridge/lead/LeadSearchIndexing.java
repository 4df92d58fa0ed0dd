package io.leadbridge.lead;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The search index's upkeep for many leads at once (ADR 0024, ADR 0028). Every write of a lead keeps its row of {@code
 * lead_search} in its own transaction (the database's triggers, V48), except in a transaction that {@linkplain
 * #deferInThisTransaction() defers} it: an import and a batch of the intake API ({@link LeadBulk}) write their leads
 * only, and the trigger records their id ranges in {@code lead_search_backlog}. This job indexes those ranges after the
 * commit, the oldest first, as many ranges as make up about {@link #LEADS_PER_TRANSACTION} leads in one transaction
 * (V52), and deletes them from the backlog. Searches read the backlog's leads meanwhile, so they are exact throughout.
 *
 * <p>A round runs on the job's own thread ({@link SearchIndexingConfiguration}): the scheduler's tick only hands it over,
 * and only when no round is running, so a long round under a large backlog holds up neither the scheduler's threads
 * (the SLA watch, the other jobs) nor a queue of rounds behind it.
 */
@Component
class LeadSearchIndexing {

    private static final Logger log = LoggerFactory.getLogger(LeadSearchIndexing.class);

    /**
     * About how many leads one transaction of the job indexes: one import statement's range, or some forty batches'
     * (at least one range, however large).
     */
    static final int LEADS_PER_TRANSACTION = 20_000;

    /** The most transactions one round runs; more wait for the next round. */
    static final int TRANSACTIONS_PER_ROUND = 100;

    private final JdbcClient jdbc;
    private final TaskExecutor rounds;
    private final AtomicBoolean roundRunning = new AtomicBoolean();

    LeadSearchIndexing(JdbcClient jdbc, @Qualifier(SearchIndexingConfiguration.ROUNDS) TaskExecutor rounds) {
        this.jdbc = jdbc;
        this.rounds = rounds;
    }

    /**
     * The leads this transaction inserts from now on are indexed by the job after the commit, not by their insert.
     * Must run inside a transaction (the setting is the transaction's own).
     */
    void deferInThisTransaction() {
        jdbc.sql("select set_config('leadbridge.defer_lead_search', 'on', true)")
                .query(String.class)
                .single();
    }

    /**
     * The scheduler's tick: hands a round of {@link #indexBacklog} to the job's thread, unless one is running (then it
     * leaves it; the next tick comes {@code index-interval} later). Returns at once; answers whether it started a round.
     */
    @Scheduled(
            fixedDelayString = "${leadbridge.lead-search.index-interval:PT2S}",
            initialDelayString = "${leadbridge.lead-search.index-interval:PT2S}")
    public boolean startRound() {
        if (!roundRunning.compareAndSet(false, true)) {
            return false;
        }
        try {
            rounds.execute(() -> {
                try {
                    indexBacklog();
                } catch (RuntimeException e) {
                    log.error("Indexing the search backlog failed; the next round tries again", e);
                } finally {
                    roundRunning.set(false);
                }
            });
            return true;
        } catch (TaskRejectedException e) {
            // The application is stopping.
            roundRunning.set(false);
            return false;
        }
    }

    /**
     * Indexes the backlog's ranges (all workspaces, oldest first; one instance at a time, the function's advisory lock
     * sees to that), about {@link #LEADS_PER_TRANSACTION} leads' ranges per transaction, up to {@link
     * #TRANSACTIONS_PER_ROUND} transactions, fewer when the thread is interrupted (the application stops). Answers how
     * many leads were indexed.
     */
    public long indexBacklog() {
        long all = 0;
        for (int round = 0;
                round < TRANSACTIONS_PER_ROUND && !Thread.currentThread().isInterrupted();
                round++) {
            Integer indexed = jdbc.sql("select index_lead_search_backlog(?)")
                    .param(LEADS_PER_TRANSACTION)
                    .query(Integer.class)
                    .single();
            if (indexed == null || indexed < 0) {
                break;
            }
            all += indexed;
        }
        if (all > 0) {
            log.info("Indexed {} imported or batched leads for search", all);
        }
        return all;
    }
}
