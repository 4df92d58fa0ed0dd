package io.leadbridge.timeline;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.leadbridge.shared.PostgresChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What is pushed live reaches every instance, whichever one it happened on: through PostgreSQL's {@code LISTEN/NOTIFY}
 * on the channel {@value #CHANNEL}. A notification only names what happened (a feed entry of a lead, whose bells
 * changed, a signal, which sessions ended) with its workspace; each instance then reads what its own streams need from
 * the database, in that workspace, as before.
 *
 * <p>{@link #send} notifies in the current transaction, so PostgreSQL delivers it once that commits and never when it
 * rolls back; without a transaction at once. Every instance, the sending one too, gets it on its listening connection
 * (one per instance, outside the pool) and publishes it there as an application event for the live streams' listeners.
 * A notification holds at most {@value #MAX_PAYLOAD} bytes (PostgreSQL's limit is 8000); a larger one is sent in parts.
 * When the listening connection breaks, the instance connects again and ends its open streams: their browsers reconnect
 * and catch up (the feed from its Last-Event-ID, the bell with its count), as after any missed notification.
 *
 * <p>The listening connection, its thread, its check every {@link #CHECK} and its reconnect are {@link
 * PostgresChannel}'s, shared with the session evictions' channel.
 */
@Component
class LiveRelay implements SmartLifecycle, PostgresChannel.Receiver {

    static final String CHANNEL = "leadbridge_live";
    static final int MAX_PAYLOAD = 7000;
    private static final Duration POLL = Duration.ofSeconds(1);
    /** How often an idle listening connection is checked: a connection dropped without a word is noticed by then. */
    private static final Duration CHECK = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    /** What is relayed: the JSON payload of one notification, named by its {@code k}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "k")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = FeedEntry.class, name = "feed"),
        @JsonSubTypes.Type(value = BellsChanged.class, name = "bell"),
        @JsonSubTypes.Type(value = Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = SessionsGone.class, name = "ended")
    })
    sealed interface Relayed permits FeedEntry, BellsChanged, Signal, SessionsGone {

        /** Two halves of this, for a payload too large; empty when it cannot be split. */
        default List<Relayed> halves() {
            return List.of();
        }
    }

    /** A lead's timeline got an entry of a type the feed shows. */
    record FeedEntry(UUID tenant, long lead, String type) implements Relayed {}

    /** These people's notifications changed: their bells show a new count. */
    record BellsChanged(UUID tenant, Set<Long> people) implements Relayed {
        @Override
        public List<Relayed> halves() {
            List<Long> all = new ArrayList<>(people);
            int half = all.size() / 2;
            return half == 0
                    ? List.of()
                    : List.of(
                            new BellsChanged(tenant, Set.copyOf(all.subList(0, half))),
                            new BellsChanged(tenant, Set.copyOf(all.subList(half, all.size()))));
        }
    }

    /** A signal ({@link LiveSignals}): its name and each person's text. */
    record Signal(UUID tenant, String name, Map<Long, String> texts) implements Relayed {
        @Override
        public List<Relayed> halves() {
            List<Map.Entry<Long, String>> all = new ArrayList<>(texts.entrySet());
            int half = all.size() / 2;
            return half == 0
                    ? List.of()
                    : List.of(
                            new Signal(tenant, name, map(all.subList(0, half))),
                            new Signal(tenant, name, map(all.subList(half, all.size()))));
        }

        private static Map<Long, String> map(List<Map.Entry<Long, String>> entries) {
            Map<Long, String> map = new LinkedHashMap<>();
            entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
            return map;
        }
    }

    /** These sessions ended: their streams end. */
    record SessionsGone(List<String> sessions) implements Relayed {
        @Override
        public List<Relayed> halves() {
            int half = sessions.size() / 2;
            return half == 0
                    ? List.of()
                    : List.of(
                            new SessionsGone(sessions.subList(0, half)),
                            new SessionsGone(sessions.subList(half, sessions.size())));
        }
    }

    /** The listening connection broke and was made again: what was notified meanwhile did not arrive. */
    record Reconnected() {}

    private final ObjectMapper json = JsonMapper.builder().build();
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AtomicLong received = new AtomicLong();
    private final PostgresChannel channel;

    LiveRelay(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.channel = new PostgresChannel(CHANNEL, dataSource, POLL, CHECK, CHECK, this);
    }

    /** To every instance, once the current transaction commits (at once without one). */
    void send(Relayed relayed) {
        String payload = json.writeValueAsString(relayed);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
            List<Relayed> halves = relayed.halves();
            if (halves.isEmpty()) {
                log.warn(
                        "Not relayed, too large for a notification: {}",
                        relayed.getClass().getSimpleName());
                return;
            }
            halves.forEach(this::send);
            return;
        }
        channel.send(jdbc, payload);
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

    /** Listens before the web server takes requests, and stops after it stopped (the server's phases are higher). */
    @Override
    public int getPhase() {
        return 0;
    }

    /** How many notifications this instance received (tests). */
    long received() {
        return received.get();
    }

    @Override
    public void received(String payload) {
        dispatch(payload);
    }

    @Override
    public void listening(boolean again) {
        if (again) {
            events.publishEvent(new Reconnected());
        }
    }

    private void dispatch(String payload) {
        received.incrementAndGet();
        Relayed relayed;
        try {
            relayed = json.readValue(payload, Relayed.class);
        } catch (RuntimeException e) {
            log.warn("Live relay: a notification that is none of ours: {}", payload.length() > 200 ? "…" : payload);
            return;
        }
        try {
            events.publishEvent(relayed);
        } catch (RuntimeException e) {
            log.warn("Live relay: delivering {} failed", relayed.getClass().getSimpleName(), e);
        }
    }
}
