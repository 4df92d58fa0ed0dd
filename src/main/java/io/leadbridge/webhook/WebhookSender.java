package io.leadbridge.webhook;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Notifications;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries. Every few seconds ({@code leadbridge.webhooks.send-interval}) each instance finds the workspaces
 * with a delivery due, and in each claims up to {@link #BATCH} of them in a short transaction: rows locked with
 * {@code FOR UPDATE SKIP LOCKED} and given a lease (their next attempt moved past the longest an attempt may take), so
 * however many instances run, each attempt is made by one. The POSTs then run outside any transaction, side by side,
 * with {@link GuardedPost} (connect and request timeouts, no redirects followed, the answer's body not read, and
 * connections only to addresses the {@link AddressGuard} checked), signed per Standard Webhooks; the outcome is recorded in a second
 * short transaction, only if the claim still holds. A 2xx answer delivers; anything else is retried after the next
 * delay of {@code leadbridge.webhooks.retry-delays}; after the last one the delivery has FAILED and, if the endpoint has
 * had no success since the delivery was written, the endpoint is disabled and the workspace's admins are told. An
 * address the {@link AddressGuard} refuses fails the delivery at once, and disables the endpoint the same way.
 */
@Component
class WebhookSender {

    static final int BATCH = 20;
    static final int WORKSPACES = 50;
    static final int ERROR_MAX = 300;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final AddressGuard guard;
    private final Notifications notifications;
    private final AccountManagement accounts;
    private final Clock clock;
    private final GuardedPost http;
    private final Duration requestTimeout;
    private final Duration lease;
    private final List<Duration> retryDelays;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "leadbridge-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean running = new AtomicBoolean();

    WebhookSender(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            AddressGuard guard,
            Notifications notifications,
            AccountManagement accounts,
            Clock clock,
            @Value("${leadbridge.webhooks.connect-timeout:PT5S}") Duration connectTimeout,
            @Value("${leadbridge.webhooks.request-timeout:PT10S}") Duration requestTimeout,
            @Value("${leadbridge.webhooks.retry-delays:PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H}")
                    List<Duration> retryDelays) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.guard = guard;
        this.notifications = notifications;
        this.accounts = accounts;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.retryDelays = List.copyOf(retryDelays);
        // The longest one attempt may take, and then some: a claim older than this belongs to an instance that died.
        this.lease = connectTimeout.plus(requestTimeout).plus(requestTimeout).plusSeconds(30);
        this.http = new GuardedPost(guard, connectTimeout, requestTimeout, BATCH);
    }

    /** How many attempts a delivery gets: the first, and one after each delay. */
    int maxAttempts() {
        return retryDelays.size() + 1;
    }

    /**
     * Starts a round on the sender's own thread, unless one still runs: a round may wait for slow receivers (up to
     * its timeouts), and the scheduler's one thread serves every module's jobs (the SLA watch, the registry's
     * resubmission, …), which must not wait behind it.
     */
    @Scheduled(
            fixedDelayString = "${leadbridge.webhooks.send-interval:PT5S}",
            initialDelayString = "${leadbridge.webhooks.initial-delay:PT10S}")
    void sendDue() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    int sent = sendDue(clock.instant());
                    if (sent > 0) {
                        log.debug("Webhooks: {} attempts made", sent);
                    }
                } catch (RuntimeException e) {
                    log.warn("Webhooks: sending failed, tried again at the next interval", e);
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException stopping) {
            running.set(false);
        }
    }

    /**
     * Stops with the application: a round under way is interrupted; an attempt cut short is made again when its lease
     * ends (at least once).
     */
    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        http.close();
    }

    /** Claims and sends what is due now, workspace by workspace; answers how many attempts were made. */
    int sendDue(Instant now) {
        List<UUID> workspaces = jdbc.sql("select workspaces_with_due_webhook_deliveries(?, ?)")
                .param(Timestamp.from(now))
                .param(WORKSPACES)
                .query(UUID.class)
                .list();
        int attempts = 0;
        for (UUID workspace : workspaces) {
            List<Claim> claims = CurrentTenant.callAs(workspace, () -> transaction.execute(status -> claim(now)));
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            for (Claim claim : claims) {
                outcomes.add(attempt(claim));
            }
            for (int i = 0; i < claims.size(); i++) {
                Claim claim = claims.get(i);
                Outcome outcome = outcomes.get(i).join();
                CurrentTenant.runAs(
                        workspace, () -> transaction.executeWithoutResult(status -> record(claim, outcome)));
                attempts++;
            }
        }
        return attempts;
    }

    record Claim(
            long id,
            long endpointId,
            String messageId,
            String body,
            int attempt,
            Instant createdAt,
            String url,
            String secret) {

        /** Never shows the secret (should a claim ever be logged). */
        @Override
        public String toString() {
            return "Claim[id=%d, endpoint=%d, attempt=%d]".formatted(id, endpointId, attempt);
        }
    }

    /** What an attempt came to: the status (or null) and an error (or null); {@code refused} by the guard. */
    record Outcome(Integer status, String error, boolean refused) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private List<Claim> claim(Instant now) {
        return jdbc.sql("""
                        update webhook_delivery d
                        set attempts = d.attempts + 1, next_attempt_at = :leaseEnd, last_attempt_at = :now
                        from (select w.id from webhook_delivery w
                              join webhook_endpoint we on we.tenant_id = w.tenant_id and we.id = w.endpoint_id
                              where w.tenant_id = :tenant and w.state = 'PENDING' and w.next_attempt_at <= :now
                                and we.enabled
                              order by w.next_attempt_at, w.id limit :batch
                              for update of w skip locked) due,
                             webhook_endpoint e
                        where d.tenant_id = :tenant and d.id = due.id
                          and e.tenant_id = d.tenant_id and e.id = d.endpoint_id
                        returning d.id, d.endpoint_id, d.message_id, d.body, d.attempts, d.created_at, e.url, e.secret
                        """)
                .param("leaseEnd", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("tenant", CurrentTenant.require())
                .param("batch", BATCH)
                .query((rs, row) -> new Claim(
                        rs.getLong("id"),
                        rs.getLong("endpoint_id"),
                        rs.getString("message_id"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("url"),
                        rs.getString("secret")))
                .list();
    }

    /** One POST, outside any transaction; the future always completes (within the timeouts), never exceptionally. */
    private CompletableFuture<Outcome> attempt(Claim claim) {
        URI url;
        try {
            url = URI.create(claim.url());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(null, "webhooks.url.invalid", true));
        }
        AddressGuard.Refusal refusal = guard.check(url);
        if (refusal != null) {
            return CompletableFuture.completedFuture(new Outcome(null, refusal.messageKey, true));
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", claim.messageId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", Signatures.sign(claim.secret(), claim.messageId(), timestamp, claim.body()));
        try {
            return http.post(url, headers, claim.body()).handle((status, failure) -> {
                if (failure == null) {
                    return new Outcome(status, null, false);
                }
                AddressGuard.Refusal refused = GuardedPost.refusal(failure);
                return refused != null
                        ? new Outcome(null, refused.messageKey, true)
                        : new Outcome(null, GuardedPost.describe(failure, ERROR_MAX), false);
            });
        } catch (RuntimeException e) { // the client's threads are busy or stopping
            return CompletableFuture.completedFuture(new Outcome(null, GuardedPost.describe(e, ERROR_MAX), false));
        }
    }

    private void record(Claim claim, Outcome outcome) {
        Instant now = clock.instant();
        String state;
        Instant next;
        if (outcome.delivered()) {
            state = "DELIVERED";
            next = null;
        } else if (outcome.refused() || claim.attempt() >= maxAttempts()) {
            state = "FAILED";
            next = null;
        } else {
            state = "PENDING";
            next = now.plus(retryDelays.get(claim.attempt() - 1));
        }
        int changed = jdbc.sql("""
                        update webhook_delivery
                        set state = :state, next_attempt_at = :next, last_status = :status, last_error = :error
                        where tenant_id = :tenant and id = :id and attempts = :attempt and state = 'PENDING'
                        """)
                .param("state", state)
                .param("next", next == null ? null : Timestamp.from(next))
                .param("status", outcome.status())
                .param("error", outcome.error())
                .param("tenant", CurrentTenant.require())
                .param("id", claim.id())
                .param("attempt", claim.attempt())
                .update();
        if (changed == 0) {
            return; // sent again by an admin meanwhile: that claim is the one that counts
        }
        if (outcome.delivered()) {
            jdbc.sql("""
                            update webhook_endpoint set last_success_at = :now
                            where tenant_id = :tenant and id = :id
                              and (last_success_at is null or last_success_at < :now)
                            """)
                    .param("now", Timestamp.from(now))
                    .param("tenant", CurrentTenant.require())
                    .param("id", claim.endpointId())
                    .update();
        } else if (state.equals("FAILED")) {
            disableIfFailing(claim, outcome, now);
        }
    }

    /**
     * Disables the endpoint of a delivery that has failed for good, if nothing reached it since the delivery was
     * written (persistent failure), and tells the workspace's admins once.
     */
    private void disableIfFailing(Claim claim, Outcome outcome, Instant now) {
        List<String> disabled = jdbc.sql("""
                        update webhook_endpoint
                        set enabled = false, disabled_reason = :reason, disabled_at = :now, version = version + 1
                        where tenant_id = :tenant and id = :id and enabled
                          and (last_success_at is null or last_success_at < :created)
                        returning url
                        """)
                .param("reason", outcome.refused() ? "REFUSED" : "FAILING")
                .param("now", Timestamp.from(now))
                .param("tenant", CurrentTenant.require())
                .param("id", claim.endpointId())
                .param("created", Timestamp.from(claim.createdAt()))
                .query(String.class)
                .list();
        if (disabled.isEmpty()) {
            return;
        }
        List<Long> admins =
                accounts.activeWith(Role.ADMIN).stream().map(Person::id).toList();
        notifications.notify(
                admins,
                "notification.webhookDisabled",
                List.of(disabled.get(0)),
                "/admin/webhooks/" + claim.endpointId());
        log.info("Webhooks: endpoint {} disabled after delivery {} failed for good", claim.endpointId(), claim.id());
    }
}
