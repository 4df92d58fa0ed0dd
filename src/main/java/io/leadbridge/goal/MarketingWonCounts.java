package io.leadbridge.goal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the changes of the won-from-marketing day counts ({@code marketing_won_day_delta}, written by this module's
 * triggers on {@code lead} and {@code handoff}, migration V46) into the counts every few seconds, for every workspace,
 * beside the other day counts' folds (ADR 0018, 0020). The scoreboard adds counts and unfolded changes, so its numbers
 * are exact either way; the fold keeps the number of rows it adds small.
 */
@Component
class MarketingWonCounts {

    static final int FOLD_BATCH = 50_000;
    private static final Logger log = LoggerFactory.getLogger(MarketingWonCounts.class);

    private final JdbcClient jdbc;

    MarketingWonCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}",
            initialDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}")
    public int fold() {
        Integer folded = jdbc.sql("select fold_marketing_won_deltas(?)")
                .param(FOLD_BATCH)
                .query(Integer.class)
                .single();
        if (folded != null && folded >= FOLD_BATCH) {
            log.info("Won-from-marketing day counts: folded {} changes, more waiting", folded);
        }
        return folded == null ? 0 : folded;
    }
}
