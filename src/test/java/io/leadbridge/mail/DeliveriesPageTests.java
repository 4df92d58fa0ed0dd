package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without a mail server (the tests' usual application has no {@code spring.mail.host}, like the demo): a mail is kept
 * as "not sent: no mail server configured", listed for the admin, never an error; "send again" keeps it while there
 * is still none. Only the workspace's admin sees the list, and another workspace's mail is not found.
 */
@IntegrationTest
class DeliveriesPageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs handoffs;

    @Autowired
    OwnerDatabase owner;

    @Test
    void withoutAMailServerTheMailIsKeptAndListedAsNotSent() throws Exception {
        TestWorkspace workspace = workspaces.create();
        handoffs.handedOff(workspace);
        long id = awaitDelivery(workspace);

        String page = mvc.perform(get("/admin/deliveries").with(user(workspace.admin())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("data-delivery-id=\"" + id + "\"")
                .contains("Not sent: no mail server configured")
                .contains(workspace.salesRep().getEmail())
                .contains("Leads handed to you")
                .contains("No mail server is configured")
                .contains("href=\"/admin/webhooks\"")
                .contains("action=\"/admin/deliveries/" + id + "/resend\"");

        String sent = mvc.perform(
                        get("/admin/deliveries").param("status", "SENT").with(user(workspace.admin())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(sent).doesNotContain("data-delivery-id=\"" + id + "\"").contains("No mails yet.");

        org.springframework.test.web.servlet.MvcResult again = mvc.perform(post("/admin/deliveries/" + id + "/resend")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(302);
        assertThat(again.getFlashMap().get("flashError")).isEqualTo("deliveries.stillNotConfigured");
        assertThat(owner.count(
                        "select count(*) from mail_delivery where tenant_id = ? and id = ? and status = 'NOT_CONFIGURED'",
                        workspace.tenantId(),
                        id))
                .isEqualTo(1);
    }

    @Test
    void anotherWorkspacesMailIsNotFoundAndOnlyAdminsSeeTheList() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        handoffs.handedOff(workspace);
        long id = awaitDelivery(workspace);

        assertThat(mvc.perform(post("/admin/deliveries/" + id + "/resend")
                                .with(user(other.admin()))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(get("/admin/deliveries").with(user(other.admin())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("data-delivery-id=\"" + id + "\"");
        assertThat(mvc.perform(get("/admin/deliveries").with(user(workspace.salesRep())))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/admin/deliveries")
                                .param("status", "NONSENSE")
                                .param("before", "x")
                                .with(user(workspace.admin())))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    private long awaitDelivery(TestWorkspace workspace) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> owner.count("select count(*) from mail_delivery where tenant_id = ?", workspace.tenantId())
                        == 1);
        return owner.jdbc()
                .sql("select id from mail_delivery where tenant_id = ?")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
    }
}
