package io.leadbridge.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the changes of the handoffs' day counts ({@code handoff_day_delta}, written by the database's
 * triggers on {@code handoff}, migration V42) into the counts every few seconds, for every workspace, beside
 * the stage counts' fold (ADR 0018). Readers add counts and unfolded changes, so the figures are exact either way; the
 * fold keeps the number of rows they add small.
 */
@Component
class HandoffCounts {

    static final int FOLD_BATCH = 50_000;
    private static final Logger log = LoggerFactory.getLogger(HandoffCounts.class);

    private final JdbcClient jdbc;

    HandoffCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}",
            initialDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}")
    public int fold() {
        Integer folded = jdbc.sql("select fold_handoff_day_deltas(?)")
                .param(FOLD_BATCH)
                .query(Integer.class)
                .single();
        if (folded != null && folded >= FOLD_BATCH) {
            log.info("Handoff day counts: folded {} changes, more waiting", folded);
        }
        return folded == null ? 0 : folded;
    }
}
