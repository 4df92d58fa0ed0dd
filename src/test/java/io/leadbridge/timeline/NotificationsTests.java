package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Notifications are written for each recipient, and each person marks only their own read. */
@IntegrationTest
class NotificationsTests {

    @Autowired
    Notifications notifications;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MockMvc mvc;

    void notify(TestWorkspace workspace, List<Long> recipients, List<String> arguments, String link) {
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> new TransactionTemplate(transactionManager)
                        .executeWithoutResult(
                                status -> notifications.notify(recipients, "notification.mentioned", arguments, link)));
    }

    List<Notifications.Notification> of(TestWorkspace workspace, SignedInAccount person) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> notifications.of(person.accountId()));
    }

    int unread(TestWorkspace workspace, SignedInAccount person) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> notifications.unread(person.accountId()));
    }

    Instant readAt(long id) {
        return owner.jdbc()
                .sql("select read_at from notification where id = ?")
                .param(id)
                .query(java.sql.Timestamp.class)
                .optional()
                .map(java.sql.Timestamp::toInstant)
                .orElse(null);
    }

    @Test
    void eachRecipientGetsOneWithTheArgumentsAsWrittenAndOpensItAtItsLink() throws Exception {
        TestWorkspace workspace = workspaces.create();
        List<String> arguments = List.of("Mära \"the\" Marketer", "Łukasz & Co <b>", "");
        notify(
                workspace,
                List.of(workspace.salesRep().accountId(), workspace.liaison().accountId()),
                arguments,
                "/leads/1#comments");

        for (SignedInAccount person : List.of(workspace.salesRep(), workspace.liaison())) {
            List<Notifications.Notification> list = of(workspace, person);
            assertThat(list).singleElement().satisfies(n -> {
                assertThat(n.messageKey()).isEqualTo("notification.mentioned");
                assertThat(n.arguments()).isEqualTo(arguments);
                assertThat(n.link()).isEqualTo("/leads/1#comments");
                assertThat(n.createdAt()).isNotNull();
                assertThat(n.read()).isFalse();
            });
            assertThat(unread(workspace, person)).isOne();
        }
        assertThat(of(workspace, workspace.marketer())).isEmpty();
        assertThat(owner.count(
                        "select count(*) from notification where tenant_id = ? and arguments = ?::jsonb",
                        workspace.tenantId(),
                        "[\"Mära \\\"the\\\" Marketer\", \"Łukasz & Co <b>\", \"\"]"))
                .isEqualTo(2);

        long id = of(workspace, workspace.salesRep()).get(0).id();
        mvc.perform(post("/notifications/{id}/read", id).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/leads/1#comments"));
        assertThat(of(workspace, workspace.salesRep()).get(0).read()).isTrue();
        assertThat(unread(workspace, workspace.salesRep())).isZero();
        assertThat(unread(workspace, workspace.liaison())).isOne();
    }

    @Test
    void aPersonMarksOnlyTheirOwnReadAndOneReadKeepsWhenItWasFirstRead() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        notify(mine, List.of(mine.salesRep().accountId()), List.of("a"), "/leads/2");
        long id = of(mine, mine.salesRep()).get(0).id();

        mvc.perform(post("/notifications/{id}/read", id).with(csrf()).with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/notifications/{id}/read", id).with(csrf()).with(user(theirs.salesRep())))
                .andExpect(status().isNotFound());
        assertThat(readAt(id)).isNull();

        assertThat(CurrentTenant.callAs(
                        mine.tenantId(),
                        () -> notifications.markRead(mine.salesRep().accountId(), id)))
                .isTrue();
        Instant firstRead = readAt(id);
        assertThat(firstRead).isNotNull();
        assertThat(CurrentTenant.callAs(
                        mine.tenantId(),
                        () -> notifications.markRead(mine.salesRep().accountId(), id)))
                .isTrue();
        assertThat(readAt(id)).isEqualTo(firstRead);
        assertThat(CurrentTenant.callAs(
                        mine.tenantId(),
                        () -> notifications.markRead(mine.salesRep().accountId(), id + 1_000_000)))
                .isFalse();
    }

    @Test
    void markingAllReadMarksTheRecipientsUnreadOnesAndNoOneElses() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        SignedInAccount liaison = workspace.liaison();
        notify(workspace, List.of(rep.accountId(), liaison.accountId()), List.of("first"), "/leads/3");
        long first = of(workspace, rep).get(0).id();
        CurrentTenant.runAs(workspace.tenantId(), () -> notifications.markRead(rep.accountId(), first));
        Instant firstRead = readAt(first);
        notify(workspace, List.of(rep.accountId(), liaison.accountId()), List.of("second"), "/leads/3");
        notify(workspace, List.of(rep.accountId()), List.of("third"), "/leads/3");
        assertThat(unread(workspace, rep)).isEqualTo(2);

        mvc.perform(post("/notifications/read-all").with(csrf()).with(user(rep)))
                .andExpect(redirectedUrl("/notifications"));

        assertThat(unread(workspace, rep)).isZero();
        assertThat(of(workspace, rep))
                .hasSize(3)
                .allSatisfy(n -> assertThat(n.read()).isTrue());
        assertThat(readAt(first)).isEqualTo(firstRead);
        assertThat(unread(workspace, liaison)).isEqualTo(2);
    }
}
