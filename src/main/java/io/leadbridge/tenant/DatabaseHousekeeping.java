package io.leadbridge.tenant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, says so when the PostgreSQL server does not vacuum on its own. LeadBridge writes rows that are soon dead
 * all day (the stage-count deltas are inserted and folded away every few seconds; a criteria change rewrites every
 * lead's evaluation); without autovacuum the visibility map is never set again and the index-only scans behind the
 * lead list's counts visit the table for every dead row (measured: the filtered list at a tenth of its speed after
 * three re-evaluations of a million leads).
 */
@Component
class DatabaseHousekeeping {

    static final String AUTOVACUUM_OFF =
            "PostgreSQL runs with autovacuum off: LeadBridge's pages slow down as dead rows"
                    + " pile up (stage-count deltas, re-evaluations). Turn it on (autovacuum = on in postgresql.conf)"
                    + " or vacuum the database regularly.";

    private static final Logger log = LoggerFactory.getLogger(DatabaseHousekeeping.class);

    private final JdbcClient jdbc;

    DatabaseHousekeeping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the server vacuums on its own. */
    boolean autovacuum() {
        return "on"
                .equals(jdbc.sql("select current_setting('autovacuum')")
                        .query(String.class)
                        .single());
    }

    @EventListener(ApplicationReadyEvent.class)
    public void check() {
        if (!autovacuum()) {
            log.warn(AUTOVACUUM_OFF);
        }
    }
}
