package io.leadbridge.criteria;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the changes of the qualified leads' day counts ({@code lead_qualified_delta}, written by the database's
 * triggers on {@code lead_evaluation}, migration V42) into the counts every few seconds, for every workspace, beside
 * the stage counts' fold (ADR 0018). Readers add counts and unfolded changes, so the figures are exact either way; the
 * fold keeps the number of rows they add small.
 */
@Component
class QualifiedCounts {

    static final int FOLD_BATCH = 50_000;
    private static final Logger log = LoggerFactory.getLogger(QualifiedCounts.class);

    private final JdbcClient jdbc;

    QualifiedCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}",
            initialDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}")
    public int fold() {
        Integer folded = jdbc.sql("select fold_lead_qualified_deltas(?)")
                .param(FOLD_BATCH)
                .query(Integer.class)
                .single();
        if (folded != null && folded >= FOLD_BATCH) {
            log.info("Qualified counts: folded {} changes, more waiting", folded);
        }
        return folded == null ? 0 : folded;
    }
}
