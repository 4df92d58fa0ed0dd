package io.leadbridge.lead;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The search index's upkeep for imports (ADR 0024). Every write of a lead keeps its row of {@code lead_search} in its
 * own transaction (the database's triggers, V48), except in a transaction that {@linkplain #deferInThisTransaction()
 * defers} it: an import writes its leads only, and the trigger records their id ranges in {@code lead_search_backlog}.
 * This job indexes those ranges after the commit, one range (at most one insert statement's leads) per transaction,
 * and deletes them from the backlog. Searches read the backlog's leads meanwhile, so they are exact throughout.
 */
@Component
class LeadSearchIndexing {

    private static final Logger log = LoggerFactory.getLogger(LeadSearchIndexing.class);

    /** The most ranges one round indexes; more wait for the next round. */
    static final int RANGES_PER_ROUND = 100;

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
     * sees to that), each in a transaction of its own. Answers how many leads were indexed.
     */
    @Scheduled(
            fixedDelayString = "${leadbridge.lead-search.index-interval:PT2S}",
            initialDelayString = "${leadbridge.lead-search.index-interval:PT2S}")
    public long indexBacklog() {
        long all = 0;
        for (int round = 0; round < RANGES_PER_ROUND; round++) {
            Integer indexed = jdbc.sql("select index_lead_search_backlog()")
                    .query(Integer.class)
                    .single();
            if (indexed == null || indexed < 0) {
                break;
            }
            all += indexed;
        }
        if (all > 0) {
            log.info("Indexed {} imported leads for search", all);
        }
        return all;
    }
}
