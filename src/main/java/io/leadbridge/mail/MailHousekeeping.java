package io.leadbridge.mail;

import io.leadbridge.tenant.OldRows;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sent and failed mails, and the items of digests made, are forgotten {@code leadbridge.mail.keep} (30 days) after
 * they were written, so the outbox stays bounded; waiting and never-sent mails stay until they are sent
 * ({@code forget_old_mail}, V35; called by the tenant module's {@link io.leadbridge.tenant.OldRowsHousekeeping}).
 */
@Configuration(proxyBeanMethods = false)
class MailHousekeeping {

    @Bean
    OldRows oldMail(@Value("${leadbridge.mail.keep:P30D}") Duration keep) {
        return new OldRows("Mail: sent and failed mails and digest items", "forget_old_mail", keep);
    }
}
