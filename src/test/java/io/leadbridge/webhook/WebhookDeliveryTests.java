package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Webhooks against a real HTTP server in the test (the JDK's, on loopback, which the tests' setting
 * {@code leadbridge.webhooks.allowed-hosts} lets through): what a receiver gets after a decision in the app, how a
 * failing receiver is retried and then disabled, that a private address is refused, and that no delivery holds up the
 * request that caused it.
 */
@IntegrationTest
class WebhookDeliveryTests {

    private static final Duration AT_MOST = Duration.ofSeconds(40);

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    WebhookManagement webhooks;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    ObjectMapper json;

    @Test
    void anAcceptedHandoffIsPostedOnceSignedPerStandardWebhooksWithTheLeadAsTheApiShowsIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        try (Receiver receiver = new Receiver(204)) {
            WebhookManagement.Secret endpoint = register(workspace, receiver, WebhookEvent.HANDOFF_ACCEPTED);
            LeadView lead = given.handedOff(workspace);

            mvc.perform(post("/leads/{id}/accept", lead.id())
                            .param("version", Long.toString(lead.version()))
                            .with(user(workspace.salesRep()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());

            await().atMost(AT_MOST).until(() -> receiver.requests().size() >= 1);
            Thread.sleep(1500); // room for a second, wrong delivery to arrive
            assertThat(receiver.requests()).hasSize(1);
            Receiver.Request request = receiver.requests().get(0);

            assertThat(request.header("content-type")).startsWith("application/json");
            String id = request.header("webhook-id");
            assertThat(id).startsWith("msg_");
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(60);
            // The documented algorithm, computed here on its own: HMAC-SHA256 over "id.timestamp.body", keyed with the
            // base64-decoded secret after whsec_, base64-encoded, after "v1,".
            assertThat(request.header("webhook-signature"))
                    .isEqualTo("v1," + hmac(endpoint.secret(), id + "." + timestamp + "." + request.body()));

            JsonNode body = json.readTree(request.body());
            assertThat(body.get("type").asString()).isEqualTo("handoff.accepted");
            assertThat(Instant.parse(body.get("timestamp").asString())).isBefore(Instant.now());
            assertThat(body.get("data").get("rep").get("id").asLong())
                    .isEqualTo(workspace.salesRep().accountId());
            String key = apiKeys.create(workspace, "CRM check").value();
            JsonNode api = json.readTree(
                    mvc.perform(get("/api/v1/leads/{id}", lead.id()).header("Authorization", "Bearer " + key))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsString(StandardCharsets.UTF_8));
            assertThat(body.get("data").get("lead")).isEqualTo(api);
            assertThat(api.get("stage").asString()).isEqualTo("SALES_ACCEPTED");

            await().atMost(AT_MOST)
                    .until(() -> owner.jdbc()
                            .sql("select state from webhook_delivery where tenant_id = ? and message_id = ?")
                            .param(workspace.tenantId())
                            .param(id)
                            .query(String.class)
                            .single()
                            .equals("DELIVERED"));
            Map<String, Object> row = owner.jdbc()
                    .sql("select attempts, last_status from webhook_delivery where tenant_id = ? and message_id = ?")
                    .param(workspace.tenantId())
                    .param(id)
                    .query()
                    .singleRow();
            assertThat(row).containsEntry("attempts", 1).containsEntry("last_status", 204);
        }
    }

    @Test
    void aFailingEndpointIsRetriedWithGrowingDelaysThenDisabledAndTheAdminsAreTold() throws Exception {
        TestWorkspace workspace = workspaces.create();
        try (Receiver receiver = new Receiver(500)) {
            long endpoint =
                    register(workspace, receiver, WebhookEvent.HANDOFF_ACCEPTED).endpointId();
            CurrentTenant.runAs(workspace.tenantId(), () -> webhooks.sendTest(endpoint));

            // The schedule the tests set: 1 s, 2 s, 3 s after the first attempt's failures — four attempts in all.
            List<Duration> planned = new ArrayList<>();
            await().atMost(AT_MOST).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, Object> row = delivery(workspace, endpoint);
                Timestamp next = (Timestamp) row.get("next_attempt_at");
                Timestamp last = (Timestamp) row.get("last_attempt_at");
                int attempts = (Integer) row.get("attempts");
                if ("PENDING".equals(row.get("state")) && last != null && next != null && attempts > planned.size()) {
                    Duration gap = Duration.between(last.toInstant(), next.toInstant());
                    if (gap.compareTo(Duration.ofSeconds(10)) < 0) { // not a lease of an attempt in flight
                        planned.add(gap);
                    }
                }
                return "FAILED".equals(row.get("state"));
            });

            assertThat(receiver.requests()).hasSize(4);
            assertThat(receiver.requests().stream()
                            .map(r -> r.header("webhook-id"))
                            .distinct())
                    .as("every attempt carries the delivery's one id")
                    .hasSize(1);
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < 4; i++) {
                gaps.add(Duration.between(
                        receiver.requests().get(i - 1).at(),
                        receiver.requests().get(i).at()));
            }
            assertThat(gaps.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(gaps.get(1))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1900))
                    .isGreaterThan(gaps.get(0));
            assertThat(gaps.get(2))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(2900))
                    .isGreaterThan(gaps.get(1));
            assertThat(planned)
                    .as("each next attempt was recorded one delay after the last")
                    .allSatisfy(gap -> assertThat(gap).isBetween(Duration.ofMillis(900), Duration.ofMillis(3600)));
            assertThat(planned).isSortedAccordingTo(Duration::compareTo);

            Map<String, Object> row = delivery(workspace, endpoint);
            assertThat(row).containsEntry("attempts", 4).containsEntry("last_status", 500);
            assertThat(row.get("next_attempt_at")).isNull();
            assertThat(owner.jdbc()
                            .sql("select enabled, disabled_reason from webhook_endpoint where tenant_id = ? and id = ?")
                            .param(workspace.tenantId())
                            .param(endpoint)
                            .query()
                            .singleRow())
                    .containsEntry("enabled", false)
                    .containsEntry("disabled_reason", "FAILING");
            assertThat(owner.count(
                            "select count(*) from notification where tenant_id = ? and recipient_id = ?"
                                    + " and message_key = 'notification.webhookDisabled' and link = ?"
                                    + " and arguments::text like ?",
                            workspace.tenantId(),
                            workspace.admin().accountId(),
                            "/admin/webhooks/" + endpoint,
                            "%" + receiver.url() + "%"))
                    .isEqualTo(1);

            Thread.sleep(1500);
            assertThat(receiver.requests()).as("nothing more once failed").hasSize(4);
        }
    }

    @Test
    void aPrivateAddressIsRefusedAtRegistrationAndAtDeliveryUnlessTheSettingAllowsIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            assertThat(webhooks.urlProblem("http://10.1.2.3/hooks")).contains("webhooks.refused.private");
            assertThat(webhooks.urlProblem("https://192.168.178.1/")).contains("webhooks.refused.private");
            assertThat(webhooks.urlProblem("http://169.254.169.254/latest/meta-data/"))
                    .contains("webhooks.refused.private");
            assertThat(webhooks.urlProblem("http://metadata.google.internal/computeMetadata/v1/"))
                    .contains("webhooks.refused.metadata");
            assertThat(webhooks.urlProblem("http://[::1]:8080/")).contains("webhooks.refused.private");
            assertThat(webhooks.urlProblem("http://127.0.0.2/")).contains("webhooks.refused.private");
            // Loopback 127.0.0.1 is what the tests' setting allows.
            assertThat(webhooks.urlProblem("http://127.0.0.1:9/hooks")).isEmpty();
        });

        // An endpoint whose address is refused by the time a delivery goes out (registered before the operator's
        // setting changed, or its name now resolves elsewhere): the delivery fails at once with the reason, is not
        // retried, and the endpoint is disabled.
        long endpoint = owner.jdbc()
                .sql("""
                        insert into webhook_endpoint (tenant_id, url, events, secret, created_by, created_at)
                        values (?, 'http://10.1.2.3:9/hooks', '{handoff.accepted}',
                                'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', ?, now())
                        returning id
                        """)
                .param(workspace.tenantId())
                .param(workspace.admin().accountId())
                .query(Long.class)
                .single();
        CurrentTenant.runAs(workspace.tenantId(), () -> webhooks.sendTest(endpoint));

        await().atMost(AT_MOST)
                .until(() -> "FAILED".equals(delivery(workspace, endpoint).get("state")));
        assertThat(delivery(workspace, endpoint))
                .containsEntry("attempts", 1)
                .containsEntry("last_error", "webhooks.refused.private");
        assertThat(owner.jdbc()
                        .sql("select disabled_reason from webhook_endpoint where tenant_id = ? and id = ?")
                        .param(workspace.tenantId())
                        .param(endpoint)
                        .query(String.class)
                        .single())
                .isEqualTo("REFUSED");
    }

    @Test
    void noDeliveryHoldsUpTheRequestThatCausedIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        try (Receiver receiver = new Receiver(200).after(Duration.ofSeconds(5))) {
            register(workspace, receiver, WebhookEvent.HANDOFF_ACCEPTED);
            LeadView lead = given.handedOff(workspace);

            long started = System.nanoTime();
            mvc.perform(post("/leads/{id}/accept", lead.id())
                            .param("version", Long.toString(lead.version()))
                            .with(user(workspace.salesRep()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(receiver.requests()).as("not sent while the request ran").isEmpty();
            await().atMost(AT_MOST).until(() -> receiver.requests().size() == 1);
            await().atMost(AT_MOST)
                    .until(() -> owner.count(
                                    "select count(*) from webhook_delivery where tenant_id = ? and state = 'DELIVERED'",
                                    workspace.tenantId())
                            == 1);
        }
    }

    private WebhookManagement.Secret register(TestWorkspace workspace, Receiver receiver, WebhookEvent... events) {
        return CurrentTenant.callAs(
                workspace.tenantId(),
                () -> webhooks.register(
                        receiver.url(),
                        "CRM",
                        List.of(events),
                        workspace.admin().accountId()));
    }

    private Map<String, Object> delivery(TestWorkspace workspace, long endpoint) {
        return owner.jdbc()
                .sql("""
                        select state, attempts, last_status, last_error, last_attempt_at, next_attempt_at
                        from webhook_delivery where tenant_id = ? and endpoint_id = ?
                        """)
                .param(workspace.tenantId())
                .param(endpoint)
                .query()
                .singleRow();
    }

    static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
