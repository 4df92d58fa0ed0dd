package io.leadbridge.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets sent and failed mails, and the items of digests made, {@code leadbridge.mail.keep} (30 days) after they were
 * written, so the outbox stays bounded; waiting and never-sent mails stay until they are sent. Every instance runs it;
 * deleting twice deletes nothing twice.
 */
@Component
class MailHousekeeping {

    static final int PER_CALL = 10_000;
    private static final Logger log = LoggerFactory.getLogger(MailHousekeeping.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keep;

    MailHousekeeping(JdbcClient jdbc, Clock clock, @Value("${leadbridge.mail.keep:P30D}") Duration keep) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "${leadbridge.mail.housekeeping-initial-delay:PT5M}")
    void forget() {
        int forgotten = forgetBefore(clock.instant().minus(keep));
        if (forgotten > 0) {
            log.info("Mail: {} old mails and digest items forgotten", forgotten);
        }
    }

    int forgetBefore(Instant before) {
        return jdbc.sql("select forget_old_mail(?, ?)")
                .params(Timestamp.from(before), PER_CALL)
                .query(Integer.class)
                .single();
    }
}
