package io.leadbridge.webhook;

import io.leadbridge.tenant.OldRows;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Delivered and failed webhook deliveries are forgotten {@code leadbridge.webhooks.keep} (30 days) after they were
 * written, so the delivery log stays bounded; pending ones stay until they are sent or given up
 * ({@code forget_old_webhook_deliveries}, V51).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryHousekeeping {

    @Bean
    OldRows oldWebhookDeliveries(@Value("${leadbridge.webhooks.keep:P30D}") Duration keep) {
        return new OldRows("Webhooks: delivered and failed deliveries", "forget_old_webhook_deliveries", keep);
    }
}
