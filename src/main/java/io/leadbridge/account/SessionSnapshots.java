package io.leadbridge.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.session.Session;

/**
 * What this instance read of a session lately, so that most requests do not read their session from PostgreSQL (ADR
 * 0030). A snapshot is the session as the database held it when it was read: its times and its attributes as bytes
 * (the repository's own conversion), never an object a request could change; each request deserializes its own copy.
 *
 * <ul>
 *   <li><b>Bounded:</b> at most {@link #SIZE} sessions, each for at most {@link #LIFETIME} after the database read that
 *       made it (after the write, never after the last access: an active session is read again every {@link
 *       #LIFETIME}).
 *   <li><b>Evicted on every instance</b> whenever a session is changed (an attribute set or removed, the ended mark, a
 *       new id, a sign-in), signed out or invalidated: here at once, elsewhere through {@link SessionEvictions} (the
 *       account module's {@code LISTEN/NOTIFY} channel).
 *   <li><b>Off</b> while that listening connection is not listening (before it first did, after it broke, after it
 *       stayed silent for longer than {@link #TRUST}): every request then reads the database, as before this cache.
 *   <li><b>No stale snapshot after an eviction:</b> a read takes its stripe's stamp before it asks the database and
 *       its snapshot keeps that stamp; an eviction moves the stamp, and a snapshot whose stamp moved is not served. A
 *       snapshot read before a change committed cannot outlive the change's eviction.
 *   <li><b>Cheap to look up:</b> snapshots are kept by session id. Only the notifications name a session by its key (a
 *       hash of the id, so the channel never carries an id), and an eviction by key moves the key's stripe: every
 *       snapshot of that stripe goes, one in {@link #STRIPES} of them. The hash is computed on a database read and on a
 *       change, never on a look-up that a snapshot answers.
 * </ul>
 */
final class SessionSnapshots {

    static final int SIZE = 5_000;
    static final Duration LIFETIME = Duration.ofSeconds(2);
    /** How long a confirmation of the listening connection (its last answer) keeps the cache on. */
    static final Duration TRUST = Duration.ofSeconds(5);

    /** Enough that an eviction takes along another session's snapshot rarely ({@link #SIZE} / this: 0.3). */
    static final int STRIPES = 16_384;

    private static final Logger log = LoggerFactory.getLogger(SessionSnapshots.class);
    private static final TypeDescriptor OBJECT = TypeDescriptor.valueOf(Object.class);
    private static final TypeDescriptor BYTES = TypeDescriptor.valueOf(byte[].class);

    /** A session as the database held it: everything immutable, its attributes in their stored form. */
    record Snapshot(
            String id,
            Instant creationTime,
            Instant lastAccessedTime,
            Duration maxInactiveInterval,
            Map<String, byte[]> attributes) {

        boolean isExpired(Instant now) {
            return !maxInactiveInterval.isNegative()
                    && now.minus(maxInactiveInterval).compareTo(lastAccessedTime) >= 0;
        }
    }

    /** What was read before a read's stamp: its epoch, and its key's stripe and that stripe's stamp then. */
    record Stamp(long epoch, int stripe, long value) {}

    /** A snapshot with the stamp taken before its read: it is served only while the stamp holds. */
    private record Held(Snapshot snapshot, Stamp stamp) {}

    /** By session id. */
    private final Cache<String, Held> snapshots =
            Caffeine.newBuilder().maximumSize(SIZE).expireAfterWrite(LIFETIME).build();

