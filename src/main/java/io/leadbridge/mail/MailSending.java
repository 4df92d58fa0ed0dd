package io.leadbridge.mail;

import io.leadbridge.tenant.CurrentTenant;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends the outbox's due mails, on every instance, each mail once. A short transaction claims a batch of due mails with
 * {@code FOR UPDATE SKIP LOCKED} and moves their next attempt a lease into the future (so no other instance takes them
 * meanwhile); each is then written and sent outside any transaction, and marked sent — or, when the server failed,
 * tried again after a backoff that doubles from {@code leadbridge.mail.retry.first} up to {@code
 * leadbridge.mail.retry.max}, and given up as failed, with the reason, once it has waited {@code
 * leadbridge.mail.retry.give-up-after}. A round that took half the lease hands its remaining mails back unsent. Only
 * an instance that died (or lost the database) between sending a mail and marking it sent may see it sent again once
 * its lease ran out: at least once, and once unless that happens. Without a mail server configured nothing is sent (the mails were kept as not configured).
 */
@Component
class MailSending {

    static final int BATCH = 20;
    static final int WORKSPACES_PER_ROUND = 100;
    static final int ERROR_LENGTH = 500;
    private static final Logger log = LoggerFactory.getLogger(MailSending.class);

    private final JdbcClient jdbc;
    private final ConfiguredMailSender mailSender;
    private final MailTexts texts;
    private final ObjectMapper json;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final String from;
    private final Duration lease;
    private final Duration first;
    private final Duration max;
    private final Duration giveUpAfter;

