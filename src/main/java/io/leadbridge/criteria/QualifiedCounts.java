package io.leadbridge.criteria;

import io.leadbridge.tenant.KeptCount;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The qualified leads' day counts ({@code lead_qualified_count}), kept by the database's triggers on {@code lead_evaluation}
 * (migration V42, ADR 0018) and folded with the other kept counts ({@link io.leadbridge.tenant.KeptCountFolds}).
 */
@Configuration(proxyBeanMethods = false)
class QualifiedCounts {

    @Bean
    KeptCount qualifiedDayCounts() {
        return new KeptCount("Qualified day counts", "fold_lead_qualified_deltas");
    }
}
