package io.leadbridge.account;

import io.leadbridge.shared.PostgresChannel;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
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
 * asked every {@link #CHECK}; an answer means that every notification committed before it has arrived). The listening
 * itself (its connection, thread, check and reconnect) is {@link PostgresChannel}'s, as the live relay's is.
 */
@Component
class SessionEvictions implements SmartLifecycle {

    static final String CHANNEL = "leadbridge_sessions";
    /** Keys per notification: 33 characters each, well under PostgreSQL's 8000 bytes. */
    private static final int KEYS_PER_NOTIFICATION = 200;

    private static final Duration POLL = Duration.ofMillis(500);
    static final Duration CHECK = Duration.ofSeconds(2);

    private final SessionSnapshots snapshots;
    private final PostgresChannel channel;
    private final JdbcClient notifying;

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
        this.channel =
                new PostgresChannel(CHANNEL, dataSource, POLL, CHECK, SessionSnapshots.TRUST, new Evictions(snapshots));
        this.notifying = JdbcClient.create(sessions);
        snapshots.notifyOthersWith(this::send);
    }

    /** Tells every instance (this one too) that these sessions' snapshots go; at once, outside any transaction. */
    void send(Collection<String> keys) {
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_NOTIFICATION) {
            String payload = String.join(",", all.subList(from, Math.min(all.size(), from + KEYS_PER_NOTIFICATION)));
            channel.send(notifying, payload);
        }
    }

    @Override
    public void start() {
        channel.start();
    }

    @Override
    public void stop() {
        channel.stop();
    }

    @Override
    public boolean isRunning() {
        return channel.isRunning();
    }

    /** Listens before the web server takes requests, and stops after it stopped. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Breaks the listening connection, as a network failure would (tests). */
    void breakConnection() {
        channel.breakConnection();
    }

    /** What arrives on the channel, and whether it is listened to: the snapshots' side of it. */
    private record Evictions(SessionSnapshots snapshots) implements PostgresChannel.Receiver {

        @Override
        public void received(String payload) {
            snapshots.evictKeys(List.of(payload.split(",")));
        }

        @Override
        public void listening(boolean again) {
            snapshots.listening();
        }

        @Override
        public void off() {
            snapshots.off();
        }

        /** An answer means that every notification committed before it has arrived (and was evicted). */
        @Override
        public void answered(long askedNanos) {
            snapshots.confirmed(askedNanos);
        }
    }
}
