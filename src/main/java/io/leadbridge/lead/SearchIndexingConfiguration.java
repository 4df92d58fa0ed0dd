package io.leadbridge.lead;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The search job's own thread ({@link LeadSearchIndexing}): its rounds (up to {@value
 * LeadSearchIndexing#TRANSACTIONS_PER_ROUND} transactions) run here, not on the scheduler's threads, which the SLA watch
 * and the other jobs share. One thread; the job hands it a round only when none is running, so its queue never holds
 * more than one. At the stop a running round ends after its current transaction (the thread is interrupted as soon as
 * the context closes, and the round asks between transactions); what is left stays in the backlog for the next start.
 */
@Configuration(proxyBeanMethods = false)
class SearchIndexingConfiguration {

    static final String ROUNDS = "leadSearchIndexRounds";
    static final String THREAD_NAME_PREFIX = "lead-search-index-";

    @Bean(ROUNDS)
    ThreadPoolTaskExecutor leadSearchIndexRounds() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(THREAD_NAME_PREFIX);
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(1);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setStrictEarlyShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }
}
