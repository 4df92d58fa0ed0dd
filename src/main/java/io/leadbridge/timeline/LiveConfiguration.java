package io.leadbridge.timeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The live streams' sender (ADR 0007): one thread, so that every stream gets what happened in the order it happened,
 * and a bounded queue of {@value LiveStreams#QUEUED} deliveries (when it is full, {@link LiveStreams} ends the streams
 * concerned and they catch up when they reconnect). At a stop the streams are ended first ({@link LiveStreams#stop()});
 * what is still queued then finds no stream, and the sender waits a little for it rather than cutting a write off.
 */
@Configuration(proxyBeanMethods = false)
class LiveConfiguration {

    static final String SENDER = "liveStreamSender";

    @Bean(SENDER)
    ThreadPoolTaskExecutor liveStreamSender() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("live-stream-sender-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setQueueCapacity(LiveStreams.QUEUED);
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }
}
