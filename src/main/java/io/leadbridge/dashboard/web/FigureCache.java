package io.leadbridge.dashboard.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps a workspace's heavier dashboard figures for a short while, so a dashboard that many people open does not
 * scan a large workspace's leads on every view (at a million leads the funnel's counts take a few hundred
 * milliseconds). Each entry says when it was computed; the page shows it. Bounded in size; per instance.
 */
@Component
class FigureCache {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<Object, Entry<?>> entries = new ConcurrentHashMap<>();

    FigureCache(Clock clock) {
        this.clock = clock;
    }

    /** A value and when it was computed. */
    record Entry<T>(T value, Instant computedAt) {}

    @SuppressWarnings("unchecked")
    <T> Entry<T> get(Object key, Supplier<T> compute) {
        Instant now = clock.instant();
        Entry<?> cached = entries.get(key);
        if (cached != null && cached.computedAt().plus(FRESH_FOR).isAfter(now)) {
            return (Entry<T>) cached;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.entrySet()
                    .removeIf(e -> !e.getValue().computedAt().plus(FRESH_FOR).isAfter(now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        Entry<T> fresh = new Entry<>(compute.get(), now);
        entries.put(key, fresh);
        return fresh;
    }
}
