package io.leadbridge.shared;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One PostgreSQL {@code LISTEN/NOTIFY} channel, listened to on a connection of its own: what the live relay and the
 * session evictions share (ADR 0007, ADR 0030). A notification is {@linkplain #send sent} with {@code pg_notify} on
 * whatever connection the sender names (in its transaction, if it has one); every instance that {@linkplain #start
 * listens} hands each payload to its {@link Receiver}, on one daemon thread.
 *
 * <ul>
 *   <li><b>The listening connection</b> is its own, outside the pool and as the pool's user (one per channel and
 *       instance, named {@code leadbridge listen <channel>} in {@code pg_stat_activity}); it is polled with pgjdbc's
 *       {@link PGConnection#getNotifications(int)} every {@code poll} at most.
 *   <li><b>Checked:</b> every {@code check} it is asked {@code select 1} (it has {@code answerWithin} to answer, else it
 *       counts as failed); what arrived
 *       before the answer is handed on first, then {@link Receiver#answered} is told when the question was asked: every
 *       notification committed before then has been received. A connection dropped without a word is noticed so.
 *   <li><b>Reconnected:</b> when the connection fails (or a receiver throws), {@link Receiver#off} is told, and it
 *       connects again after 1 s, doubling up to 30 s; once {@code LISTEN} succeeded again {@link Receiver#listening}
 *       is told, with {@code again} set: what was notified meanwhile did not arrive.
 *   <li><b>Stopped</b> with the application: {@link #stop} tells {@link Receiver#off} and waits up to 5 s for the
 *       thread (it notices within {@code poll}), which closes the connection.
 * </ul>
 *
 * <p>Our own ~150 lines rather than a library: pgjdbc's {@code getNotifications} is the transport, and what is left is
 * one thread with a reconnect. Spring Integration's {@code PostgresChannelMessageTableSubscriber} listens only for its
 * own message table's channel and payload (a region and a group of a {@code JdbcChannelMessageStore}), with no hook for
 * "not listening", and would bring a messaging stack for that.
 */
public final class PostgresChannel {

    /** What a listener does with what arrives, and with the connection's state. Called on the listening thread. */
    public interface Receiver {

        /** A notification's payload. An exception counts as a failure of the connection (it connects again). */
        void received(String payload);

        /** {@code LISTEN} succeeded: from now on every notification arrives. {@code again}: after a failure. */
        default void listening(boolean again) {}

        /** Not listening (the connection failed, or the listener stops): notifications may be missed until listening. */
        default void off() {}

        /** The connection answered a question asked at {@code askedNanos} ({@link System#nanoTime()}). */
        default void answered(long askedNanos) {}
    }

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(PostgresChannel.class);

    private final String name;
    private final DataSource dataSource;
    private final Duration poll;
    private final Duration check;
    private final Duration answerWithin;
    private final Receiver receiver;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection listening;

    /**
     * @param name the channel (a lower-case SQL identifier)
     * @param dataSource whose URL and user the listening connection takes
     * @param poll how long one wait for notifications lasts at most (and so how soon a stop is noticed)
     * @param check how often the connection is asked whether it still answers
     * @param answerWithin how long it has to answer (whole seconds, at least one)
     */
    public PostgresChannel(
            String name,
            DataSource dataSource,
            Duration poll,
            Duration check,
            Duration answerWithin,
            Receiver receiver) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a channel name: " + name);
        }
        this.name = name;
        this.dataSource = dataSource;
        this.poll = poll;
        this.check = check;
        this.answerWithin = answerWithin;
        this.receiver = receiver;
    }

    public String name() {
        return name;
    }

    /** Notifies every listener on the channel through this client's connection: once its transaction commits, if any. */
    public void send(JdbcClient through, String payload) {
        through.sql("select pg_notify(?, ?)").params(name, payload).query().singleValue();
    }

    /** Starts the listening thread (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread listener = new Thread(this::listen, "leadbridge-listen-" + name);
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    /** Stops listening: {@link Receiver#off}, the connection closed, the thread ended (waited for up to 5 s). */
    public synchronized void stop() {
        running = false;
        receiver.off();
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(listening);
    }

    public boolean isRunning() {
        return running;
    }

    /** Whether the listening thread is alive (tests). */
    public boolean threadAlive() {
        Thread listener = thread;
        return listener != null && listener.isAlive();
    }

    /** Breaks the listening connection, as a network failure would (tests). */
    public void breakConnection() {
        closeQuietly(listening);
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean connectedBefore = false;
        while (running) {
            try (Connection connection = connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + name);
                }
                receiver.listening(connectedBefore);
                if (connectedBefore) {
                    log.info("Listening again on {}", name);
                }
                connectedBefore = true;
                retry = FIRST_RETRY;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                receiver.off();
                if (!running) {
                    return;
                }
                log.warn("Listening on {} failed, connecting again in {} s", name, retry.toSeconds(), e);
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException interrupted) {
                    if (!running) {
                        return;
                    }
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                receiver.off();
                listening = null;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long checked = System.nanoTime();
        while (running) {
            hand(pg.getNotifications((int) poll.toMillis()));
            if (System.nanoTime() - checked > check.toNanos()) {
                long asked = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, answerWithin.toSeconds()));
                    statement.execute("select 1");
                }
                // What PostgreSQL delivered before its answer is handed on before the answer counts.
                hand(pg.getNotifications());
                receiver.answered(asked);
                checked = asked;
            }
        }
    }

    private void hand(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification notification : notifications) {
            if (name.equals(notification.getName())) {
                receiver.received(notification.getParameter());
            }
        }
    }

    /** A connection of its own, outside the pool, as the pool's user: it stays open and listening for good. */
    private Connection connect() throws SQLException {
        if (dataSource.isWrapperFor(HikariDataSource.class)) {
            HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
            Properties properties = new Properties();
            if (hikari.getUsername() != null) {
                properties.setProperty("user", hikari.getUsername());
            }
            if (hikari.getPassword() != null) {
                properties.setProperty("password", hikari.getPassword());
            }
            properties.setProperty("ApplicationName", "leadbridge listen " + name);
            Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), properties);
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
