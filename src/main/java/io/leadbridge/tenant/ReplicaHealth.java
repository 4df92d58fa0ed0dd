package io.leadbridge.tenant;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Whether the replica serves reads that may lag: it answers, it is a standby (or, where configured, any server), and it
 * has replayed what it received or its last replayed transaction is no older than the allowed lag. Asked every second
 * on one connection of the replica's pool; a failed connection in between marks it unusable until the next check finds
 * it well. Changes are logged once.
 */
class ReplicaHealth {

    private static final Logger log = LoggerFactory.getLogger(ReplicaHealth.class);

    /**
     * The replica's lag in seconds: none while it has replayed all it received (an idle primary sends nothing, so the
     * last replayed transaction may be old without the replica being behind), else the age of its last replayed one.
     */
    private static final String LAG = """
            select pg_is_in_recovery(),
                   case when not pg_is_in_recovery() or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                        else coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) end
            """;

    /** Null where no replica is configured ({@link #none()}). */
    private final com.zaxxer.hikari.HikariDataSource replica;

    private final Duration maxLag;
    private final boolean requireStandby;
    private volatile boolean usable;
    private volatile double lagSeconds = -1;
    private volatile String state = "unknown";

    ReplicaHealth(com.zaxxer.hikari.HikariDataSource replica, Duration maxLag, boolean requireStandby) {
        this.replica = replica;
        this.maxLag = maxLag;
        this.requireStandby = requireStandby;
    }

    /** No replica configured: never usable, nothing checked. */
    static ReplicaHealth none() {
        return new ReplicaHealth(null, Duration.ZERO, false);
    }

    /** Whether a replica is configured at all. */
    boolean configured() {
        return replica != null;
    }

    /** The replica's pool. */
    DataSource pool() {
        return replica;
    }

    void close() {
        if (replica != null) {
            replica.close();
        }
    }

    boolean usable() {
        return usable;
    }

    double lagSeconds() {
        return lagSeconds;
    }

    @Scheduled(fixedDelayString = "${leadbridge.replica.check-interval:PT1S}", initialDelay = 0)
    void check() {
        if (replica == null) {
            return;
        }
        try (Connection connection = replica.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            try (ResultSet rs = statement.executeQuery(LAG)) {
                rs.next();
                boolean standby = rs.getBoolean(1);
                double lag = rs.getDouble(2);
                lagSeconds = lag;
                if (requireStandby && !standby) {
                    change(false, "standby", "not a standby (pg_is_in_recovery() is false): reading from the primary");
                } else if (lag > maxLag.toMillis() / 1000.0) {
                    change(
                            false,
                            "behind",
                            String.format("%.1f s behind (more than %s): reading from the primary", lag, maxLag));
                } else {
                    change(true, "usable", "up to date: reads that may lag go to the replica");
                }
            }
        } catch (SQLException | RuntimeException e) {
            failed(e);
        }
    }

    void failed(Exception e) {
        lagSeconds = -1;
        change(false, "unreachable", "unreachable (" + e.getMessage() + "): reading from the primary");
    }

    /** Logs a change of state once (e.g. "behind"), not every check's figures. */
    private synchronized void change(boolean nowUsable, String key, String description) {
        usable = nowUsable;
        if (!key.equals(state)) {
            state = key;
            if (nowUsable) {
                log.info("Replica: {}", description);
            } else {
                log.warn("Replica: {}", description);
            }
        }
    }
}
