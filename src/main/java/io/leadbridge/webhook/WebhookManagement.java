package io.leadbridge.webhook;

import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspace's webhook endpoints and their delivery log, for the admin's pages. Every statement runs in the
 * signed-in admin's workspace (row-level security, and the workspace named in the statement): another workspace's id
 * is not found.
 */
@Service
public class WebhookManagement {

    public static final int URL_MAX = 2000;
    public static final int DESCRIPTION_MAX = 200;
    public static final int LOG_PAGE = 25;
    /** The most endpoints a workspace may have (each event is written once per endpoint that wants it). */
    public static final int MAX_ENDPOINTS = 50;

    private final JdbcClient jdbc;
    private final AddressGuard guard;
    private final Deliveries deliveries;
    private final Clock clock;

    WebhookManagement(JdbcClient jdbc, AddressGuard guard, Deliveries deliveries, Clock clock) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** The last delivery of an endpoint, as its list shows it. */
    public record LastDelivery(String state, Integer status, String error, Instant at) {}

    /** An endpoint, without its secret. {@code disabledReason} is MANUAL, FAILING or REFUSED when not enabled. */
    public record Endpoint(
            long id,
            String url,
            String description,
            List<String> events,
            boolean enabled,
            String disabledReason,
            Instant disabledAt,
            Instant createdAt,
            long version,
            LastDelivery last) {

        public boolean wants(String type) {
            return events.contains(type);
        }
    }

    /** One delivery in an endpoint's log. {@code state} is PENDING, DELIVERED or FAILED. */
    public record Delivery(
            long id,
            long endpointId,
            String messageId,
            String eventType,
            Instant createdAt,
            String state,
            int attempts,
            Integer lastStatus,
            String lastError,
            Instant lastAttemptAt,
            Instant nextAttemptAt) {

        /** The error is a message key (a refused address) rather than the network's own words. */
        public boolean errorIsMessageKey() {
            return lastError != null && lastError.startsWith("webhooks.");
        }
    }

    /** A page of the log, newest first; {@code nextBefore} is the id to continue below, or null at the end. */
    public record DeliveryPage(List<Delivery> deliveries, Long nextBefore) {}

    /** An endpoint just registered (or its secret just rotated): the secret, to show once. */
    public record Secret(long endpointId, String secret) {}

    private static final String ENDPOINT_COLUMNS = """
            e.id, e.url, e.description, e.events, e.enabled, e.disabled_reason, e.disabled_at, e.created_at,
            e.version, l.state, l.last_status, l.last_error, coalesce(l.last_attempt_at, l.created_at) as last_at
            from webhook_endpoint e
            left join lateral (select d.state, d.last_status, d.last_error, d.last_attempt_at, d.created_at
                               from webhook_delivery d
                               where d.tenant_id = e.tenant_id and d.endpoint_id = e.id
                               order by d.id desc limit 1) l on true
            """;

