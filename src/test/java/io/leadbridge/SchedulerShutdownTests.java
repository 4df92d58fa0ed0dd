package io.leadbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The scheduler as application.yaml configures it ({@code spring.task.scheduling.*}) stops promptly and gracefully: a
 * job that is running when the application closes finishes and no other starts; and an application paused while a job
 * came due (the test framework pauses a cached context when it switches to another) still closes at once, rather than
 * waiting the whole await-termination period for a scheduler thread that stays parked.
 */
class SchedulerShutdownTests {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withConfiguration(AutoConfigurations.of(TaskSchedulingAutoConfiguration.class))
            .withUserConfiguration(Jobs.class);

    @Test
    void aPausedApplicationWithAJobDueClosesAtOnce() {
        application.run(context -> {
            Job job = context.getBean(Job.class);
            assertThat(job.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            context.pause();
            // The job is due every 50 ms: while paused, the scheduler's thread takes the next run and waits.
            Thread.sleep(500);

            long closing = System.nanoTime();
            context.close();

            assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(5));
        });
    }

    @Test
    void aJobRunningWhenTheApplicationClosesFinishesAndNoOtherStarts() {
        application.withPropertyValues("test.job.millis=1000").run(context -> {
            Job job = context.getBean(Job.class);
            assertThat(job.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

            context.close();

            assertThat(job.finished).hasValue(1);
            assertThat(job.started).hasValue(1);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Jobs {

        @Bean
        Job job(@Value("${test.job.millis:0}") long millis) {
            return new Job(millis);
        }
    }

    static class Job {

        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        private final long millis;

        Job(long millis) {
            this.millis = millis;
        }

        @Scheduled(fixedDelay = 50)
        void run() throws InterruptedException {
            started.incrementAndGet();
            firstStarted.countDown();
            Thread.sleep(millis);
            finished.incrementAndGet();
        }
    }
}
