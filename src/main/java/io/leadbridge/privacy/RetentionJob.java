package io.leadbridge.privacy;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs each workspace's retention when it is due, safely with several instances: an instance claims a workspace's run
 * by moving its {@code next_run_at} on with a conditional update (of instances that saw the same due run, one wins),
 * then anonymises in batches of {@link #BATCH} leads, each in a transaction of its own that locks its leads with
 * {@code SKIP LOCKED}, anonymises them through every module's {@link PersonalData} (as an erasure does) and appends
 * their ids to the run's log entry. A lead anonymised once no longer matches, so no lead is anonymised twice.
 */
@Component
class RetentionJob {

    static final int BATCH = 500;

    /** At most this many batches per run (100,000 leads); what is left waits for the next day's run. */
    static final int MAX_BATCHES = 200;

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final JdbcClient jdbc;
    private final RetentionCandidates candidates;
    private final PrivacyManagement privacy;
    private final Formats formats;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final int batch;

    @Autowired
    RetentionJob(
            JdbcClient jdbc,
            RetentionCandidates candidates,
            PrivacyManagement privacy,
            Formats formats,
            Clock clock,
            PlatformTransactionManager transactions) {
        this(jdbc, candidates, privacy, formats, clock, transactions, BATCH);
    }

    RetentionJob(
            JdbcClient jdbc,
            RetentionCandidates candidates,
            PrivacyManagement privacy,
            Formats formats,
            Clock clock,
            PlatformTransactionManager transactions,
            int batch) {
        this.jdbc = jdbc;
        this.candidates = candidates;
        this.privacy = privacy;
        this.formats = formats;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.batch = Math.max(1, Math.min(batch, BATCH));
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.retention.check-interval:PT5M}",
            initialDelayString = "${leadbridge.retention.initial-delay:PT2M}")
    void sweep() {
        int anonymised = sweep(clock.instant());
        if (anonymised > 0) {
            log.info("Retention: {} leads anonymised", anonymised);
        }
    }

    /** Runs every workspace's retention that is due at {@code now}; answers how many leads this instance anonymised. */
    int sweep(Instant now) {
        List<UUID> workspaces = jdbc.sql("select workspaces_due_for_retention(?)")
                .param(Timestamp.from(now))
                .query(UUID.class)
                .list();
        int anonymised = 0;
        for (UUID workspace : workspaces) {
            anonymised += CurrentTenant.callAs(workspace, () -> runIfClaimed(now));
        }
        return anonymised;
    }

    private record Claim(long runId, Instant untouchedSince) {}

    private int runIfClaimed(Instant now) {
        Claim claim = transaction.execute(status -> claim(now));
        return claim == null ? 0 : anonymise(claim.runId(), claim.untouchedSince());
    }

    /** Moves the due run's {@code next_run_at} on, if no other instance did, and opens its log entry. */
    private Claim claim(Instant now) {
        var tenant = CurrentTenant.require();
        record Due(int months, LocalTime runAt, Timestamp nextRunAt) {}
        Due due = jdbc.sql("""
                        select months, run_at, next_run_at from retention_setting
                        where tenant_id = ? and enabled and next_run_at <= ?
                        """)
                .params(tenant, Timestamp.from(now))
                .query((rs, n) -> new Due(rs.getInt(1), rs.getObject(2, LocalTime.class), rs.getTimestamp(3)))
                .optional()
                .orElse(null);
        if (due == null) {
            return null;
        }
        ZoneId zone = formats.zone();
        int claimed = jdbc.sql("""
                        update retention_setting set next_run_at = ?
                        where tenant_id = ? and enabled and next_run_at = ?
                        """)
                .params(Timestamp.from(RetentionManagement.nextRun(due.runAt(), zone, now)), tenant, due.nextRunAt())
                .update();
        if (claimed == 0) {
            return null;
        }
        long runId = jdbc.sql("insert into retention_run (tenant_id, ran_at, months) values (?, ?, ?) returning id")
                .params(tenant, Timestamp.from(now), due.months())
                .query(Long.class)
                .single();
        return new Claim(runId, RetentionManagement.untouchedSince(now, due.months(), zone));
    }

    /**
     * Anonymises the leads untouched since the moment, a batch per transaction, logging their ids in the run's entry.
     */
    int anonymise(long runId, Instant untouchedSince) {
        int total = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            Integer done = transaction.execute(status -> {
                List<Long> ids = candidates.lock(untouchedSince, batch);
                if (ids.isEmpty()) {
                    return 0;
                }
                privacy.anonymise(new LinkedHashSet<>(ids));
                jdbc.sql("""
                                update retention_run set leads = leads + ?, lead_ids = lead_ids || ?
                                where tenant_id = ? and id = ?
                                """)
                        .params(ids.size(), ids.toArray(Long[]::new), CurrentTenant.require(), runId)
                        .update();
                return ids.size();
            });
            total += done;
            if (done < batch) {
                break;
            }
        }
        return total;
    }
}
