package io.leadbridge.lead;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The imports' threads: {@value LeadImports#CHECKS_AT_ONCE} for checking files, one for importing. Their queues hold
 * what {@link LeadImports}' slots let in (a slot is taken before a task is queued, so a queue never overflows). At a
 * stop, work already running may finish for a while; what is left is picked up by {@link ImportRecovery} at the next
 * start (a check is queued again, an interrupted import is closed as failed).
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    static final String CHECKS = "leadImportChecks";
    static final String RUNS = "leadImportRuns";

    @Bean(CHECKS)
    ThreadPoolTaskExecutor leadImportChecks() {
        return executor(
                "lead-import-check-",
                LeadImports.CHECKS_AT_ONCE,
                LeadImports.CHECKS_AT_ONCE + LeadImports.CHECKS_WAITING);
    }

    @Bean(RUNS)
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
