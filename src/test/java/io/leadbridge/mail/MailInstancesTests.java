package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.ExtraInstances;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Notifications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several instances on one database: with two sending to the same SMTP server, each mail arrives once; a mail kept by
 * an instance without a mail server is sent by "send again" on one that has one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailInstancesTests extends MailServerTest {

    @Autowired
    Environment environment;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    Notifications notifications;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    private ExtraInstances instances;
    private ConfigurableApplicationContext withMail;
    private ConfigurableApplicationContext withoutMail;

    @BeforeAll
    void startInstances() {
        instances = new ExtraInstances(environment);
        withMail = instances.start(
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMailServer.PORT,
                "--leadbridge.mail.send-interval=PT0.2S",
                "--leadbridge.mail.initial-delay=PT0.2S",
                "--leadbridge.mail.digest-initial-delay=PT10H");
        withoutMail = instances.start("--leadbridge.mail.digest-initial-delay=PT10H");
    }

    @AfterAll
    void stopThem() {
        instances.close();
    }

    @Test
    void withTwoInstancesSendingEachMailArrivesOnce() {
        TestWorkspace workspace = workspaces.create();
        List<SignedInAccount> people =
                List.of(workspace.marketer(), workspace.salesRep(), workspace.liaison(), workspace.admin());
        int rounds = 10;
        for (int i = 0; i < rounds; i++) {
            // Half the mails are written by each instance; both send whatever is due.
            Notifications from = i % 2 == 0 ? notifications : withMail.getBean(Notifications.class);
            PlatformTransactionManager transactions =
                    i % 2 == 0 ? transactionManager : withMail.getBean(PlatformTransactionManager.class);
            String lead = "Lead " + i;
            CurrentTenant.runAs(
                    workspace.tenantId(),
                    () -> new TransactionTemplate(transactions)
                            .executeWithoutResult(status -> from.notify(
                                    people.stream()
                                            .map(SignedInAccount::accountId)
                                            .toList(),
                                    "notification.mentioned",
                                    List.of("Mara", lead),
                                    "/leads/1")));
        }

        for (SignedInAccount person : people) {
            List<MimeMessage> received = TestMailServer.awaitExactly(person.getEmail(), rounds);
            assertThat(received).as(person.getEmail()).hasSize(rounds);
            Set<String> texts = received.stream()
                    .map(Mails::text)
                    .map(text -> text.substring(0, text.indexOf(" on Lead ") + 11))
                    .collect(Collectors.toSet());
            assertThat(texts).as("each mail once").hasSize(rounds);
        }
        assertThat(owner.count(
                        "select count(*) from mail_delivery where tenant_id = ? and status = 'SENT'",
                        workspace.tenantId()))
                .isEqualTo(rounds * people.size());
    }

    @Test
    void aMailKeptWithoutAMailServerIsSentAgainOnceOneIsConfigured() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> new TransactionTemplate(withoutMail.getBean(PlatformTransactionManager.class))
                        .executeWithoutResult(status -> withoutMail
                                .getBean(Notifications.class)
                                .notify(
                                        List.of(rep.accountId()),
                                        "notification.handedToYou",
                                        List.of("Mara", "Becker GmbH"),
                                        "/leads/7")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> owner.count(
                                "select count(*) from mail_delivery where tenant_id = ? and status = 'NOT_CONFIGURED'",
                                workspace.tenantId())
                        == 1);
        long id = owner.jdbc()
                .sql("select id from mail_delivery where tenant_id = ?")
                .param(workspace.tenantId())
                .query(Long.class)
                .single();
        assertThat(mvc.perform(get("/admin/deliveries")
                                .param("status", "NOT_CONFIGURED")
                                .with(user(workspace.admin())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("data-delivery-id=\"" + id + "\"")
                .contains("Not sent: no mail server configured");
        assertThat(TestMailServer.to(rep.getEmail())).isEmpty();

        assertThat(mvc.perform(post("/admin/deliveries/" + id + "/resend")
                                .with(user(workspace.admin()))
                                .with(csrf()))
                        .andReturn()
                        .getFlashMap()
                        .get("flashSuccess"))
                .isEqualTo("deliveries.queued");

        List<MimeMessage> received = TestMailServer.awaitExactly(rep.getEmail(), 1);
        assertThat(received).hasSize(1);
        assertThat(Mails.text(received.get(0))).contains("Mara handed Becker GmbH to you.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> owner.count(
                                "select count(*) from mail_delivery where tenant_id = ? and status = 'SENT'",
                                workspace.tenantId())
                        == 1);
    }
}
