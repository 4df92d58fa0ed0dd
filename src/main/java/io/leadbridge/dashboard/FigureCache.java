package io.leadbridge.dashboard;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

/**
 * Keeps a workspace's period figures for a short while, so a dashboard that many people open does not scan a large
 * workspace's leads and handoffs of the period on every view (the marketing, sales and liaison dashboards and the
 * scoreboard on them). Each entry says when it was computed; the page shows it.
 *
 * <p>Spring's cache over Caffeine, bounded in size, per instance. When an entry is older than {@link #FRESH_FOR},
 * Caffeine's refresh after write has exactly one request compute it again while the others keep getting the previous
 * figures (so a busy dashboard never has everybody waiting on the same query at once); only the very first request of a
 * workspace and period waits. The refresh runs on the request that triggers it (a same-thread executor), inside its
 * workspace and read-only transaction, and answers that request with the new figures.
 */
@Component
public class FigureCache {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Cache cache;

    FigureCache(Clock clock) {
        this.clock = clock;
        this.cache = new CaffeineCache(
                "dashboard-figures",
                Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .refreshAfterWrite(FRESH_FOR)
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                        .executor(Runnable::run)
                        .build(new Recompute()),
                false);
    }

    /** A value and when it was computed. */
    public record Entry<T>(T value, Instant computedAt) {}

    /** An entry and how to compute it again. */
    private record Kept(Entry<?> entry, Function<Instant, ?> compute) {}

    /** Caffeine's refresh: the entry's own computation, at the time of the refresh. */
    private final class Recompute implements CacheLoader<Object, Object> {

        @Override
        public Object load(Object key) {
            return null; // entries are only ever made by get(key, compute)
        }

        @Override
        public Object reload(Object key, Object old) {
            return kept(((Kept) old).compute());
        }
    }

    private Kept kept(Function<Instant, ?> compute) {
        Instant now = clock.instant();
        return new Kept(new Entry<>(compute.apply(now), now), compute);
    }

    /**
     * The current workspace's value under {@code key} (the workspace is part of every entry's key, so one workspace's
     * figures can never answer for another's), computed by {@code compute} — given the time it computes for — when
     * there is none, and again when it is old.
     */
    @SuppressWarnings("unchecked")
    public <T> Entry<T> get(Object key, Function<Instant, T> compute) {
        List<Object> scoped = List.of(CurrentTenant.require(), key);
        try {
            return (Entry<T>) cache.get(scoped, () -> kept(compute)).entry();
        } catch (Cache.ValueRetrievalException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