    MailSending(
            JdbcClient jdbc,
            ConfiguredMailSender mailSender,
            MailTexts texts,
            ObjectMapper json,
            Clock clock,
            PlatformTransactionManager transactionManager,
            @Value("${leadbridge.mail.from:LeadBridge <leadbridge@localhost>}") String from,
            @Value("${leadbridge.mail.lease:PT2M}") Duration lease,
            @Value("${leadbridge.mail.retry.first:PT1M}") Duration first,
            @Value("${leadbridge.mail.retry.max:PT1H}") Duration max,
            @Value("${leadbridge.mail.retry.give-up-after:PT24H}") Duration giveUpAfter) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.texts = texts;
        this.json = json;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.from = from;
        this.lease = lease;
        this.first = first;
        this.max = max;
        this.giveUpAfter = giveUpAfter;
    }

    /** What one round did. */
    record Round(int sent, int failed) {}

    @Scheduled(
            fixedDelayString = "${leadbridge.mail.send-interval:PT5S}",
            initialDelayString = "${leadbridge.mail.initial-delay:PT10S}")
    void send() {
        Round round = sendDue();
        if (round.sent() + round.failed() > 0) {
            log.info("Mail: {} sent, {} not sent this time", round.sent(), round.failed());
        }
    }

    Round sendDue() {
        JavaMailSender sender = mailSender.get();
        if (sender == null) {
            return new Round(0, 0);
        }
        List<UUID> workspaces = jdbc.sql("select workspaces_with_due_mail(?, ?)")
                .params(Timestamp.from(clock.instant()), WORKSPACES_PER_ROUND)
                .query(UUID.class)
                .list();
        int sent = 0;
        int failed = 0;
        for (UUID workspace : workspaces) {
            int[] done = CurrentTenant.callAs(workspace, () -> sendIn(sender));
            sent += done[0];
            failed += done[1];
        }
        return new Round(sent, failed);
    }

    private int[] sendIn(JavaMailSender sender) {
        int sent = 0;
        int failed = 0;
        Instant claimed = clock.instant();
        for (MailTexts.Outgoing mail : claim(claimed)) {
            if (Duration.between(claimed, clock.instant()).compareTo(lease.dividedBy(2)) > 0) {
                // A slow server: hand the rest back before the lease runs out, so no other instance sends them too.
                release(mail);
                continue;
            }
            try {
                MailTexts.Written written = texts.write(mail);
                MimeMessage message = sender.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
                helper.setFrom(from);
                helper.setTo(mail.address());
                helper.setSubject(written.subject());
                helper.setText(written.text(), written.html());
                // RFC 2369 and RFC 8058: one-click unsubscribe from this kind of mail.
                message.setHeader("List-Unsubscribe", "<" + written.unsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                sender.send(message);
                markSent(mail);
                sent++;
            } catch (Exception e) {
                failed++;
                tryAgainLater(mail, e);
            }
        }
        return new int[] {sent, failed};
    }

    /** Claims the workspace's due mails: their next attempt moves a lease ahead, and their attempts count one more. */
    List<MailTexts.Outgoing> claim(Instant now) {
        return transaction.execute(status -> jdbc.sql("""
                        update mail_delivery d set attempts = d.attempts + 1, next_attempt_at = :leaseEnd
                        from (select id from mail_delivery
                              where tenant_id = :tenant and status = 'WAITING' and next_attempt_at <= :now
                              order by next_attempt_at, id limit :batch
                              for update skip locked) due
                        where d.tenant_id = :tenant and d.id = due.id and d.status = 'WAITING'
                        returning d.id, d.attempts, d.recipient_id, d.address, d.kind, d.language, d.message_key,
                                  d.arguments::text as arguments, d.link, d.digest_day
                        """)
                .param("tenant", CurrentTenant.require())
                .param("now", Timestamp.from(now))
                .param("leaseEnd", Timestamp.from(now.plus(lease)))
                .param("batch", BATCH)
                .query((rs, row) -> new MailTexts.Outgoing(
                        rs.getLong("id"),
                        rs.getInt("attempts"),
                        rs.getLong("recipient_id"),
                        rs.getString("address"),
                        rs.getString("kind"),
                        rs.getString("language"),
                        rs.getString("message_key"),
                        json.readValue(rs.getString("arguments"), new TypeReference<List<String>>() {}),
                        rs.getString("link"),
                        rs.getObject("digest_day", java.time.LocalDate.class)))
                .list());
    }

    private void markSent(MailTexts.Outgoing mail) {
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        update mail_delivery set status = 'SENT', sent_at = ?, last_error = null
                        where tenant_id = ? and id = ? and attempts = ? and status = 'WAITING'
                        """)
                .params(Timestamp.from(clock.instant()), CurrentTenant.require(), mail.id(), mail.attempts())
                .update());
    }

    /** Gives a claimed mail back unsent and uncounted, due at once. */
    private void release(MailTexts.Outgoing mail) {
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        update mail_delivery set attempts = attempts - 1, next_attempt_at = ?
                        where tenant_id = ? and id = ? and attempts = ? and status = 'WAITING'
                        """)
                .params(Timestamp.from(clock.instant()), CurrentTenant.require(), mail.id(), mail.attempts())
                .update());
    }

    private void tryAgainLater(MailTexts.Outgoing mail, Exception cause) {
        Instant now = clock.instant();
        String error = describe(cause);
        log.warn("Mail {} not sent (attempt {}): {}", mail.id(), mail.attempts(), error);
        try {
            transaction.executeWithoutResult(status -> jdbc.sql("""
                            update mail_delivery
                            set status = case when waiting_since + cast(:giveUp as interval) <= :now then 'FAILED'
                                              else 'WAITING' end,
                                next_attempt_at = :next, last_error = :error
                            where tenant_id = :tenant and id = :id and attempts = :attempts and status = 'WAITING'
                            """)
                    .param("giveUp", giveUpAfter.toSeconds() + " seconds")
                    .param("now", Timestamp.from(now))
                    .param("next", Timestamp.from(now.plus(backoff(mail.attempts()))))
                    .param("error", error)
                    .param("tenant", CurrentTenant.require())
                    .param("id", mail.id())
                    .param("attempts", mail.attempts())
                    .update());
        } catch (RuntimeException e) {
            // The lease runs out and the mail is tried again.
            log.warn("Mail {}: could not record the failed attempt", mail.id(), e);
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: first, doubling, at most max. */
    Duration backoff(int attempts) {
        Duration wait = first;
        for (int i = 1; i < attempts && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    static String describe(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = cause; t != null && text.length() < ERROR_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String flat = text.toString().replaceAll("\\s+", " ");
        return flat.length() > ERROR_LENGTH ? flat.substring(0, ERROR_LENGTH - 1) + "…" : flat;
    }
}
