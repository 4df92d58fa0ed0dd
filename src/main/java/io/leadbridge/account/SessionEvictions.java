package io.leadbridge.account;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.config.annotation.SpringSessionDataSource;
import org.springframework.stereotype.Component;

/**
 * The account module's own {@code LISTEN/NOTIFY} channel {@value #CHANNEL}: a session changed, signed out or given a new
 * id on one instance loses its snapshot on every instance ({@link SessionSnapshots}, ADR 0030). A notification carries
 * the sessions' keys (a hash of each id, never the id), comma-separated.
 *
 * <p>The cache is on only while this listens: it turns on once {@code LISTEN} succeeded, and off when the connection
 * fails, when the instance stops, and when the connection has not answered for {@link SessionSnapshots#TRUST} (it is
 * asked every {@link #CHECK}; an answer means that every notification committed before it has arrived).
 */
@Component
class SessionEvictions implements SmartLifecycle {

    static final String CHANNEL = "leadbridge_sessions";
    /** Keys per notification: 33 characters each, well under PostgreSQL's 8000 bytes. */
    private static final int KEYS_PER_NOTIFICATION = 200;

    private static final Duration POLL = Duration.ofMillis(500);
    static final Duration CHECK = Duration.ofSeconds(2);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(SessionEvictions.class);

    private final SessionSnapshots snapshots;
    private final DataSource dataSource;
    private final JdbcClient notifying;

    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection listening;

    @Autowired
    SessionEvictions(
            SessionRepository<?> repository,
            DataSource dataSource,
            @SpringSessionDataSource DataSource sessions,
            ObjectProvider<MeterRegistry> meters) {
        this(((LeanSessions<?>) repository).snapshots(), dataSource, sessions);
        meters.ifAvailable(registry -> {
            FunctionCounter.builder("leadbridge.sessions.lookups", snapshots, SessionSnapshots::hits)
                    .tag("from", "snapshot")
                    .description("Requests' session look-ups answered from this instance's snapshots")
                    .register(registry);
            FunctionCounter.builder("leadbridge.sessions.lookups", snapshots, SessionSnapshots::reads)
                    .tag("from", "database")
                    .description("Requests' session look-ups that read the database")
                    .register(registry);
        });
    }

    /** For a session repository of its own (tests: a second instance's). */
    SessionEvictions(SessionSnapshots snapshots, DataSource dataSource, DataSource sessions) {
        this.snapshots = snapshots;
        this.dataSource = dataSource;
        this.notifying = JdbcClient.create(sessions);
        snapshots.notifyOthersWith(this::send);
    }

    /** Tells every instance (this one too) that these sessions' snapshots go; at once, outside any transaction. */
    void send(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_NOTIFICATION) {
            String payload = String.join(",", all.subList(from, Math.min(all.size(), from + KEYS_PER_NOTIFICATION)));
            notifying
                    .sql("select pg_notify(?, ?)")
                    .params(CHANNEL, payload)
                    .query()
                    .singleValue();
        }
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "leadbridge-session-evictions");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        snapshots.off();
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listening);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Listens before the web server takes requests, and stops after it stopped. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Breaks the listening connection, as a network failure would (tests). */
    void breakConnection() {
        closeQuietly(listening);
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection connection = connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                snapshots.listening();
                retry = FIRST_RETRY;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                snapshots.off();
                if (!running) {
                    return;
                }
                log.warn(
                        "Session evictions: the listening connection failed, sessions are read from the database"
                                + " until it listens again (in {} s)",
                        retry.toSeconds(),
                        e);
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                snapshots.off();
                listening = null;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            evict(pg.getNotifications((int) POLL.toMillis()));
            if (System.nanoTime() - checked > CHECK.toNanos()) {
                long asked = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout((int) SessionSnapshots.TRUST.toSeconds());
                    statement.execute("select 1");
                }
                // What PostgreSQL delivered before its answer, evicted before the answer counts.
                evict(pg.getNotifications());
                snapshots.confirmed(asked);
                checked = asked;
            }
        }
    }

    private void evict(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            if (CHANNEL.equals(notification.getName())) {
                snapshots.evictKeys(List.of(notification.getParameter().split(",")));
            }
        }
    }

    /** A connection of its own, outside the pool, as the pool's user: it stays open and listening for good. */
    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            Connection connection =
                    DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            connection.setAutoCommit(true);
            return connection;
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        }
    }
}
