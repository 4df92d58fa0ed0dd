package io.leadbridge.timeline;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open live streams of this instance, bounded: at most {@link #PER_SESSION} per session and {@link #PER_PERSON}
 * per person (a further one ends the oldest: a tab that was closed or navigated away from), at most
 * {@code leadbridge.live.max-streams} in all (a further one is refused, and its browser tries again later). The
 * Servlet API does not tell when a client left, so every stream gets a heartbeat every {@link #HEARTBEAT}: a stream
 * whose write fails is removed at once, and every stream ends after {@link #TIMEOUT} (the browser reconnects on its own
 * and catches up). Everything is written by one sender thread, off the thread that committed the business action, in
 * the order it happened; its queue is bounded, and when it is full the streams concerned end and catch up when they
 * reconnect (the feed's items by {@code Last-Event-ID}, the bell with its current count).
 *
 * <p>Our own registry rather than a library: Spring's {@link SseEmitter} is the transport, and what is left is a few
 * maps, caps and a heartbeat, tied to our sessions (a stream ends with its session) — no SSE library for Spring MVC
 * does that without bringing a broker or a reactive stack of its own.
 */
@Component
class LiveStreams {

    static final int PER_SESSION = 3;
    static final int PER_PERSON = 10;
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final Duration HEARTBEAT = Duration.ofSeconds(25);
    /** How long a browser waits before it reconnects a stream that a newer one replaced (without live.js). */
    static final Duration SUPERSEDED_RETRY = Duration.ofMinutes(1);
    /** Deliveries (a feed item, a bell change, a heartbeat round) waiting for the sender. */
    static final int QUEUED = 1_000;

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);

    /** An open stream: of a workspace, in a language, of a session and a person (either may be null), with the feed. */
    static final class Stream {
        final UUID tenant;
        final Locale locale;
        final SseEmitter emitter;
        final String sessionId;
        final Long accountId;
        final boolean feed;

        Stream(UUID tenant, Locale locale, SseEmitter emitter, String sessionId, Long accountId, boolean feed) {
            this.tenant = tenant;
            this.locale = locale;
            this.emitter = emitter;
            this.sessionId = sessionId;
            this.accountId = accountId;
            this.feed = feed;
        }
    }

    private volatile int maxStreams;

    /** All open streams; read without the lock, changed under it. */
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    /** The streams of each session and each person, oldest first; entries go with their last stream. */
    private final Map<String, Deque<Stream>> bySession = new HashMap<>();

    private final Map<Long, Deque<Stream>> byPerson = new HashMap<>();
    private final Object lock = new Object();

    /** The one sender thread and its bounded queue ({@link LiveConfiguration}). */
    private final TaskExecutor sender;

    LiveStreams(
            @Qualifier(LiveConfiguration.SENDER) TaskExecutor sender,
            @Value("${leadbridge.live.max-streams:2000}") int maxStreams) {
        this.sender = sender;
        this.maxStreams = maxStreams;
    }

    /** Opens a stream, or none when this instance has as many as it takes. */
    Optional<Stream> open(UUID tenant, Locale locale, String sessionId, Long accountId, boolean feed) {
        return open(new Stream(tenant, locale, new SseEmitter(TIMEOUT.toMillis()), sessionId, accountId, feed));
    }

    Optional<Stream> open(Stream stream) {
        List<Stream> ended = new ArrayList<>();
        synchronized (lock) {
            Set<Stream> oldest = new java.util.LinkedHashSet<>();
            oldestBeyond(bySession.get(stream.sessionId), PER_SESSION, oldest);
            oldestBeyond(byPerson.get(stream.accountId), PER_PERSON, oldest);
            if (streams.size() - oldest.size() >= maxStreams) {
                return Optional.empty();
            }
            for (Stream old : oldest) {
                forget(old);
                ended.add(old);
            }
            streams.add(stream);
            if (stream.sessionId != null) {
                bySession
                        .computeIfAbsent(stream.sessionId, id -> new ArrayDeque<>())
                        .addLast(stream);
            }
            if (stream.accountId != null) {
                byPerson.computeIfAbsent(stream.accountId, id -> new ArrayDeque<>())
                        .addLast(stream);
            }
        }
        stream.emitter.onCompletion(() -> remove(stream));
        // At its timeout a stream ends normally (rather than with Spring's timeout error on a response long committed);
        // the browser reconnects by itself, with the Last-Event-ID it saw.
        stream.emitter.onTimeout(() -> close(stream));
        stream.emitter.onError(e -> remove(stream));
        ended.forEach(LiveStreams::supersede);
        return Optional.of(stream);
    }

    /** The oldest streams of a session or person that a new one would take above the limit. */
    private static void oldestBeyond(Deque<Stream> open, int limit, Set<Stream> into) {
        if (open == null) {
            return;
        }
        int beyond = open.size() - (limit - 1);
        for (Stream stream : open) {
            if (beyond-- <= 0) {
                return;
            }
            into.add(stream);
        }
    }

    void remove(Stream stream) {
        synchronized (lock) {
            forget(stream);
        }
    }

    private void forget(Stream stream) {
        streams.remove(stream);
        forget(bySession, stream.sessionId, stream);
        forget(byPerson, stream.accountId, stream);
    }

    private static <K> void forget(Map<K, Deque<Stream>> index, K key, Stream stream) {
        if (key == null) {
            return;
        }
        Deque<Stream> open = index.get(key);
        if (open != null && open.remove(stream) && open.isEmpty()) {
            index.remove(key);
        }
    }

    /** Ends a stream (its browser reconnects on its own where it is still there). */
    void close(Stream stream) {
        remove(stream);
        complete(stream);
    }

    /**
     * Ends a stream that a newer one of its session or person replaces, telling its page so: the page stays without
     * until it is shown or focused again (live.js) instead of reconnecting at once and ending another tab's stream; a
     * browser without live.js waits a minute.
     */
    private static void supersede(Stream stream) {
        try {
            stream.emitter.send(SseEmitter.event()
                    .name("superseded")
                    .reconnectTime(SUPERSEDED_RETRY.toMillis())
                    .data("superseded"));
        } catch (IOException | IllegalStateException gone) {
            // already gone
        }
        complete(stream);
    }

    private static void complete(Stream stream) {
        try {
            stream.emitter.complete();
        } catch (RuntimeException e) {
            // already gone
        }
    }

    /** The open streams of a workspace that the predicate selects. */
    List<Stream> of(UUID tenant, Predicate<Stream> which) {
        List<Stream> found = new ArrayList<>();
        for (Stream stream : streams) {
            if (stream.tenant.equals(tenant) && which.test(stream)) {
                found.add(stream);
            }
        }
        return found;
    }

    boolean any(UUID tenant, Predicate<Stream> which) {
        for (Stream stream : streams) {
            if (stream.tenant.equals(tenant) && which.test(stream)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return streams.size();
    }

    int ofSession(String sessionId) {
        synchronized (lock) {
            Deque<Stream> open = bySession.get(sessionId);
            return open == null ? 0 : open.size();
        }
    }

    boolean isOpen(Stream stream) {
        return streams.contains(stream);
    }

    /** For tests: how many streams this instance takes. */
    void maxStreams(int maxStreams) {
        this.maxStreams = maxStreams;
    }

    int maxStreams() {
        return maxStreams;
    }

    /**
     * Runs a delivery to the streams of a workspace on the sender. When the sender's queue is full, the workspace's
     * streams that the delivery would reach end: their browsers reconnect and catch up.
     */
    void deliver(UUID tenant, Predicate<Stream> to, Runnable delivery) {
        try {
            sender.execute(() -> {
                try {
                    delivery.run();
                } catch (RuntimeException e) {
                    log.warn("A live delivery failed", e);
                }
            });
        } catch (RejectedExecutionException full) {
            log.warn("Live streams: the sender is behind, ending the streams concerned so that they catch up");
            of(tenant, to).forEach(this::close);
        }
    }

    /** Writes an event to a stream; a stream whose write fails (its client left) is removed at once. Whether it was written. */
    boolean send(Stream stream, SseEmitter.SseEventBuilder event) {
        try {
            stream.emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException gone) {
            remove(stream);
            return false;
        }
    }

    /** Every {@link #HEARTBEAT}: a comment to every open stream, on the sender, so that the streams of gone clients end. */
    @Scheduled(fixedDelayString = "${leadbridge.live.heartbeat:PT25S}", initialDelayString = "PT25S")
    void heartbeat() {
        try {
            sender.execute(() -> {
                for (Stream stream : streams) {
                    send(stream, SseEmitter.event().comment("heartbeat"));
                }
            });
        } catch (RejectedExecutionException full) {
            // the sender is behind: the next round comes soon enough
        }
    }

    /**
     * The streams of a session that ended (signed out, or ended by the workspace, on whichever instance) end with it.
     * A session that timed out needs nothing: its streams end within {@link #TIMEOUT}, and reconnecting needs a
     * session.
     */
    void sessionEnded(String sessionId) {
        List<Stream> ended;
        synchronized (lock) {
            Deque<Stream> open = bySession.get(sessionId);
            ended = open == null ? List.of() : new ArrayList<>(open);
        }
        ended.forEach(this::close);
    }

    void closeAll() {
        for (Stream stream : streams) {
            close(stream);
        }
    }

    /** At a stop the streams end first: Spring destroys this before the sender it depends on, which then drains. */
    @PreDestroy
    void stop() {
        closeAll();
    }
}
