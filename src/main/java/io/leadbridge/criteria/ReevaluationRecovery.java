package io.leadbridge.criteria;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs again the re-evaluations whose instance stopped or died while they ran (no heartbeat for {@link #STALE}): at
 * start-up, and every minute, so that a surviving instance takes over a dead one's run. A run alive on any instance
 * keeps beating and is left alone; of several instances finding the same stale run, one resumes it ({@link
 * Reevaluation#resume}).
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

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void takeOverStaleRuns() {
        recover(STALE);
    }

    /** Resumes the runs without a heartbeat for {@code stale}: the ids of those this instance resumed. */
    List<Long> recover(Duration stale) {
        Instant before = clock.instant().minus(stale);
        var interrupted = jdbc.sql("""
                        select tenant_id, id, version_id from running_background_work()
                        where kind = 'REEVALUATION' and heartbeat_at < ?
                        """)
                .param(Timestamp.from(before))
                .query((rs, row) ->
                        new Object[] {rs.getObject("tenant_id", UUID.class), rs.getLong("id"), rs.getLong("version_id")
                        })
                .list();
        List<Long> resumed = new ArrayList<>();
        for (Object[] run : interrupted) {
            if (reevaluation.resume((UUID) run[0], (Long) run[1], (Long) run[2], before)) {
                log.info("Resuming interrupted re-evaluation {}", run[1]);
                resumed.add((Long) run[1]);
            }
        }
        return resumed;
    }
}