    @Transactional(readOnly = true)
    public List<Endpoint> endpoints() {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " where e.tenant_id = :tenant order by e.id limit :limit")
                .param("limit", MAX_ENDPOINTS * 2)
                .param("tenant", CurrentTenant.require())
                .query(WebhookManagement::endpoint)
                .list();
    }

    @Transactional(readOnly = true)
    public Endpoint endpoint(long id) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " where e.tenant_id = :tenant and e.id = :id")
                .param("tenant", CurrentTenant.require())
                .param("id", id)
                .query(WebhookManagement::endpoint)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /**
     * What is wrong with a URL an admin typed, as a message key, or empty: it must be an absolute http(s) URL with a
     * host, no user name or password in it, and a host that resolves to public addresses only (unless the operator
     * allowed it). Resolves the host.
     */
    public Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("webhooks.url.invalid");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute()
                || !(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            return Optional.of("webhooks.url.invalid");
        }
        AddressGuard.Refusal refusal = guard.check(uri);
        return refusal == null ? Optional.empty() : Optional.of(refusal.messageKey);
    }

    /** Whether the workspace may register one more endpoint ({@link #MAX_ENDPOINTS}). */
    @Transactional(readOnly = true)
    public boolean roomForAnother() {
        return jdbc.sql("select count(*) from webhook_endpoint where tenant_id = :tenant")
                        .param("tenant", CurrentTenant.require())
                        .query(Long.class)
                        .single()
                < MAX_ENDPOINTS;
    }

    /** Registers an endpoint (its URL checked by {@link #urlProblem} before) and answers its new secret. */
    @Transactional
    public Secret register(String url, String description, Collection<WebhookEvent> events, long adminId) {
        String secret = Signatures.newSecret();
        long id = jdbc.sql("""
                        insert into webhook_endpoint (tenant_id, url, description, events, secret, created_by, created_at)
                        values (:tenant, :url, :description, string_to_array(:events, ','), :secret, :by, :now)
                        returning id
                        """)
                .param("tenant", CurrentTenant.require())
                .param("url", url.trim())
                .param("description", blankToNull(description))
                .param("events", types(events))
                .param("secret", secret)
                .param("by", adminId)
                .param("now", Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        return new Secret(id, secret);
    }

    /** A new secret for the endpoint, from the next attempt on (deliveries already written keep their body). */
    @Transactional
    public Secret rotateSecret(long id) {
        String secret = Signatures.newSecret();
        int changed = jdbc.sql("""
                        update webhook_endpoint set secret = :secret, version = version + 1
                        where tenant_id = :tenant and id = :id
                        """)
                .param("secret", secret)
                .param("tenant", CurrentTenant.require())
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
        return new Secret(id, secret);
    }

    /** Changes the events an endpoint wants; false when it changed since the admin saw it ({@code version}). */
    @Transactional
    public boolean changeEvents(long id, Collection<WebhookEvent> events, long version) {
        endpoint(id);
        return jdbc.sql("""
                        update webhook_endpoint set events = string_to_array(:events, ','), version = version + 1
                        where tenant_id = :tenant and id = :id and version = :version
                        """)
                        .param("events", types(events))
                        .param("tenant", CurrentTenant.require())
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Enables an endpoint again: what waited for it is sent from now on. */
    @Transactional
    public void enable(long id) {
        setEnabled(id, true);
    }

    @Transactional
    public void disable(long id) {
        setEnabled(id, false);
    }

    private void setEnabled(long id, boolean enabled) {
        int changed = jdbc.sql("""
                        update webhook_endpoint
                        set enabled = :enabled,
                            disabled_reason = case when :enabled then null else 'MANUAL' end,
                            disabled_at = case when :enabled then null else cast(:now as timestamptz) end,
                            version = version + 1
                        where tenant_id = :tenant and id = :id
                        """)
                .param("enabled", enabled)
                .param("now", Timestamp.from(clock.instant()))
                .param("tenant", CurrentTenant.require())
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
    }

    /** Deletes an endpoint with its log. */
    @Transactional
    public void delete(long id) {
        int changed = jdbc.sql("delete from webhook_endpoint where tenant_id = :tenant and id = :id")
                .param("tenant", CurrentTenant.require())
                .param("id", id)
                .update();
        if (changed == 0) {
            throw new NotFoundException();
        }
    }

    /** Writes a test event for the endpoint, sent like any other delivery. */
    @Transactional
    public void sendTest(long id) {
        endpoint(id);
        deliveries.write(id, WebhookEvent.TEST_TYPE, Map.of("endpointId", id, "test", true));
    }

    /** An endpoint's log, newest first, {@link #LOG_PAGE} at a time below the delivery {@code before} (or from the top). */
    @Transactional(readOnly = true)
    public DeliveryPage deliveries(long endpointId, Long before) {
        endpoint(endpointId);
        return page("and endpoint_id = :endpoint", endpointId, before);
    }

    /**
     * The workspace's deliveries to all its endpoints, newest first, {@link #LOG_PAGE} at a time below the delivery
     * {@code before} (or from the top): the webhook part of {@code /admin/deliveries}.
     */
    @Transactional(readOnly = true)
    public DeliveryPage allDeliveries(Long before) {
        return page("and :endpoint = 0", 0, before);
    }

    private DeliveryPage page(String endpointCondition, long endpointId, Long before) {
        List<Delivery> rows = jdbc.sql("""
                        select id, endpoint_id, message_id, event_type, created_at, state, attempts, last_status,
                               last_error, last_attempt_at, next_attempt_at
                        from webhook_delivery
                        where tenant_id = :tenant %s and id < :before
                        order by id desc limit :limit
                        """.formatted(endpointCondition))
                .param("tenant", CurrentTenant.require())
                .param("endpoint", endpointId)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", LOG_PAGE + 1)
                .query(WebhookManagement::delivery)
                .list();
        if (rows.size() > LOG_PAGE) {
            List<Delivery> page = rows.subList(0, LOG_PAGE);
            return new DeliveryPage(List.copyOf(page), page.get(LOG_PAGE - 1).id());
        }
        return new DeliveryPage(rows, null);
    }

    @Transactional(readOnly = true)
    public Delivery delivery(long id) {
        return jdbc.sql("""
                        select id, endpoint_id, message_id, event_type, created_at, state, attempts, last_status,
                               last_error, last_attempt_at, next_attempt_at
                        from webhook_delivery where tenant_id = :tenant and id = :id
                        """)
                .param("tenant", CurrentTenant.require())
                .param("id", id)
                .query(WebhookManagement::delivery)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /**
     * Sends a delivery again, with the same id and body (a receiver that saw it drops the repeat): due now, with the
     * whole retry schedule ahead of it. Answers its endpoint's id. An endpoint that is disabled sends it once enabled.
     */
    @Transactional
    public long sendAgain(long deliveryId) {
        return jdbc.sql("""
                        update webhook_delivery
                        set state = 'PENDING', attempts = 0, next_attempt_at = :now
                        where tenant_id = :tenant and id = :id
                        returning endpoint_id
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("tenant", CurrentTenant.require())
                .param("id", deliveryId)
                .query(Long.class)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** The types, comma-separated (none holds a comma), for {@code string_to_array}. */
    private static String types(Collection<WebhookEvent> events) {
        return String.join(
                ",", events.stream().map(WebhookEvent::type).distinct().sorted().toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Endpoint endpoint(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("state");
        LastDelivery last = state == null
                ? null
                : new LastDelivery(
                        state,
                        (Integer) rs.getObject("last_status"),
                        rs.getString("last_error"),
                        instant(rs, "last_at"));
        return new Endpoint(
                rs.getLong("id"),
                rs.getString("url"),
                rs.getString("description"),
                strings(rs.getArray("events")),
                rs.getBoolean("enabled"),
                rs.getString("disabled_reason"),
                instant(rs, "disabled_at"),
                instant(rs, "created_at"),
                rs.getLong("version"),
                last);
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("endpoint_id"),
                rs.getString("message_id"),
                rs.getString("event_type"),
                instant(rs, "created_at"),
                rs.getString("state"),
                rs.getInt("attempts"),
                (Integer) rs.getObject("last_status"),
                rs.getString("last_error"),
                instant(rs, "last_attempt_at"),
                instant(rs, "next_attempt_at"));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static UUID tenant() {
        return CurrentTenant.require();
    }
}
