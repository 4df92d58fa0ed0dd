package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.NotificationKind.Delivery;
import io.leadbridge.timeline.PeopleNotified;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The mails to send, an outbox in PostgreSQL. A notification becomes a mail after its transaction committed (the
 * event publication registry keeps {@link PeopleNotified} until this listener succeeded): at once, in the daily digest
 * or not at all, as the recipient chose. Without a mail server configured a mail is kept as {@link
 * Status#NOT_CONFIGURED}, never dropped; the admin sends it again once one is. The admin's list and "send again".
 */
@Service
public class MailOutbox {

    public static final int PAGE_SIZE = 50;

    /** Where a mail stands. */
    public enum Status {
        WAITING,
        SENT,
        FAILED,
        NOT_CONFIGURED
    }

    private final JdbcClient jdbc;
    private final MailPreferences preferences;
    private final ObjectMapper json;
    private final ConfiguredMailSender mailSender;

    MailOutbox(JdbcClient jdbc, MailPreferences preferences, ObjectMapper json, ConfiguredMailSender mailSender) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.json = json;
        this.mailSender = mailSender;
    }

    /** Whether a mail server is configured ({@code spring.mail.host}). */
    public boolean configured() {
        return mailSender.get() != null;
    }

    @ApplicationModuleListener
    void on(PeopleNotified notified) {
        for (PeopleNotified.Item item : notified.items()) {
            Optional<String> address = addressOf(item.recipientId());
            if (address.isEmpty()) {
                continue;
            }
            MailPreferences.Settings settings = preferences.of(item.recipientId());
            Delivery delivery = settings.choice(item.kind());
            String arguments = json.writeValueAsString(item.arguments());
            if (delivery == Delivery.INSTANT) {
                String language = settings.language().orElseGet(preferences::workspaceLanguage);
                jdbc.sql("""
                                insert into mail_delivery (tenant_id, recipient_id, address, kind, language, message_key,
                                                           arguments, link, notification_id, status)
                                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)
                                on conflict (tenant_id, notification_id) do nothing
                                """)
                        .params(
                                CurrentTenant.require(),
                                item.recipientId(),
                                address.get(),
                                item.kind().name(),
                                language,
                                item.messageKey(),
                                arguments,
                                item.link(),
                                item.notificationId(),
                                (configured() ? Status.WAITING : Status.NOT_CONFIGURED).name())
                        .update();
            } else if (delivery == Delivery.DIGEST) {
                jdbc.sql("""
                                insert into mail_digest_item (tenant_id, recipient_id, notification_id, kind, message_key,
                                                              arguments, link)
                                values (?, ?, ?, ?, ?, cast(? as jsonb), ?)
                                on conflict (tenant_id, notification_id) do nothing
                                """)
                        .params(
                                CurrentTenant.require(),
                                item.recipientId(),
                                item.notificationId(),
                                item.kind().name(),
                                item.messageKey(),
                                arguments,
                                item.link())
                        .update();
            }
        }
    }

    /** An active person's address; empty for one deactivated meanwhile. */
    Optional<String> addressOf(long accountId) {
        return jdbc.sql("select email from account_person where tenant_id = ? and id = ? and active")
                .params(CurrentTenant.require(), accountId)
                .query(String.class)
                .optional()
                .filter(address -> !address.isBlank());
    }

    /** A mail as the admin's list shows it. */
    public record Mail(
            long id,
            String address,
            String kind,
            String messageKey,
            Status status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Instant sentAt,
            Instant createdAt) {

        public boolean sendable() {
            return status == Status.FAILED || status == Status.NOT_CONFIGURED;
        }
    }

    /** A page of the workspace's mails, newest first, before the id {@code before} (keyset paging). */
    public record MailPage(List<Mail> mails, Optional<Long> next) {}

    @Transactional(readOnly = true)
    public MailPage page(Optional<Status> status, Optional<Long> before) {
        List<Mail> rows = jdbc.sql("""
                        select id, address, kind, message_key, status, attempts, next_attempt_at, last_error, sent_at,
                               created_at
                        from mail_delivery
                        where tenant_id = :tenant and (cast(:status as varchar) is null or status = :status)
                          and (cast(:before as bigint) is null or id < :before)
                        order by id desc limit :limit
                        """)
                .param("tenant", CurrentTenant.require())
                .param("status", status.map(Enum::name).orElse(null))
                .param("before", before.orElse(null))
                .param("limit", PAGE_SIZE + 1)
                .query((rs, row) -> new Mail(
                        rs.getLong("id"),
                        rs.getString("address"),
                        rs.getString("kind"),
                        rs.getString("message_key"),
                        Status.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        instant(rs.getTimestamp("next_attempt_at")),
                        rs.getString("last_error"),
                        instant(rs.getTimestamp("sent_at")),
                        instant(rs.getTimestamp("created_at"))))
                .list();
        if (rows.size() > PAGE_SIZE) {
            List<Mail> page = rows.subList(0, PAGE_SIZE);
            return new MailPage(
                    List.copyOf(page), Optional.of(page.get(PAGE_SIZE - 1).id()));
        }
        return new MailPage(rows, Optional.empty());
    }

    /** What "send again" did. */
    public enum Resend {
        QUEUED,
        STILL_NOT_CONFIGURED,
        NOT_SENDABLE,
        NOT_FOUND
    }

    /**
     * Sends a failed or never-sent mail again: it waits to be sent at once, with its attempts counted afresh. Without a
     * mail server it stays not configured.
     */
    @Transactional
    public Resend sendAgain(long id, Instant now) {
        Optional<Status> status = jdbc.sql("select status from mail_delivery where tenant_id = ? and id = ? for update")
                .params(CurrentTenant.require(), id)
                .query(String.class)
                .optional()
                .map(Status::valueOf);
        if (status.isEmpty()) {
            return Resend.NOT_FOUND;
        }
        if (status.get() != Status.FAILED && status.get() != Status.NOT_CONFIGURED) {
            return Resend.NOT_SENDABLE;
        }
        if (!configured()) {
            return Resend.STILL_NOT_CONFIGURED;
        }
        jdbc.sql("""
                        update mail_delivery set status = 'WAITING', attempts = 0, next_attempt_at = ?, waiting_since = ?,
                               last_error = null
                        where tenant_id = ? and id = ?
                        """)
                .params(Timestamp.from(now), Timestamp.from(now), CurrentTenant.require(), id)
                .update();
        return Resend.QUEUED;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
