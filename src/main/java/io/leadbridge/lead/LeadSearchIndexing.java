package io.leadbridge.lead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    LeadSearchIndexing(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
     * Indexes the backlog's ranges (all workspaces, oldest first; one instance at a time, the function's advisory lock
     * sees to that), about {@link #LEADS_PER_TRANSACTION} leads' ranges per transaction. Answers how many leads were
     * indexed.
     */
    @Scheduled(
            fixedDelayString = "${leadbridge.lead-search.index-interval:PT2S}",
            initialDelayString = "${leadbridge.lead-search.index-interval:PT2S}")
    public long indexBacklog() {
        long all = 0;
        for (int round = 0; round < TRANSACTIONS_PER_ROUND; round++) {
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
