package io.leadbridge.lead;

import io.leadbridge.tenant.OldRows;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The intake API's remembered answers ({@code idempotent_request}: one per {@code Idempotency-Key} or external id a
 * client sent) are forgotten {@code leadbridge.intake.replay-keep} (a day) after they were written, so the table stays
 * bounded. A retry after that creates nothing either: it is answered as a new request, and a lead whose e-mail address
 * or external id exists already is a duplicate ({@code forget_old_intake_replays}, V51).
 */
@Configuration(proxyBeanMethods = false)
class IntakeReplays {

    @Bean
    OldRows oldIntakeReplays(@Value("${leadbridge.intake.replay-keep:P1D}") Duration keep) {
        return new OldRows("Intake: remembered answers to retries", "forget_old_intake_replays", keep);
    }
}
