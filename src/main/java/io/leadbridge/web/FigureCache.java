package io.leadbridge.web;

import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Keeps a workspace's period figures for a short while, so a dashboard that many people open does not scan a large
 * workspace's leads and handoffs of the period on every view (the marketing, sales and liaison dashboards and the
 * scoreboard on them). Each entry says when it was computed; the page shows it.
 *
 * <p>When an entry gets old, exactly one request computes it again while the others keep getting the previous figures
 * (so a busy dashboard never has everybody waiting on the same query at once); only the very first request of a
 * workspace and period waits. Bounded in size; per instance.
 */
@Component
public class FigureCache {

    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 10_000;

    private final Clock clock;
    private final Map<Object, Slot> slots = new ConcurrentHashMap<>();

    FigureCache(Clock clock) {
        this.clock = clock;
    }

    /** A value and when it was computed. */
    public record Entry<T>(T value, Instant computedAt) {}

    private static final class Slot {
        volatile Entry<?> entry;
        final AtomicBoolean refreshing = new AtomicBoolean();
    }

    /**
     * The current workspace's value under {@code key} (the workspace is part of every entry's key, so one workspace's
     * figures can never answer for another's), computed by {@code compute} when there is none or it is old.
     */
    @SuppressWarnings("unchecked")
    public <T> Entry<T> get(Object key, Supplier<T> compute) {
        return (Entry<T>) entry(Arrays.asList(CurrentTenant.require(), key), compute);
    }

    @SuppressWarnings("unchecked")
    private <T> Entry<T> entry(Object key, Supplier<T> compute) {
        Instant now = clock.instant();
        if (slots.size() >= MAX_ENTRIES && !slots.containsKey(key)) {
            slots.values().removeIf(slot -> slot.entry == null || !fresh(slot.entry, now));
            if (slots.size() >= MAX_ENTRIES) {
                slots.clear();
            }
        }
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Entry<?> current = slot.entry;
        if (current != null && fresh(current, now)) {
            return (Entry<T>) current;
        }
        if (current != null) {
            // Old: one request refreshes, the others answer with what there is.
            if (!slot.refreshing.compareAndSet(false, true)) {
                return (Entry<T>) current;
            }
            try {
                Entry<T> fresh = new Entry<>(compute.get(), now);
                slot.entry = fresh;
                return fresh;
            } finally {
                slot.refreshing.set(false);
            }
        }
        // Nothing yet: the first request computes, the others of the same moment wait for it.
        synchronized (slot) {
            if (slot.entry == null) {
                slot.entry = new Entry<>(compute.get(), now);
            }
            return (Entry<T>) slot.entry;
        }
    }

    private static boolean fresh(Entry<?> entry, Instant now) {
        return entry.computedAt().plus(FRESH_FOR).isAfter(now);
    }
}
