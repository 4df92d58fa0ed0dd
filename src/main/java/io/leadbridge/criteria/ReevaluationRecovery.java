package io.leadbridge.criteria;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * At start-up, runs again the re-evaluations that were running when the application stopped (no heartbeat for
 * {@link #STALE}); a run alive on another instance keeps beating and is left alone.
 */
@Component
class ReevaluationRecovery {

    static final Duration STALE = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(ReevaluationRecovery.class);

    private final JdbcClient jdbc;
    private final Reevaluation reevaluation;
    private final Clock clock;

    ReevaluationRecovery(JdbcClient jdbc, Reevaluation reevaluation, Clock clock) {
        this.jdbc = jdbc;
        this.reevaluation = reevaluation;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recover() {
        recover(STALE);
    }

    int recover(Duration stale) {
        Timestamp before = Timestamp.from(clock.instant().minus(stale));
        var interrupted = jdbc.sql("""
                        select tenant_id, id, version_id from running_background_work()
                        where kind = 'REEVALUATION' and heartbeat_at < ?
                        """)
                .param(before)
                .query((rs, row) ->
                        new Object[] {rs.getObject("tenant_id", UUID.class), rs.getLong("id"), rs.getLong("version_id")
                        })
                .list();
        for (Object[] run : interrupted) {
            log.info("Resuming interrupted re-evaluation {}", run[1]);
            reevaluation.resume((UUID) run[0], (Long) run[1], (Long) run[2]);
        }
        return interrupted.size();
    }
}
