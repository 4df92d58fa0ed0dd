package io.leadbridge.tenant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source where a streaming replica is configured: a connection asked for by a read-only
 * transaction marked {@link MayLag} comes from the replica's pool, while {@link ReplicaHealth} finds the replica up and
 * close enough behind; every other connection, and every one while the replica lags or is down, from the primary's.
 * A transaction keeps the connection it began with (it is taken when the transaction begins, {@link
 * TenantScopedJpaDialect}), so it reads one server from start to end.
 */
final class ReplicaRouting extends DelegatingDataSource {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

    /** Set while a method marked {@link MayLag} runs on this thread. */
    private static final ThreadLocal<Boolean> MAY_LAG = new ThreadLocal<>();
    /** Set while a read-only transaction takes its connection (TenantScopedJpaDialect). */
    private static final ThreadLocal<Boolean> READ_ONLY_BEGINNING = new ThreadLocal<>();
    /** Set when a method marked {@link MayLag} was given a connection of the replica. */
    private static final ThreadLocal<Boolean> ON_REPLICA = new ThreadLocal<>();

    private final DataSource replica;
    private final ReplicaHealth health;
    private final ObjectProvider<MeterRegistry> meters;
    private volatile Counter toReplica;
    private volatile Counter toPrimary;

    ReplicaRouting(DataSource primary, ReplicaHealth health, ObjectProvider<MeterRegistry> meters) {
        super(primary);
        this.replica = health.pool();
        this.health = health;
        this.meters = meters;
    }

    /** The counters, registered at the first routed read (the data source is made before the registry). */
    private void count(boolean onReplica) {
        if (toReplica == null) {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry == null) {
                return;
            }
            toPrimary = reads(registry, "primary");
            toReplica = reads(registry, "replica");
        }
        (onReplica ? toReplica : toPrimary).increment();
    }

    private static Counter reads(MeterRegistry meters, String target) {
        return Counter.builder("leadbridge.replica.reads")
                .description("Read-only transactions that may lag, by the server they read from")
                .tag("target", target)
                .register(meters);
    }

    /**
     * Runs a method marked {@link MayLag} with its reads routed. When it fails after reading from the replica (the
     * replica went away under it, or a query was cancelled by the replica's recovery), it runs once more on the
     * primary — unless it has already begun its answer (a streamed export), which cannot be taken back.
     */
    <T> T mayLag(Work<T> work, Work<T> again) throws Throwable {
        if (Boolean.TRUE.equals(MAY_LAG.get())) {
            return work.run(); // already routed by an outer method
        }
        MAY_LAG.set(Boolean.TRUE);
        try {
            return work.run();
        } catch (RuntimeException e) {
            if (!Boolean.TRUE.equals(ON_REPLICA.get()) || answerBegun()) {
                throw e;
            }
            if (lostConnection(e)) {
                health.failed(e);
            }
            log.warn("Replica: a read failed ({}); reading again from the primary", e.getMessage());
            MAY_LAG.remove();
            ON_REPLICA.remove();
            return again.run();
        } finally {
            MAY_LAG.remove();
            ON_REPLICA.remove();
        }
    }

    /** A method invocation that may be run. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws Throwable;
    }

    private static boolean answerBegun() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                        instanceof org.springframework.web.context.request.ServletRequestAttributes request
                && request.getResponse() != null
                && request.getResponse().isCommitted();
    }

    /** Whether the failure is the connection's: its SQL state says the connection ended (08…) or was ended (57P…). */
    static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the taking of a transaction's connection knowing whether the transaction is read-only. */
    static void beginning(boolean readOnly, Runnable takeConnection) {
        READ_ONLY_BEGINNING.set(readOnly);
        try {
            takeConnection.run();
        } finally {
            READ_ONLY_BEGINNING.remove();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (Boolean.TRUE.equals(MAY_LAG.get()) && Boolean.TRUE.equals(READ_ONLY_BEGINNING.get())) {
            if (health.usable()) {
                try {
                    Connection connection = replica.getConnection();
                    ON_REPLICA.set(Boolean.TRUE);
                    count(true);
                    return connection;
                } catch (SQLException e) {
                    health.failed(e);
                    log.warn("Replica: no connection ({}); reading from the primary", e.getMessage());
                }
            }
            count(false);
        }
        return super.getConnection();
    }

    /**
     * Unwrapped as a plain data source, this is the primary's pool: what derives a data source of its own from the
     * application's (Flyway's owner connection, Boot's {@code DataSourceBuilder.derivedFrom}) takes the primary's
     * settings.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface == DataSource.class) {
            return iface.cast(obtainTargetDataSource());
        }
        return super.unwrap(iface);
    }

    /** How far behind a replica may be for reads that may lag. */
    static final Duration DEFAULT_MAX_LAG = Duration.ofSeconds(1);
}
