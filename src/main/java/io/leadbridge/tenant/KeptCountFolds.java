package io.leadbridge.tenant;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Folds the deltas of every {@link KeptCount} the modules declare into their counts every few seconds, for every
 * workspace, each in a statement of its own (outside any workspace's scope: the owner's function does it). Readers add
 * counts and unfolded deltas, so the figures are exact either way; the fold keeps the number of rows they add small.
 */
@Component
public class KeptCountFolds {

    /** The most deltas one function folds in one round; more wait for the next. */
    static final int FOLD_BATCH = 50_000;

    private static final Logger log = LoggerFactory.getLogger(KeptCountFolds.class);

    private final JdbcClient jdbc;
    private final List<KeptCount> counts;

    KeptCountFolds(JdbcClient jdbc, List<KeptCount> counts) {
        this.jdbc = jdbc;
        this.counts = List.copyOf(counts);
    }

    /** One round over every kept count; returns how many deltas were folded in all. */
    @Scheduled(
            fixedDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}",
            initialDelayString = "${leadbridge.stage-counts.fold-interval:PT5S}")
    public int fold() {
        int all = 0;
        for (KeptCount count : counts) {
            Integer folded = jdbc.sql("select " + count.foldFunction() + "(?)")
                    .param(FOLD_BATCH)
                    .query(Integer.class)
                    .single();
            int n = folded == null ? 0 : folded;
            if (n >= FOLD_BATCH) {
                log.info("{}: folded {} changes, more waiting", count.label(), n);
            }
            all += n;
        }
        return all;
    }
}
