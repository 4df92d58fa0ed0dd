package io.leadbridge.tenant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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

    /** The meters, registered at the first routed read (the data source is made before the registry). */
    private void count(boolean onReplica) {
        if (toReplica == null) {
            MeterRegistry registry = meters.getIfAvailable();
            if (registry == null) {
                return;
            }
            Gauge.builder("leadbridge.replica.usable", health, h -> h.usable() ? 1 : 0)
                    .description("Whether reads that may lag go to the replica (1) or to the primary (0)")
                    .register(registry);
            Gauge.builder("leadbridge.replica.lag", health, ReplicaHealth::lagSeconds)
                    .description("How far the replica was behind at its last check, in seconds (-1: unreachable)")
                    .baseUnit("seconds")
                    .register(registry);
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

    static <T> T mayLag(java.util.function.Supplier<T> work) {
        Boolean before = MAY_LAG.get();
        MAY_LAG.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (before == null) {
                MAY_LAG.remove();
            } else {
                MAY_LAG.set(before);
            }
        }
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
