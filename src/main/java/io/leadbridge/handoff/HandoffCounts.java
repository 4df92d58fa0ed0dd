package io.leadbridge.handoff;

import io.leadbridge.tenant.KeptCount;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The handoffs' day counts ({@code handoff_day_count}), kept by the database's triggers on {@code handoff} (migration V42,
 * ADR 0018) and folded with the other kept counts ({@link io.leadbridge.tenant.KeptCountFolds}).
 */
@Configuration(proxyBeanMethods = false)
class HandoffCounts {

    @Bean
    KeptCount handoffDayCounts() {
        return new KeptCount("Handoff day counts", "fold_handoff_day_deltas");
    }
}
