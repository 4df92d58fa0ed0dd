package io.leadbridge.criteria;

import io.leadbridge.agreement.Status;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-evaluates all leads of a workspace after a criteria version became active: in the background, in batches of
 * {@link #BATCH} leads (each batch its own short transaction, so nobody waits on long locks), with its progress
 * recorded for the criteria page. A run stops early when a newer version became active meanwhile (that version's
 * own run takes over).
 */
@Component
class Reevaluation {

    static final int BATCH = 5_000;

    private volatile int batchSize = BATCH;
    private static final Logger log = LoggerFactory.getLogger(Reevaluation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;
    /**
     * The runs this instance has queued or is running, with their workspace: their heartbeat goes on while they wait
     * in the queue ({@link #beat}), so no other instance takes them over. Bounded by the executor's queue.
     */
    private final Map<Long, UUID> held = new java.util.concurrent.ConcurrentHashMap<>();

    @Autowired
    @Lazy
    private CriteriaManagement criteria;

    Reevaluation(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Qualifier(ReevaluationConfiguration.EXECUTOR) TaskExecutor executor) {
        this.jdbc = jdbc;
        this.executor = executor;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Called after the activating transaction committed: records the run in a transaction of its own. */
    void start(UUID tenantId, long versionId) {
        TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        long runId = CurrentTenant.callAs(
                tenantId,
                () -> own.execute(status -> jdbc.sql("""
                        insert into criteria_reevaluation (tenant_id, version_id, status, total)
                        values (?, ?, 'RUNNING', (select count(*) from lead_record where tenant_id = ?))
                        returning id
                        """)
                        .params(tenantId, versionId, tenantId)
                        .query(Long.class)
                        .single()));
        queue(tenantId, runId, versionId);
    }

    /**
     * Starts again, from the first lead, a run that stopped without finishing (its instance stopped or died while it
     * ran): claims it first, so that of several instances finding it at once only one resumes it — the one whose update
     * still finds its heartbeat older than {@code staleBefore}. Whether this instance resumed it.
     */
    boolean resume(UUID tenantId, long runId, long versionId, Instant staleBefore) {
        Integer claimed = CurrentTenant.callAs(
                tenantId,
                () -> transaction.execute(status -> jdbc.sql("""
                                update criteria_reevaluation set done = 0, heartbeat_at = now()
                                where tenant_id = ? and id = ? and status = 'RUNNING' and heartbeat_at < ?
                                """)
                        .params(tenantId, runId, java.sql.Timestamp.from(staleBefore))
                        .update()));
        if (claimed == null || claimed == 0) {
            return false;
        }
        queue(tenantId, runId, versionId);
        return true;
    }

    /** Queues the run on the re-evaluations' thread; when the queue is full it waits for the next start's recovery. */
    private void queue(UUID tenantId, long runId, long versionId) {
        held.put(runId, tenantId);
        try {
            executor.execute(() -> {
                try {
                    CurrentTenant.runAs(tenantId, () -> run(runId, versionId));
                } finally {
                    held.remove(runId);
                }
            });
        } catch (TaskRejectedException full) {
            held.remove(runId);
            log.warn("Re-evaluation {} not queued, the queue is full: a later round of recovery resumes it", runId);
        }
    }

    /**
     * Every 30 seconds: the heartbeat of the runs this instance holds, also those still waiting in its queue, so that
     * only a run whose instance is gone looks stale ({@link ReevaluationRecovery#STALE}).
     */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void beat() {
        Map<UUID, List<Long>> byTenant = new java.util.HashMap<>();
        held.forEach((run, tenant) -> byTenant.computeIfAbsent(tenant, t -> new java.util.ArrayList<>())
                .add(run));
        byTenant.forEach((tenant, runs) -> CurrentTenant.runAs(
                tenant,
                () -> transaction.executeWithoutResult(
                        status -> jdbc.sql("update criteria_reevaluation set heartbeat_at = now()"
                                        + " where tenant_id = ? and id = any(?) and status = 'RUNNING'")
                                .params(tenant, runs.toArray(Long[]::new))
                                .update())));
    }

    /** Runs a re-evaluation to its end on the calling thread (the tenant must be in scope). */
    void run(long runId, long versionId) {
        try {
            CriteriaManagement.Version version = transaction.execute(status -> criteria.version(versionId));
            long after = 0;
            while (true) {
                long from = after;
                List<Long> ids = retryOnDeadlock(() -> transaction.execute(status -> {
                    if (Status.ACTIVE
                            != Status.valueOf(jdbc.sql(
                                            "select status from agreement_version_record where tenant_id = ? and id = ?")
                                    .params(CurrentTenant.require(), versionId)
                                    .query(String.class)
                                    .single())) {
                        return List.<Long>of();
                    }
                    List<Long> batch = jdbc.sql(
                                    "select id from lead_record where tenant_id = ? and id > ? order by id limit ?")
                            .params(CurrentTenant.require(), from, batchSize)
                            .query(Long.class)
                            .list();
                    if (!batch.isEmpty()) {
                        criteria.evaluate(
                                versionId,
                                version.criteria(),
                                "l.id between :from and :to",
                                Map.of("from", batch.get(0), "to", batch.get(batch.size() - 1)));
                        jdbc.sql("update criteria_reevaluation set done = least(total, done + ?), heartbeat_at = now()"
                                        + " where tenant_id = ? and id = ?")
                                .params(batch.size(), CurrentTenant.require(), runId)
                                .update();
                    }
                    return batch;
                }));
                if (ids.isEmpty()) {
                    break;
                }
                after = ids.get(ids.size() - 1);
            }
            finish(runId, "DONE");
        } catch (RuntimeException e) {
            log.error("Re-evaluation {} failed", runId, e);
            finish(runId, "FAILED");
        }
    }

    /**
     * Runs a batch again when PostgreSQL chose it as the loser of a deadlock (another bulk evaluation of the same
     * leads, e.g. an import, wrote them in another order); the batch's transaction was rolled back, so it is whole.
     */
    static <T> T retryOnDeadlock(java.util.function.Supplier<T> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return batch.get();
            } catch (org.springframework.dao.PessimisticLockingFailureException deadlock) {
                if (attempt == 3) {
                    throw deadlock;
                }
                log.warn("Re-evaluation batch lost a deadlock; running it again ({})", attempt);
            }
        }
    }

    private void finish(long runId, String status) {
        transaction.executeWithoutResult(s -> jdbc.sql("""
                        update criteria_reevaluation set status = ?, finished_at = now(),
                            done = case when ? = 'DONE' then total else done end
                        where tenant_id = ? and id = ?
                        """)
                .params(status, status, CurrentTenant.require(), runId)
                .update());
    }

    Optional<ReevaluationProgress> latest() {
        return jdbc.sql("""
                        select r.id, v.number, r.status, r.total, r.done, r.started_at, r.finished_at
                        from criteria_reevaluation r
                        join agreement_version_record v on v.tenant_id = r.tenant_id and v.id = r.version_id
                        where r.tenant_id = ? order by r.started_at desc, r.id desc limit 1
                        """)
                .param(CurrentTenant.require())
                .query((rs, row) -> new ReevaluationProgress(
                        rs.getLong("id"),
                        rs.getInt("number"),
                        rs.getString("status"),
                        rs.getInt("total"),
                        rs.getInt("done"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null
                                ? null
                                : rs.getTimestamp("finished_at").toInstant()))
                .optional();
    }

    /** Smaller batches, so tests see several. */
    void batchSize(int size) {
        this.batchSize = size;
    }
}
