package io.leadbridge.lead;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The imports' threads: {@value LeadImports#CHECKS_AT_ONCE} for checking files, one for importing, and one reader of the
 * file for each of those ({@link ImportReaders}). Their queues hold what {@link LeadImports}' slots let in (a slot is
 * taken before a task is queued, so a queue never overflows). At a stop, work already running may finish for a while;
 * what is left is picked up by {@link ImportRecovery} at the next start (a check is queued again, an interrupted import
 * is closed as failed).
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    static final String CHECKS = "leadImportChecks";
    static final String RUNS = "leadImportRuns";
    static final String READERS = "leadImportReaders";

    /**
     * One reader for each thread that checks or imports a file ({@link ImportReaders}); the checks and the imports
     * depend on it, so at a stop they end before it does.
     */
    @Bean(READERS)
    ThreadPoolTaskExecutor leadImportReaders() {
        int threads = LeadImports.CHECKS_AT_ONCE + 1;
        return executor("lead-import-reader-", threads, threads);
    }

    @Bean(CHECKS)
    @DependsOn(READERS)
    ThreadPoolTaskExecutor leadImportChecks() {
        return executor(
                "lead-import-check-",
                LeadImports.CHECKS_AT_ONCE,
                LeadImports.CHECKS_AT_ONCE + LeadImports.CHECKS_WAITING);
    }

    @Bean(RUNS)
    @DependsOn(READERS)
    ThreadPoolTaskExecutor leadImportRuns() {
        return executor("lead-import-", 1, 1 + LeadImports.RUNS_WAITING);
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads, int queue) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }
}
