package io.leadbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The admin's pages at {@code /admin/webhooks}: validation at the field, the secret shown once, the log, send again. */
@IntegrationTest
class WebhookPagesTests {

    private static final Pattern SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]+");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    WebhookManagement webhooks;

    @Test
    void aFormWithABadAddressOrNoEventIsShownAgainWithTheErrorsAtTheFields() throws Exception {
        TestWorkspace workspace = workspaces.create();

        String page = mvc.perform(post("/admin/webhooks")
                        .param("url", "")
                        .param("description", "CRM")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("form", "url", "NotBlank"))
                .andExpect(model().attributeHasFieldErrorCode("form", "events", "NotEmpty"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Please fill this in.", "Choose at least one event.");

        assertFieldError(workspace, "ftp://crm.example.com/hooks", "webhooks.url.invalid");
        assertFieldError(workspace, "https://user:pw@crm.example.com/hooks", "webhooks.url.invalid");
        assertFieldError(workspace, "http://192.168.0.10/hooks", "webhooks.refused.private");
        assertFieldError(workspace, "http://169.254.169.254/latest/meta-data", "webhooks.refused.private");
        assertFieldError(workspace, "https://" + "a".repeat(2000) + ".example.com/", "Size");
        assertThat(owner.count("select count(*) from webhook_endpoint where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void aWorkspaceHasAtMostFiftyEndpoints() throws Exception {
        TestWorkspace workspace = workspaces.create();
        owner.jdbc()
                .sql("""
                        insert into webhook_endpoint (tenant_id, url, events, secret, created_by, created_at)
                        select ?, 'http://127.0.0.1:9/hooks/' || n, '{lead.won}', 'whsec_x', ?, now()
                        from generate_series(1, ?) n
                        """)
                .param(workspace.tenantId())
                .param(workspace.admin().accountId())
                .param(WebhookManagement.MAX_ENDPOINTS)
                .update();

        String page = mvc.perform(post("/admin/webhooks")
                        .param("url", "http://127.0.0.1:9/one-more")
                        .param("events", "LEAD_WON")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasErrors("form"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("at most 50 endpoints");
        assertThat(owner.count("select count(*) from webhook_endpoint where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(WebhookManagement.MAX_ENDPOINTS);
    }

    private void assertFieldError(TestWorkspace workspace, String url, String code) throws Exception {
        mvc.perform(post("/admin/webhooks")
                        .param("url", url)
                        .param("events", "HANDOFF_ACCEPTED")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("form", "url", code));
    }

    @Test
    void theSecretIsShownOnceAfterRegistrationAndOnceMoreAfterARotation() throws Exception {
        TestWorkspace workspace = workspaces.create();

        MvcResult registered = mvc.perform(post("/admin/webhooks")
                        .param("url", "http://127.0.0.1:9/hooks")
                        .param("description", "Our CRM")
                        .param("events", "HANDOFF_ACCEPTED", "LEAD_WON")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        long id = owner.jdbc()
                .sql("select id from webhook_endpoint where tenant_id = ?")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        assertThat(registered.getResponse().getRedirectedUrl()).isEqualTo("/admin/webhooks/" + id + "/secret");
        String shown = secretShown(workspace, registered);
        assertThat(Base64.getDecoder().decode(shown.substring("whsec_".length())))
                .hasSize(32);
        assertThat(storedSecret(workspace, id)).isEqualTo(shown);
        assertThat(owner.jdbc()
                        .sql("select array_to_string(events, ',') from webhook_endpoint where tenant_id = ?")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo("handoff.accepted,lead.won");

        // Loaded again (a reload, the back button): the secret is gone from every page.
        String again = page(get("/admin/webhooks/{id}/secret", id), workspace);
        assertThat(again).doesNotContain(shown).doesNotContainPattern(SECRET).contains("shown once");
        assertThat(page(get("/admin/webhooks/{id}", id), workspace)).doesNotContainPattern(SECRET);
        assertThat(page(get("/admin/webhooks"), workspace))
                .doesNotContainPattern(SECRET)
                .contains("http://127.0.0.1:9/hooks", "Our CRM", "handoff.accepted");

        MvcResult rotated = mvc.perform(post("/admin/webhooks/{id}/rotate", id)
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        String next = secretShown(workspace, rotated);
        assertThat(next).isNotEqualTo(shown);
        assertThat(storedSecret(workspace, id)).isEqualTo(next);
    }

    @Test
    void theLogShowsEachDeliveryAndSendsOneAgainWithTheSameIdAndBody() throws Exception {
        TestWorkspace workspace = workspaces.create();
        try (Receiver receiver = new Receiver(202)) {
            long id = CurrentTenant.callAs(
                            workspace.tenantId(),
                            () -> webhooks.register(
                                    receiver.url(),
                                    null,
                                    List.of(WebhookEvent.LEAD_WON),
                                    workspace.admin().accountId()))
                    .endpointId();
            mvc.perform(post("/admin/webhooks/{id}/test", id)
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("flashSuccess", "webhooks.testQueued"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> owner.count(
                                    "select count(*) from webhook_delivery where tenant_id = ? and state = 'DELIVERED'",
                                    workspace.tenantId())
                            == 1);
            String page = page(get("/admin/webhooks/{id}", id), workspace);
            assertThat(page).contains("webhook.test", "HTTP 202", "Delivered");
            long delivery = owner.jdbc()
                    .sql("select id from webhook_delivery where tenant_id = ?")
                    .param(workspace.tenantId())
                    .query(Long.class)
                    .single();

            mvc.perform(post("/admin/webhooks/deliveries/{id}/resend", delivery)
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("flashSuccess", "webhooks.sentAgain"));

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.requests().size() == 2);
            List<Receiver.Request> requests = receiver.requests();
            assertThat(requests.get(1).header("webhook-id"))
                    .isEqualTo(requests.get(0).header("webhook-id"));
            assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
            assertThat(requests.get(0).body()).contains("\"type\":\"webhook.test\"");
        }
    }

    @Test
    void theLogIsPagedNewestFirstAndAnEndpointCanBeDisabledEnabledEditedAndDeleted() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> webhooks.register(
                                "http://127.0.0.1:9/hooks",
                                null,
                                List.of(WebhookEvent.LEAD_WON),
                                workspace.admin().accountId()))
                .endpointId();
        act(workspace, "/admin/webhooks/{id}/disable", id);
        assertThat(endpoint(workspace, id)).containsEntry("enabled", false).containsEntry("disabled_reason", "MANUAL");
        for (int i = 0; i < 30; i++) {
            CurrentTenant.runAs(workspace.tenantId(), () -> webhooks.sendTest(id));
        }
        String first = page(get("/admin/webhooks/{id}", id), workspace);
        assertThat(rows(first)).isEqualTo(WebhookManagement.LOG_PAGE);
        assertThat(first).contains("Disabled by an admin").contains("id=\"older\"");
        Matcher older = Pattern.compile("href=\"(/admin/webhooks/" + id + "\\?before=\\d+)\"")
                .matcher(first);
        assertThat(older.find()).isTrue();
        String second = page(get(older.group(1)), workspace);
        assertThat(rows(second)).isEqualTo(5);
        assertThat(second).doesNotContain("id=\"older\"");
        assertThat(owner.count(
                        "select count(*) from webhook_delivery where tenant_id = ? and attempts > 0",
                        workspace.tenantId()))
                .as("nothing is sent to a disabled endpoint")
                .isZero();

        act(workspace, "/admin/webhooks/{id}/enable", id);
        assertThat(endpoint(workspace, id)).containsEntry("enabled", true);

        long version = (Long) endpoint(workspace, id).get("version");
        mvc.perform(post("/admin/webhooks/{id}/events", id)
                        .param("events", "LEAD_LOST", "DISPUTE_DECIDED")
                        .param("version", Long.toString(version))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "webhooks.eventsSaved"));
        assertThat(endpoint(workspace, id)).containsEntry("events", "dispute.decided,lead.lost");
        mvc.perform(post("/admin/webhooks/{id}/events", id)
                        .param("events", "LEAD_WON")
                        .param("version", Long.toString(version))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "webhooks.changedMeanwhile"));
        mvc.perform(post("/admin/webhooks/{id}/events", id)
                        .param("version", Long.toString(version + 1))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("eventsForm", "events", "NotEmpty"));

        // Without JavaScript's confirmation, a page asks first.
        assertThat(page(post("/admin/webhooks/{id}/delete", id).with(csrf()), workspace))
                .contains("id=\"confirm-delete\"");
        assertThat(owner.count("select count(*) from webhook_endpoint where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
        mvc.perform(post("/admin/webhooks/{id}/delete", id)
                        .param("confirmed", "true")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "webhooks.deleted"));
        assertThat(owner.count("select count(*) from webhook_endpoint where tenant_id = ?", workspace.tenantId()))
                .isZero();
        assertThat(owner.count("select count(*) from webhook_delivery where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void anotherWorkspacesEndpointsAndDeliveriesAreNotFound() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        long id = CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> webhooks.register(
                                "http://127.0.0.1:9/hooks",
                                null,
                                List.of(WebhookEvent.LEAD_WON),
                                workspace.admin().accountId()))
                .endpointId();
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            webhooks.disable(id);
            webhooks.sendTest(id);
        });
        long delivery = owner.jdbc()
                .sql("select id from webhook_delivery where tenant_id = ?")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        Map<String, Object> before = endpoint(workspace, id);

        for (MockHttpServletRequestBuilder request : List.of(
                get("/admin/webhooks/{id}", id),
                get("/admin/webhooks/{id}/secret", id),
                post("/admin/webhooks/{id}/rotate", id),
                post("/admin/webhooks/{id}/events", id)
                        .param("events", "LEAD_LOST")
                        .param("version", "1"),
                post("/admin/webhooks/{id}/disable", id),
                post("/admin/webhooks/{id}/enable", id),
                post("/admin/webhooks/{id}/test", id),
                post("/admin/webhooks/{id}/delete", id).param("confirmed", "true"),
                post("/admin/webhooks/deliveries/{id}/resend", delivery))) {
            MockHttpServletResponse response = mvc.perform(
                            request.with(user(other.admin())).with(csrf()))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(request.toString()).isEqualTo(404);
        }
        assertThat(page(get("/admin/webhooks"), other)).doesNotContain("127.0.0.1:9");
        assertThat(endpoint(workspace, id)).isEqualTo(before);
        assertThat(owner.count("select count(*) from webhook_delivery where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void theDeliveriesPagesWebhookTabListsEveryEndpointsDeliveriesOfTheWorkspaceOnly() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        long first = registerDisabled(workspace, "http://127.0.0.1:9/first");
        long second = registerDisabled(workspace, "http://127.0.0.1:9/second");
        long elsewhere = registerDisabled(other, "http://127.0.0.1:9/elsewhere");
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            webhooks.sendTest(first);
            webhooks.sendTest(second);
        });
        CurrentTenant.runAs(other.tenantId(), () -> webhooks.sendTest(elsewhere));

        String page = page(get("/admin/deliveries/webhooks"), workspace);
        assertThat(rows(page)).isEqualTo(2);
        assertThat(page).contains("http://127.0.0.1:9/first", "http://127.0.0.1:9/second", "webhook.test");
        assertThat(page).doesNotContain("/elsewhere");
        assertThat(page(get("/admin/deliveries/webhooks"), other))
                .contains("/elsewhere")
                .doesNotContain("/first");
        // The mail tab links to it.
        assertThat(page(get("/admin/deliveries"), workspace)).contains("href=\"/admin/deliveries/webhooks\"");
    }

    private long registerDisabled(TestWorkspace workspace, String url) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> {
            long id = webhooks.register(
                            url,
                            null,
                            List.of(WebhookEvent.LEAD_WON),
                            workspace.admin().accountId())
                    .endpointId();
            // Disabled, so the test events wait in the log instead of being sent.
            webhooks.disable(id);
            return id;
        });
    }

    private String secretShown(TestWorkspace workspace, MvcResult redirect) throws Exception {
        String page = mvc.perform(get(redirect.getResponse().getRedirectedUrl())
                        .with(BrowserSessions.with(BrowserSessions.cookie(redirect)))
                        .with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Matcher secret = SECRET.matcher(page);
        assertThat(secret.find()).as("the page shows the secret").isTrue();
        return secret.group();
    }

    private String storedSecret(TestWorkspace workspace, long id) {
        return owner.jdbc()
                .sql("select secret from webhook_endpoint where tenant_id = ? and id = ?")
                .param(workspace.tenantId())
                .param(id)
                .query(String.class)
                .single();
    }

    private Map<String, Object> endpoint(TestWorkspace workspace, long id) {
        return owner.jdbc()
                .sql("""
                        select enabled, disabled_reason, version, array_to_string(events, ',') as events
                        from webhook_endpoint where tenant_id = ? and id = ?
                        """)
                .param(workspace.tenantId())
                .param(id)
                .query()
                .singleRow();
    }

    private void act(TestWorkspace workspace, String path, long id) throws Exception {
        mvc.perform(post(path, id).with(user(workspace.admin())).with(csrf())).andExpect(status().is3xxRedirection());
    }

    private String page(MockHttpServletRequestBuilder request, TestWorkspace workspace) throws Exception {
        return mvc.perform(request.with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static int rows(String page) {
        return (int) Pattern.compile("<tr id=\"delivery-\\d+\"")
                .matcher(page)
                .results()
                .count();
    }
}
