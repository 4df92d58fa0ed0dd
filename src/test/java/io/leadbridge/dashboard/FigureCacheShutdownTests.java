package io.leadbridge.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.dashboard.FigureCacheTests.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The figure cache's refresh thread is the application's: it runs as a daemon named {@code dashboard-refresh-}, a
 * refresh running when the application closes finishes first, and once the application is closed the thread is gone,
 * a paused application's too (the test framework pauses a cached context when it switches to another).
 */
class FigureCacheShutdownTests {

    private final MovableClock clock = new MovableClock();

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withBean(Clock.class, () -> clock)
            .withUserConfiguration(FigureCacheConfiguration.class, FigureCache.class);

    /** Figures whose every computation after the first is a refresh: it says on which thread it ran, then {@code work}. */
    private static Supplier<String> figures(AtomicReference<Thread> refreshedOn, Runnable work) {
        AtomicInteger computed = new AtomicInteger();
        return () -> {
            if (computed.incrementAndGet() > 1) {
                refreshedOn.set(Thread.currentThread());
                work.run();
            }
            return "figures";
        };
    }

    /** Views the figures, then again once they are old: that view starts their refresh. */
    private void viewUntilRefreshed(FigureCache cache, Supplier<String> figures) {
        FigureCacheTests.view(cache, "key", figures);
        clock.now.set(clock.instant().plus(FigureCache.FRESH_FOR).plusSeconds(1));
        FigureCacheTests.view(cache, "key", figures);
    }

    @Test
    void theRefreshThreadIsGoneOnceTheApplicationIsClosed() {
        application.run(context -> {
            AtomicReference<Thread> refreshedOn = new AtomicReference<>();
            CountDownLatch refreshed = new CountDownLatch(1);
            viewUntilRefreshed(context.getBean(FigureCache.class), figures(refreshedOn, refreshed::countDown));
            assertThat(refreshed.await(5, TimeUnit.SECONDS)).isTrue();
            Thread thread = refreshedOn.get();
            assertThat(thread.getName()).startsWith(FigureCacheConfiguration.THREAD_NAME_PREFIX);
            assertThat(thread.isDaemon()).isTrue();
            assertThat(thread.isAlive()).isTrue();

            context.close();

            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        });
    }

    @Test
    void aRefreshRunningWhenTheApplicationClosesFinishesFirst() {
        application.run(context -> {
            AtomicReference<Thread> refreshedOn = new AtomicReference<>();
            CountDownLatch running = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            AtomicBoolean interrupted = new AtomicBoolean();
            viewUntilRefreshed(context.getBean(FigureCache.class), figures(refreshedOn, () -> {
                running.countDown();
                try {
                    Thread.sleep(1_000);
                    finished.set(true);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }));
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            context.close();

            assertThat(interrupted).isFalse();
            assertThat(finished).isTrue();
            refreshedOn.get().join(5_000);
            assertThat(refreshedOn.get().isAlive()).isFalse();
        });
    }

    @Test
    void aPausedApplicationWithARefreshDueClosesAtOnceAndItsThreadIsGone() {
        application.run(context -> {
            FigureCache cache = context.getBean(FigureCache.class);
            AtomicReference<Thread> refreshedOn = new AtomicReference<>();
            // The thread exists before the pause (it ran a first refresh); the pause then holds the next one.
            CountDownLatch first = new CountDownLatch(1);
            viewUntilRefreshed(cache, figures(refreshedOn, first::countDown));
            assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
            Thread thread = refreshedOn.get();
            context.pause();
            clock.now.set(clock.instant().plus(FigureCache.FRESH_FOR).plusSeconds(1));
            FigureCacheTests.view(cache, "key", () -> "figures");
            Thread.sleep(200);

            long closing = System.nanoTime();
            context.close();

            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        });
    }
}
