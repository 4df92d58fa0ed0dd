package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantManagement;
import io.leadbridge.tenant.Workspace;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gathers each person's waiting notifications into one mail a day, once their digest time has passed in the
 * workspace's time zone. Exactly once per person and day however many instances gather at the same moment: the
 * digest's mail is unique per person and day ({@code mail_delivery_digest}); the instance whose insert wins marks the
 * items as that day's, the other's insert does nothing. Items that arrive after the day's digest wait for tomorrow's.
 */
@Component
class DailyDigests {

    static final int WORKSPACES_PER_ROUND = 100;
    static final int PEOPLE_PER_WORKSPACE = 500;
    private static final Logger log = LoggerFactory.getLogger(DailyDigests.class);

    private final JdbcClient jdbc;
    private final MailPreferences preferences;
    private final MailOutbox outbox;
    private final TenantManagement tenants;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DailyDigests(
            JdbcClient jdbc,
            MailPreferences preferences,
            MailOutbox outbox,
            TenantManagement tenants,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.outbox = outbox;
        this.tenants = tenants;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.mail.digest-interval:PT1M}",
            initialDelayString = "${leadbridge.mail.digest-initial-delay:PT30S}")
    void gather() {
        int made = gather(clock.instant());
        if (made > 0) {
            log.info("Mail: {} daily digests gathered", made);
        }
    }

    /** Gathers the digests due at {@code now}; answers how many were made. */
    int gather(Instant now) {
        List<UUID> workspaces = jdbc.sql("select workspaces_with_waiting_digests(?)")
                .param(WORKSPACES_PER_ROUND)
                .query(UUID.class)
                .list();
        int made = 0;
        for (UUID workspace : workspaces) {
            made += CurrentTenant.callAs(workspace, () -> transaction.execute(status -> gatherIn(now)));
        }
        return made;
    }

    private int gatherIn(Instant now) {
        ZoneId zone = tenants.current()
                .map(Workspace::timeZone)
                .flatMap(DailyDigests::zone)
                .orElse(ZoneId.of(TenantManagement.DEFAULT_TIME_ZONE));
        ZonedDateTime local = now.atZone(zone);
        List<Long> people = jdbc.sql("""
                        select distinct recipient_id from mail_digest_item
                        where tenant_id = ? and digest_day is null
                        order by recipient_id limit ?
                        """)
                .params(CurrentTenant.require(), PEOPLE_PER_WORKSPACE)
                .query(Long.class)
                .list();
        int made = 0;
        for (long person : people) {
            MailPreferences.Settings settings = preferences.of(person);
            if (local.toLocalTime().isBefore(settings.digestTime())) {
                continue;
            }
            Optional<String> address = outbox.addressOf(person);
            if (address.isEmpty()) {
                continue;
            }
            LocalDate day = local.toLocalDate();
            String language = settings.language().orElseGet(preferences::workspaceLanguage);
            boolean configured = outbox.configured();
            List<Long> inserted = jdbc.sql("""
                            insert into mail_delivery (tenant_id, recipient_id, address, kind, language, message_key,
                                                       digest_day, status)
                            values (?, ?, ?, ?, ?, 'mail.digest.subject', ?, ?)
                            on conflict (tenant_id, recipient_id, digest_day) do nothing
                            returning id
                            """)
                    .params(
                            CurrentTenant.require(),
                            person,
                            address.get(),
                            UnsubscribeLinks.DIGEST,
                            language,
                            day,
                            (configured ? MailOutbox.Status.WAITING : MailOutbox.Status.NOT_CONFIGURED).name())
                    .query(Long.class)
                    .list();
            if (inserted.isEmpty()) {
                continue;
            }
            jdbc.sql("""
                            update mail_digest_item set digest_day = ?
                            where tenant_id = ? and recipient_id = ? and digest_day is null
                            """).params(day, CurrentTenant.require(), person).update();
            made++;
        }
        return made;
    }

    private static Optional<ZoneId> zone(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
