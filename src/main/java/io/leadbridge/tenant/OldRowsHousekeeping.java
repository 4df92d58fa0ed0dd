package io.leadbridge.tenant;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets the rows of every {@link OldRows} the modules declare once they are older than what each keeps, every hour,
 * on each instance (deleting twice deletes nothing twice). Each call deletes at most {@link #PER_CALL} rows in its own
 * statement, and a round calls again while a call found a full batch, up to {@link #CALLS_PER_ROUND} times: a table
 * that grew faster than that catches up over the next rounds, and no round holds a lock or a transaction for long.
 */
@Component
public class OldRowsHousekeeping {

    static final int PER_CALL = 10_000;
    static final int CALLS_PER_ROUND = 100;

    private static final Logger log = LoggerFactory.getLogger(OldRowsHousekeeping.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<OldRows> tables;

    OldRowsHousekeeping(JdbcClient jdbc, Clock clock, List<OldRows> tables) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tables = List.copyOf(tables);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${leadbridge.housekeeping.initial-delay:PT5M}")
    void forget() {
        forgetAsOf(clock.instant());
    }

    /** One round as if it were {@code now}; returns how many rows were forgotten in all. */
    public int forgetAsOf(Instant now) {
        int all = 0;
        for (OldRows rows : tables) {
            Timestamp before = Timestamp.from(now.minus(rows.keep()));
            int forgotten = 0;
            for (int call = 0; call < CALLS_PER_ROUND; call++) {
                Integer deleted = jdbc.sql("select " + rows.forgetFunction() + "(?, ?)")
                        .params(before, PER_CALL)
                        .query(Integer.class)
                        .single();
                int n = deleted == null ? 0 : deleted;
                forgotten += n;
                if (n < PER_CALL) {
                    break;
                }
            }
            if (forgotten > 0) {
                log.info("{}: {} forgotten (kept {})", rows.label(), forgotten, rows.keep());
            }
            all += forgotten;
        }
        return all;
    }
}
