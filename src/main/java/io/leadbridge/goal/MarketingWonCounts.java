package io.leadbridge.goal;

import io.leadbridge.tenant.KeptCount;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The won-from-marketing day counts ({@code marketing_won_day_count}), kept by this module's triggers on {@code lead} and
 * {@code handoff} (migration V46, ADR 0020) and folded with the other kept counts
 * ({@link io.leadbridge.tenant.KeptCountFolds}).
 */
@Configuration(proxyBeanMethods = false)
class MarketingWonCounts {

    @Bean
    KeptCount marketingWonDayCounts() {
        return new KeptCount("Won-from-marketing day counts", "fold_marketing_won_deltas");
    }
}
