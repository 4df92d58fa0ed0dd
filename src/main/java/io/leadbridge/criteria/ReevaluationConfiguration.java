package io.leadbridge.criteria;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The re-evaluations' thread: one run at a time, the others queued (a bounded queue: a run it cannot take stays
 * recorded as running and {@link ReevaluationRecovery} starts it again at the next start). At a stop the running batch
 * may finish for a while; an interrupted run is resumed the same way.
 */
@Configuration(proxyBeanMethods = false)
class ReevaluationConfiguration {

    static final String EXECUTOR = "criteriaReevaluations";
    static final int QUEUED = 1_000;

    @Bean(EXECUTOR)
    ThreadPoolTaskExecutor criteriaReevaluations() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("criteria-reevaluation-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(QUEUED);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }
}
