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

    /**
     * Files whose check waits on no instance (queued on one that stopped, or beyond the slots at the last round) are
     * queued again every two minutes; a check running elsewhere holds its lock and is left alone.
     */
    @Scheduled(fixedDelayString = "PT2M", initialDelayString = "PT2M")
    public void requeueChecks() {
        jdbc.sql("select tenant_id, id from running_background_work() where kind = 'IMPORT_CHECK'")
                .query((rs, row) -> new Object[] {rs.getObject("tenant_id", UUID.class), rs.getLong("id")})
                .list()
                .forEach(waiting -> imports.recover((UUID) waiting[0], (Long) waiting[1], true));
    }

    /** How long an uploaded file waits to be imported before its preview is closed and the file deleted. */
    static final Duration KEPT_UNCONFIRMED = Duration.ofDays(7);

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
            log.info("Closed {} import previews nobody confirmed within {} days", closed, KEPT_UNCONFIRMED.toDays());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        jdbc.sql("select kind, tenant_id, id from running_background_work() where kind in ('IMPORT', 'IMPORT_CHECK')")
                .query((rs, row) -> new Object[] {
                    rs.getObject("tenant_id", UUID.class),
                    rs.getLong("id"),
                    rs.getString("kind").equals("IMPORT_CHECK")
                })
                .list()
                .forEach(running -> imports.recover((UUID) running[0], (Long) running[1], (Boolean) running[2]));
    }
}
