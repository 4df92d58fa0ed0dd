package io.leadbridge.dashboard;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

/**
 * Keeps a workspace's period figures for a short while, so a dashboard that many people open does not scan a large
 * workspace's leads and handoffs of the period on every view (the marketing, sales and liaison dashboards and the
 * scoreboard on them). Each entry says when it was computed; the page shows it.
 *
 * <p>Spring's cache over Caffeine, bounded in size, per instance. When an entry is older than {@link #FRESH_FOR},
 * Caffeine's refresh after write has the first request after that start one computation of it again, in the background
 * ({@link FigureCacheConfiguration}'s {@link #REFRESHERS} thread, in the entry's workspace, each computation in its own read-only transaction), while
 * every request, that one too, keeps getting the previous figures until the new ones are there: no request waits for a
 * refresh, and a busy dashboard never has everybody waiting on the same query at once. Only the very first request of
 * a workspace and period waits, for the first figures. When more refreshes are due than the threads and their queue
 * hold, the request that found its entry old computes it itself, as it did before (so the queue stays bounded).
 */
@Component
public class FigureCache {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;
    static final int REFRESHERS = 1;
    static final int QUEUED_REFRESHES = 100;

    private final Clock clock;
    private final Cache cache;

    /** With the executor that runs the refreshes: {@link FigureCacheConfiguration}'s in the application. */
    FigureCache(Clock clock, @Qualifier(FigureCacheConfiguration.REFRESHES) Executor refreshes) {
        this.clock = clock;
        this.cache = new CaffeineCache(
                "dashboard-figures",
                Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .refreshAfterWrite(FRESH_FOR)
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                        .executor(refreshes)
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

        /** In the entry's workspace (the first part of its key), on whichever thread runs it. */
        @Override
        public Object reload(Object key, Object old) {
            UUID workspace = (UUID) ((List<?>) key).get(0);
            return CurrentTenant.callAs(workspace, () -> kept(((Kept) old).compute()));
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