    private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);
    /** Moved whenever the cache turns off or on: a read begun before that puts nothing. */
    private final AtomicLong epoch = new AtomicLong();

    private final ConversionService conversions;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();

    private volatile long trustedUntil = Long.MIN_VALUE;
    private volatile boolean on;
    private volatile Consumer<Collection<String>> others = keys -> {};

    SessionSnapshots(ConversionService conversions) {
        this.conversions = conversions;
    }

    /** The key of a session id in notifications and stripes: a hash, so the channel never carries a session id. */
    static String key(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the listening connection's side

    /** Listening (again): what was missed meanwhile is forgotten, and the cache serves until {@link #TRUST} passed. */
    void listening() {
        epoch.incrementAndGet();
        snapshots.invalidateAll();
        confirmed(System.nanoTime());
        on = true;
    }

    /** The listening connection answered a question asked then: everything notified before that is delivered. */
    void confirmed(long askedNanos) {
        trustedUntil = askedNanos + TRUST.toNanos();
    }

    /** Not listening: the cache is off, and empty. */
    void off() {
        on = false;
        epoch.incrementAndGet();
        snapshots.invalidateAll();
    }

    /** Where evictions go to the other instances (the notification's sender). */
    void notifyOthersWith(Consumer<Collection<String>> sender) {
        this.others = sender;
    }

    /** Another instance (or this one) changed these sessions (keys): their snapshots are no longer served. */
    void evictKeys(Collection<String> keys) {
        for (String key : keys) {
            stamps.incrementAndGet(stripe(key));
        }
    }

    // ---- the repository's side

    boolean serving() {
        return on && System.nanoTime() - trustedUntil < 0;
    }

    /** The snapshot of this session, when one is held and the cache is on; null otherwise. */
    Snapshot find(String id) {
        if (!serving()) {
            return null;
        }
        Held held = snapshots.getIfPresent(id);
        if (held == null) {
            return null;
        }
        if (!holds(held.stamp())) {
            snapshots.asMap().remove(id, held);
            return null;
        }
        if (held.snapshot().isExpired(Instant.now())) {
            return null;
        }
        hits.incrementAndGet();
        return held.snapshot();
    }

    /** Taken before a read of the session from the database; handed to {@link #keep}. */
    Stamp stampBefore(String id) {
        int stripe = stripe(key(id));
        return new Stamp(epoch.get(), stripe, stamps.get(stripe));
    }

    /** Nothing of the stamp's stripe was evicted, and the cache was not turned off or on, since it was taken. */
    private boolean holds(Stamp stamp) {
        return stamps.get(stamp.stripe()) == stamp.value() && epoch.get() == stamp.epoch();
    }

    /** Keeps what the database answered for the id, unless the session was evicted since the stamp was taken. */
    void keep(String id, Stamp stamp, Session session) {
        if (!serving() || session == null) {
            return;
        }
        Snapshot snapshot;
        try {
            Map<String, byte[]> attributes = new HashMap<>();
            for (String name : session.getAttributeNames()) {
                Object value = session.getAttribute(name);
                if (value != null) {
                    attributes.put(name, (byte[]) conversions.convert(value, OBJECT, BYTES));
                }
            }
            snapshot = new Snapshot(
                    session.getId(),
                    session.getCreationTime(),
                    session.getLastAccessedTime(),
                    session.getMaxInactiveInterval(),
                    Map.copyOf(attributes));
        } catch (RuntimeException e) {
            log.debug("A session's attributes could not be kept in a snapshot; it is read from the database", e);
            return;
        }
        Held held = new Held(snapshot, stamp);
        snapshots.put(id, held);
        if (!holds(stamp) || !serving()) {
            snapshots.asMap().remove(id, held);
        }
    }

    /** An attribute of a snapshot, as a new object of this request's own. */
    Object attribute(Snapshot snapshot, String name) {
        byte[] bytes = snapshot.attributes().get(name);
        return bytes == null ? null : conversions.convert(bytes, BYTES, OBJECT);
    }

    /** These sessions were changed, signed out or given new ids: evicted here at once, and on every other instance. */
    void changed(String... ids) {
        Set<String> keys = new LinkedHashSet<>();
        for (String id : ids) {
            if (id != null) {
                keys.add(key(id));
                snapshots.invalidate(id);
            }
        }
        evictKeys(keys);
        try {
            others.accept(List.copyOf(keys));
        } catch (RuntimeException e) {
            // The change is committed; the other instances' snapshots expire within LIFETIME (ADR 0030).
            log.warn("Sessions changed, but the other instances could not be told: {}", e.toString());
        }
    }

    /** Only this instance's snapshot goes (a write of the last access alone, which the others need not know). */
    void forgetHere(String id) {
        evictKeys(List.of(key(id)));
        snapshots.invalidate(id);
    }

    private static int stripe(String key) {
        return (key.hashCode() & 0x7fffffff) % STRIPES;
    }

    long hits() {
        return hits.get();
    }

    /** A request's session was read from the database. */
    void countRead() {
        reads.incrementAndGet();
    }

    long reads() {
        return reads.get();
    }
}
