package io.leadbridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Many views of the same dashboard at once compute its figures once, and never all wait on a refresh. */
class FigureCacheTests {

    static class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-30T09:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    /** A view in {@link #WORKSPACE}. */
    static <T> FigureCache.Entry<T> view(FigureCache cache, String key, Supplier<T> compute) {
        return CurrentTenant.callAs(WORKSPACE, () -> cache.get(key, at -> compute.get()));
    }

    @Test
    void theFirstViewsOfAPeriodComputeOnceAndAllGetTheResult() throws Exception {
        FigureCache cache = new FigureCache(new MovableClock(), Runnable::run);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch slow = new CountDownLatch(1);
        List<CompletableFuture<String>> views = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            views.add(CompletableFuture.supplyAsync(
                    () -> view(cache, "key", () -> {
                                computed.incrementAndGet();
                                await(slow);
                                return "figures";
                            })
                            .value(),
                    threads));
        }
        Thread.sleep(200);
        slow.countDown();
        for (CompletableFuture<String> view : views) {
            assertThat(view.get(5, TimeUnit.SECONDS)).isEqualTo("figures");
        }
        assertThat(computed).hasValue(1);
        threads.shutdown();
    }

    /**
     * A key names its computation (the same key always computes the same figures), so the refresh runs the entry's
     * computation again: here one that answers what the workspace holds at the time. It runs in the background, in the
     * entry's workspace: no view waits for it, the one that found the entry old neither.
     */
    @Test
    void anOldEntryIsRefreshedInTheBackgroundWhileEveryViewGetsThePreviousFigures() throws Exception {
        MovableClock clock = new MovableClock();
        ExecutorService refresher = Executors.newSingleThreadExecutor();
        FigureCache cache = new FigureCache(clock, refresher);
        AtomicReference<String> held = new AtomicReference<>("first");
        AtomicInteger computed = new AtomicInteger();
        AtomicReference<UUID> refreshedIn = new AtomicReference<>();
        AtomicReference<Thread> refreshedOn = new AtomicReference<>();
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch slow = new CountDownLatch(1);
        Supplier<String> figures = () -> {
            if (computed.incrementAndGet() > 1) {
                refreshedIn.set(CurrentTenant.id().orElse(null));
                refreshedOn.set(Thread.currentThread());
                refreshing.countDown();
                await(slow);
            }
            return held.get();
        };
        assertThat(view(cache, "key", figures).value()).isEqualTo("first");
        held.set("second");
        assertThat(view(cache, "key", figures).value()).isEqualTo("first");
        assertThat(computed).hasValue(1);

        clock.now.set(clock.instant().plus(FigureCache.FRESH_FOR).plus(Duration.ofSeconds(1)));
        // The view that finds the entry old answers at once with the previous figures and starts the refresh.
        FigureCache.Entry<String> found = view(cache, "key", figures);
        assertThat(found.value()).isEqualTo("first");
        assertThat(found.computedAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(refreshing.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(refreshedOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(refreshedIn.get()).isEqualTo(WORKSPACE);
        // While the refresh runs, another view answers at once with the previous figures, and starts no other.
        FigureCache.Entry<String> meanwhile = view(cache, "key", figures);
        assertThat(meanwhile.value()).isEqualTo("first");
        assertThat(meanwhile.computedAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
        // One refresh at a time: the views meanwhile started none.
        assertThat(computed).hasValue(2);
        slow.countDown();
        // Once it is done, every view gets the new figures.
        FigureCache.Entry<String> refreshed = found;
        for (int i = 0; i < 500 && !refreshed.value().equals("second"); i++) {
            Thread.sleep(10);
            refreshed = view(cache, "key", figures);
        }
        assertThat(refreshed.value()).isEqualTo("second");
        assertThat(refreshed.computedAt()).isEqualTo(Instant.parse("2026-11-30T09:01:01Z"));
        refresher.shutdown();
    }

    @Test
    void theSameFiguresOfAnotherWorkspaceAreComputedForThatWorkspace() {
        FigureCache cache = new FigureCache(new MovableClock(), Runnable::run);
        UUID other = UUID.fromString("00000000-0000-0000-0000-00000000000b");
        assertThat(view(cache, "key", () -> "mine").value()).isEqualTo("mine");
        assertThat(CurrentTenant.callAs(other, () -> cache.get("key", at -> "theirs"))
                        .value())
                .isEqualTo("theirs");
        assertThat(view(cache, "key", () -> "not computed").value()).isEqualTo("mine");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
