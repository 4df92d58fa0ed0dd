package io.leadbridge.dashboard;

import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The figure cache's refresh thread ({@link FigureCache}): {@value FigureCache#REFRESHERS}, with a queue of {@value
 * FigureCache#QUEUED_REFRESHES}; a refresh the queue cannot take runs on the request that found its entry old. A daemon,
 * stopped with the application: a refresh running at the stop finishes (Spring's coordinated stop of its executors
 * waits for it, the pool's await-termination then bounds it), the queued ones are dropped, since a lost refresh is made
 * by the next view. The executors of the lead imports and the criteria re-evaluations, by contrast, finish their queue:
 * their work is recorded and would otherwise be resumed at the next start.
 */
@Configuration(proxyBeanMethods = false)
class FigureCacheConfiguration {

    static final String REFRESHES = "dashboardRefreshes";
    static final String THREAD_NAME_PREFIX = "dashboard-refresh-";
    static final int AWAIT_TERMINATION_SECONDS = 10;

    @Bean(REFRESHES)
    ThreadPoolTaskExecutor dashboardRefreshes() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(THREAD_NAME_PREFIX);
        executor.setCorePoolSize(FigureCache.REFRESHERS);
        executor.setMaxPoolSize(FigureCache.REFRESHERS);
        executor.setQueueCapacity(FigureCache.QUEUED_REFRESHES);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(false);
        executor.setAwaitTerminationSeconds(AWAIT_TERMINATION_SECONDS);
        return executor;
    }
}
