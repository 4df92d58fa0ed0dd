package io.leadbridge.lead;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the imports' background work going across stops and instances (see {@link LeadImports}): at start-up closes the
 * imports that were running when the application stopped; queues again the checks nobody is doing; deletes the files
 * nobody needs any more.
 */
@Component
class ImportRecovery {

    private static final Logger log = LoggerFactory.getLogger(ImportRecovery.class);

    private final JdbcClient jdbc;
    private final LeadImports imports;
    private final Clock clock;

    ImportRecovery(JdbcClient jdbc, LeadImports imports, Clock clock) {
        this.jdbc = jdbc;
        this.imports = imports;
        this.clock = clock;
    }

    /** How long an import's heartbeat may be silent before it counts as its instance's, dead. */
    static final Duration STALE = Duration.ofMinutes(2);

    /**
     * Every two minutes: files whose check waits on no instance (queued on one that stopped, or beyond the slots at the
     * last round) are queued again, and imports whose instance died (no heartbeat for {@link #STALE}) are closed as
     * failed; a check or import running elsewhere holds its lock, and one waiting in a live instance's queue keeps
     * beating, and either is left alone.
     */
    @Scheduled(fixedDelayString = "PT2M", initialDelayString = "PT2M")
    public void requeueChecks() {
        recover(java.util.List.of("IMPORT_CHECK"), Duration.ZERO);
        recover(java.util.List.of("IMPORT"), STALE);
    }

    private void recover(java.util.List<String> kinds, Duration stale) {
        jdbc.sql("""
                        select kind, tenant_id, id from running_background_work()
                        where kind = any(?) and heartbeat_at <= ?
                        """)
                .params(
                        kinds.toArray(String[]::new),
                        java.sql.Timestamp.from(clock.instant().minus(stale)))
                .query((rs, row) -> new Object[] {
                    rs.getObject("tenant_id", UUID.class),
                    rs.getLong("id"),
                    rs.getString("kind").equals("IMPORT_CHECK")
                })
                .list()
                .forEach(waiting -> imports.recover((UUID) waiting[0], (Long) waiting[1], (Boolean) waiting[2]));
    }

    /**
     * How long an uploaded file waits to be imported (or for its check) before its preview is closed and the file
     * deleted: a day (issue 20, an uploaded file is personal data that must not outlive its use).
     */
    static final Duration KEPT_UNCONFIRMED = Duration.ofDays(1);

    /**
     * Deletes the files of imports that ended, and closes previews nobody confirmed within {@link #KEPT_UNCONFIRMED}
     * (with their files): an uploaded file does not stay in the database for good. Several instances may do this at
     * once.
     */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetStaleFiles() {
        Integer closed = jdbc.sql("select forget_stale_import_files(?)")
                .param(java.sql.Timestamp.from(clock.instant().minus(KEPT_UNCONFIRMED)))
                .query(Integer.class)
                .single();
        if (closed != null && closed > 0) {
            log.info("Closed {} import previews nobody confirmed within {}", closed, KEPT_UNCONFIRMED);
        }
    }

    /**
     * At start-up: the checks waiting on no instance are queued again, and the imports whose instance is gone are
     * closed (this instance's own, from before its stop, once their heartbeat is {@link #STALE}: at a later round).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        requeueChecks();
    }
}
