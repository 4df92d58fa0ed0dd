package io.leadbridge.webhook;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes deliveries: one row per endpoint, with the body it will send on every attempt. Nothing here calls HTTP; the
 * {@link WebhookSender} does, later.
 */
@Component
class Deliveries {

    /** The most a body may hold; a larger one is sent without its {@code data}, which then says so. */
    static final int MAX_BODY_BYTES = 65_536;

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    Deliveries(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Whether any enabled endpoint of the workspace wants the event (most workspaces have none: nothing to build). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean wanted(WebhookEvent event) {
        return jdbc.sql("select exists (select 1 from webhook_endpoint where tenant_id = :tenant and enabled"
                        + " and :type = any (events))")
                .param("tenant", CurrentTenant.require())
                .param("type", event.type())
                .query(Boolean.class)
                .single();
    }

    /** One delivery of {@code type} to every enabled endpoint of the workspace that wants it. */
    @Transactional(propagation = Propagation.MANDATORY)
    int writeToSubscribers(WebhookEvent event, Map<String, Object> data) {
        List<Long> endpoints = jdbc.sql("""
                        select id from webhook_endpoint
                        where tenant_id = :tenant and enabled and :type = any (events)
                        order by id limit 100
                        """)
                .param("tenant", CurrentTenant.require())
                .param("type", event.type())
                .query(Long.class)
                .list();
        if (endpoints.isEmpty()) {
            return 0;
        }
        String body = body(event.type(), data);
        for (long endpoint : endpoints) {
            insert(endpoint, event.type(), body);
        }
        return endpoints.size();
    }

    /** One delivery to one endpoint, whatever it subscribed to (the admin's test event). */
    @Transactional(propagation = Propagation.MANDATORY)
    void write(long endpointId, String type, Map<String, Object> data) {
        insert(endpointId, type, body(type, data));
    }

    private void insert(long endpoint, String type, String body) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into webhook_delivery
                            (tenant_id, endpoint_id, message_id, event_type, body, created_at, state, next_attempt_at)
                        values (:tenant, :endpoint, :message, :type, :body, :now, 'PENDING', :now)
                        """)
                .param("tenant", CurrentTenant.require())
                .param("endpoint", endpoint)
                .param("message", "msg_" + UUID.randomUUID().toString().replace("-", ""))
                .param("type", type)
                .param("body", body)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** {@code {"type": …, "timestamp": …, "data": {…}}}, bounded to {@link #MAX_BODY_BYTES}. */
    String body(String type, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", clock.instant().toString());
        payload.put("data", data);
        String body = json.writeValueAsString(payload);
        if (body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BODY_BYTES) {
            return body;
        }
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("truncated", true);
        if (data.get("lead") instanceof io.leadbridge.lead.LeadResource lead) {
            cut.put("leadId", lead.id());
        }
        payload.put("data", cut);
        return json.writeValueAsString(payload);
    }
}
