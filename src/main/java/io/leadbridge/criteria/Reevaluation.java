package io.leadbridge.criteria;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.leadbridge.agreement.Status;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-evaluates all leads of a workspace after a criteria version became active: in the background, on one thread (so
 * it never holds more than one of the pool's connections), walking the leads in the order of their ids in batches of
 * about {@link #BATCH_TIME} each, {@link #BUSY_BATCH_TIME} while pages are being answered (each batch its own short
 * transaction, so nobody waits on long locks), writing only the
 * evaluations whose outcome changes, with its progress recorded for the criteria page. Between batches it gives way to
 * the pages ({@link #yieldToPages}). A run stops early when a newer version became active meanwhile (that version's own
 * run takes over).
 *
 * <p>An evaluation the run leaves as it was keeps the version that last changed it; once the run has passed the lead
 * ({@code through_lead_id}, or the run is done) it fares under the active version as it says ({@link
 * CriteriaManagement#evaluationOf}).
 */
@Component
class Reevaluation {

    /** The first batch's size; the next ones are sized to take about {@link #BATCH_TIME} each. */
    static final int BATCH = 5_000;

    static final int MIN_BATCH = 500;
    static final int MAX_BATCH = 50_000;
    static final Duration BATCH_TIME = Duration.ofMillis(50);
    /**
     * A batch's time while pages are being answered: short next to a page's own time (a page of 40 ms overlaps several
     * short batches and their pauses, and sees the run's average share, not a whole long batch). 10 ms left the queue's
     * p99 at 2.7 × its p50 during a run (issue 21's benchmark, run 10).
     */
    static final Duration BUSY_BATCH_TIME = Duration.ofMillis(5);

    static final Duration MAX_PAUSE = Duration.ofMillis(500);

    private volatile int batchSize = BATCH;
    private volatile boolean fixedSize = false;
    private static final Logger log = LoggerFactory.getLogger(Reevaluation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TaskExecutor executor;
    /**
     * The runs this instance has queued or is running, with their workspace: their heartbeat goes on while they wait
     * in the queue ({@link #beat}), so no other instance takes them over. Bounded by the executor's queue.
     */
    private final Map<Long, UUID> held = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * CriteriaManagement starts the runs, so it is made after this one: asked for when a run needs it. A provider, not
     * a {@code @Lazy} proxy: with Spring AOT (docs/adr/0033) a lazy proxy of a class clashes with the class's own
     * proxy generated at build time.
     */
    private final ObjectProvider<CriteriaManagement> criteria;

    private final Pool pool;

    Reevaluation(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            @Qualifier(ReevaluationConfiguration.EXECUTOR) TaskExecutor executor,
            DataSource dataSource,
            ObjectProvider<CriteriaManagement> criteria) {
        this.jdbc = jdbc;
        this.criteria = criteria;
        this.executor = executor;
        this.pool = Pool.of(dataSource);
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
     * Goes on with a run that stopped without finishing (its instance stopped or died while it ran), after the last lead
     * it had evaluated: claims it first, so that of several instances finding it at once only one resumes it — the one whose update
     * still finds its heartbeat older than {@code staleBefore}. Whether this instance resumed it.
     */
    boolean resume(UUID tenantId, long runId, long versionId, Instant staleBefore) {
        Integer claimed = CurrentTenant.callAs(
                tenantId,
                () -> transaction.execute(status -> jdbc.sql("""
                                update criteria_reevaluation set heartbeat_at = now()
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

    /**
     * Runs a re-evaluation to its end on the calling thread (the tenant must be in scope), from the lead after the last
     * one it had evaluated (a resumed run goes on where it stopped).
     */
    void run(long runId, long versionId) {
        try {
            CriteriaManagement.Version version =
                    transaction.execute(status -> criteria.getObject().version(versionId));
            CriteriaSql sql = new CriteriaSql(version.criteria(), "c_");
            String statement = REEVALUATE.formatted(sql.bits());
            CriteriaSql.Outcomes outcomes = sql.outcomes();
            long after = transaction.execute(status -> jdbc.sql(
                            "select coalesce(through_lead_id, 0) from criteria_reevaluation where tenant_id = ? and id = ?")
                    .params(CurrentTenant.require(), runId)
                    .query(Long.class)
                    .single());
            int size = batchSize;
            long leads = 0, changed = 0, batches = 0, working = 0, started = System.nanoTime();
            while (true) {
                long from = after;
                int limit = size;
                long batchStarted = System.nanoTime();
                long[] batch = retryOnDeadlock(() -> transaction.execute(status -> {
                    // A batch lost in a crash is evaluated again at the resumption: no need to wait for the disk.
                    jdbc.sql("set local synchronous_commit = off").update();
                    if (Status.ACTIVE
                            != Status.valueOf(jdbc.sql(
                                            "select status from agreement_version_record where tenant_id = ? and id = ?")
                                    .params(CurrentTenant.require(), versionId)
                                    .query(String.class)
                                    .single())) {
                        return new long[] {0, from, 0};
                    }
                    long[] range = jdbc.sql("""
                                    select count(*), coalesce(max(id), ?) from (
                                        select id from lead_record where tenant_id = ? and id > ? order by id limit ?
                                    ) batch
                                    """)
                            .params(from, CurrentTenant.require(), from, limit)
                            .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                            .single();
                    if (range[0] == 0) {
                        return new long[] {0, from, 0};
                    }
                    long written = jdbc.sql(statement)
                            .param("tenant", CurrentTenant.require())
                            .param("versionId", versionId)
                            .param("after", from)
                            .param("through", range[1])
                            .param("qualified", outcomes.qualified())
                            .param("scores", outcomes.score())
                            .param("mets", outcomes.met())
                            .params(sql.parameters)
                            .query(Long.class)
                            .single();
                    jdbc.sql("update criteria_reevaluation set done = least(total, done + ?), through_lead_id = ?,"
                                    + " heartbeat_at = now() where tenant_id = ? and id = ?")
                            .params(range[0], range[1], CurrentTenant.require(), runId)
                            .update();
                    return new long[] {range[0], range[1], written};
                }));
                if (batch[0] == 0) {
                    break;
                }
                after = batch[1];
                leads += batch[0];
                changed += batch[2];
                batches++;
                long took = System.nanoTime() - batchStarted;
                working += took;
                boolean busy = yieldToPages(took);
                size = nextSize(size, took, busy);
            }
            finish(runId, "DONE");
            log.info(
                    "Re-evaluation {}: {} leads in {} batches, {} changed, in {} ms ({} ms in batches, the rest giving way)",
                    runId,
                    leads,
                    batches,
                    changed,
                    (System.nanoTime() - started) / 1_000_000,
                    working / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Re-evaluation {} failed", runId, e);
            finish(runId, "FAILED");
        }
    }

    /**
     * One batch: the leads with ids in {@code (after, through]}, each lead's criteria met as bits ({@link
     * CriteriaSql#bits()}) next to its evaluation, and only the evaluations whose outcome differs are written (with the
     * run's version); a lead without an evaluation gets one. The outcome for the bits is looked up in arrays (computed
     * once per statement), not built per lead. Both tables are read by their primary keys' range. A row is written only
     * if it is still the version the batch read ({@code xmin}): a lead edited meanwhile keeps the evaluation its edit
     * wrote, from its new data. Answers how many evaluations it wrote.
     */
    private static final String REEVALUATE = """
            with outcome as materialized (
                select x.id, x.bits + 1 as i, x.missing, x.seen
                from (
                    select l.id, %s as bits, e.lead_id is null as missing, e.qualified, e.score, e.met,
                        e.xmin as seen
                    from lead_record l
                    left join lead_evaluation e on e.tenant_id = l.tenant_id and e.lead_id = l.id
                        and e.lead_id > :after and e.lead_id <= :through
                    where l.tenant_id = :tenant and l.id > :after and l.id <= :through
                    offset 0
                ) x
                where x.missing
                    or x.qualified <> (select cast(:qualified as boolean[]))[x.bits + 1]
                    or x.score <> (select cast(:scores as int[]))[x.bits + 1]
                    or x.met <> (select cast(:mets as jsonb[]))[x.bits + 1]
            ), changed as (
                update lead_evaluation e set version_id = :versionId,
                    qualified = (select cast(:qualified as boolean[]))[o.i],
                    score = (select cast(:scores as int[]))[o.i],
                    met = (select cast(:mets as jsonb[]))[o.i],
                    evaluated_at = now()
                from outcome o
                where e.tenant_id = :tenant and e.lead_id = o.id and not o.missing and e.xmin = o.seen
                returning 1
            ), added as (
                insert into lead_evaluation (tenant_id, lead_id, version_id, qualified, score, met, evaluated_at)
                select :tenant, o.id, :versionId, (select cast(:qualified as boolean[]))[o.i],
                    (select cast(:scores as int[]))[o.i], (select cast(:mets as jsonb[]))[o.i], now()
                from outcome o where o.missing
                on conflict (tenant_id, lead_id) do nothing
                returning 1
            )
            select (select count(*) from changed) + (select count(*) from added)
            """;

    /**
     * The next batch's size: as many leads as take about {@link #BATCH_TIME}, or {@link #BUSY_BATCH_TIME} while pages
     * are being answered (a fixed size when a test set one).
     */
    private int nextSize(int size, long tookNanos, boolean busy) {
        if (fixedSize) {
            return size;
        }
        double factor = (double) (busy ? BUSY_BATCH_TIME : BATCH_TIME).toNanos() / Math.max(tookNanos, 1);
        int next = (int) (size * Math.max(0.5, Math.min(2.0, factor)));
        return Math.max(MIN_BATCH, Math.min(MAX_BATCH, next));
    }

    /**
     * Gives way to the pages between two batches: while requests wait for a connection, a pause of four times the
     * batch's time (again while they still wait, at most {@link #MAX_PAUSE}); while others hold connections (requests
     * being answered), a pause of three times the batch's time, so the run takes at most a quarter of what it competes
     * for (the database's cores above all); none when the application is idle. Whether pages were being answered.
     */
    private boolean yieldToPages(long tookNanos) {
        long paused = 0;
        try {
            while (paused < MAX_PAUSE.toNanos()) {
                int waiting = pool.waiting();
                long pause;
                if (waiting > 0) {
                    pause = 4 * tookNanos;
                } else if (paused == 0 && pool.active() > 0) {
                    pause = 3 * tookNanos;
                } else {
                    return paused > 0;
                }
                pause = Math.min(pause, MAX_PAUSE.toNanos() - paused);
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
                paused += pause;
            }
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Re-evaluation interrupted", stop);
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

    /** How busy the connection pool is: the requests holding a connection and those waiting for one. */
    record Pool(HikariDataSource hikari) {

        static Pool of(DataSource dataSource) {
            try {
                if (dataSource.isWrapperFor(HikariDataSource.class)) {
                    return new Pool(dataSource.unwrap(HikariDataSource.class));
                }
            } catch (java.sql.SQLException notHikari) {
                // no figures: the run never pauses
            }
            return new Pool(null);
        }

        private HikariPoolMXBean figures() {
            return hikari == null ? null : hikari.getHikariPoolMXBean(); // null until the pool started
        }

        int waiting() {
            HikariPoolMXBean figures = figures();
            return figures == null ? 0 : figures.getThreadsAwaitingConnection();
        }

        int active() {
            HikariPoolMXBean figures = figures();
            return figures == null ? 0 : figures.getActiveConnections();
        }
    }

    /** Batches of a fixed size (smaller ones, so tests see several); {@link #BATCH} sizes them by time again. */
    void batchSize(int size) {
        this.batchSize = size;
        this.fixedSize = size != BATCH;
    }
}
