package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.NotificationKind;
import io.leadbridge.timeline.NotificationKind.Delivery;
import io.leadbridge.timeline.Notifications;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mails against a real SMTP server: each kind arrives once, in the recipient's language, with a link that opens the
 * page; the daily digest gathers the day's items once; unsubscribing needs no session and changes one kind of one
 * person; with the SMTP server down the mails wait, are retried and arrive once it is back.
 */
class MailDeliveryTests extends MailServerTest {

    /** A key of each kind. */
    static final Map<NotificationKind, String> KEYS = Map.of(
            NotificationKind.HANDED_TO_YOU, "notification.handedToYou",
            NotificationKind.DUE, "notification.dueSoon",
            NotificationKind.ESCALATED, "notification.escalated",
            NotificationKind.DECISION, "notification.handoffAccepted",
            NotificationKind.DISPUTE, "notification.disputeOpened",
            NotificationKind.PROPOSAL, "notification.proposalWaiting",
            NotificationKind.MENTION, "notification.mentioned",
            NotificationKind.RE_ENGAGED, "notification.reEngaged",
            NotificationKind.WORKSPACE, "notification.webhookDisabled");

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs handoffs;

    @Autowired
    Notifications notifications;

    @Autowired
    MailPreferences preferences;

    @Autowired
    DailyDigests digests;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageSource messages;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    @Test
    void aLeadHandedToARepArrivesOnceAndItsLinkOpensTheLeadForTheRep() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();

        LeadView lead = handoffs.handedOff(workspace);

        List<MimeMessage> received = TestMailServer.awaitExactly(rep.getEmail(), 1);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(Mails.subject(mail)).isEqualTo("LeadBridge: a lead was handed to you");
        assertThat(Mails.text(mail))
                .contains("Mara Marketer handed " + lead.displayName() + " to you. Please accept or reject it.")
                .contains("Open the lead to accept or reject it")
                .contains(BASE_URL + "/leads/" + lead.id());
        assertThat(Mails.html(mail)).contains("href=\"" + BASE_URL + "/leads/" + lead.id() + "\"");
        assertThat(Mails.header(mail, "List-Unsubscribe")).startsWith("<" + BASE_URL + "/mail/unsubscribe?token=");
        assertThat(Mails.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getFrom()[0].toString()).contains("leadbridge@leadbridge.test");

        String path = Mails.firstPath(mail, BASE_URL, "/leads/");
        MockHttpServletResponse page =
                mvc.perform(get(path).with(user(rep))).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(lead.displayName()).contains("id=\"accept");
        assertThat(owner.count(
                        "select count(*) from mail_delivery where tenant_id = ? and status = 'SENT' and attempts = 1",
                        workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void everyKindArrivesOnceInTheRecipientsLanguage() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount english = workspace.marketer();
        SignedInAccount german = workspace.liaison();
        Map<NotificationKind, Delivery> allAtOnce = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            allAtOnce.put(kind, Delivery.INSTANT);
        }
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            assertThat(preferences.change(english.accountId(), allAtOnce, LocalTime.of(8, 0), Optional.empty(), 0))
                    .isTrue();
            assertThat(preferences.change(german.accountId(), allAtOnce, LocalTime.of(8, 0), Optional.of("de"), 0))
                    .isTrue();
        });

        KEYS.forEach((kind, key) -> notify(
                workspace, List.of(english.accountId(), german.accountId()), key, List.of("Mara", "Becker GmbH")));

        List<MimeMessage> toEnglish = TestMailServer.awaitExactly(english.getEmail(), KEYS.size());
        List<MimeMessage> toGerman = TestMailServer.awaitExactly(german.getEmail(), KEYS.size());
        assertThat(toEnglish).hasSize(KEYS.size());
        assertThat(toGerman).hasSize(KEYS.size());
        KEYS.forEach((kind, key) -> {
            assertReceivedOnce(toEnglish, kind, key, Locale.ENGLISH);
            assertReceivedOnce(toGerman, kind, key, Locale.GERMAN);
        });
        assertThat(toGerman.stream().map(Mails::subject))
                .contains("LeadBridge: Ihnen wurde ein Lead übergeben", "LeadBridge: Neues zu einem Einspruch");
    }

    private void assertReceivedOnce(List<MimeMessage> received, NotificationKind kind, String key, Locale locale) {
        String subject = messages.getMessage("mail.subject." + kind.name(), null, locale);
        String text = messages.getMessage(key, new Object[] {"Mara", "Becker GmbH"}, locale);
        List<MimeMessage> ofKind =
                received.stream().filter(m -> Mails.subject(m).equals(subject)).toList();
        assertThat(ofKind).as("mails '%s' (%s)", subject, locale).hasSize(1);
        assertThat(Mails.text(ofKind.get(0)))
                .contains(text)
                .contains(messages.getMessage("mail.action." + kind.name(), null, locale))
                .contains(BASE_URL + (key.contains("proposal") ? "/criteria" : "/leads/42"));
    }

    @Test
    void theDailyDigestGathersTheDaysItemsIntoOneMailOnce() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        notify(workspace, List.of(rep.accountId()), "notification.proposalWaiting", List.of("Mara", "3"));
        notify(workspace, List.of(rep.accountId()), "notification.proposalApproved", List.of("Lou", "4"));
        notify(workspace, List.of(rep.accountId()), "notification.proposalDeclinedFunnel", List.of("Ada", "5"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> owner.count(
                                "select count(*) from mail_digest_item where tenant_id = ? and digest_day is null",
                                workspace.tenantId())
                        == 3);
        assertThat(owner.count("select count(*) from mail_delivery where tenant_id = ?", workspace.tenantId()))
                .as("proposals wait for the digest by default")
                .isZero();

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        LocalDate today = LocalDate.now(berlin);
        digests.gather(today.atTime(7, 59).atZone(berlin).toInstant());
        assertThat(owner.count("select count(*) from mail_delivery where tenant_id = ?", workspace.tenantId()))
                .as("before the person's digest time (08:00 by default)")
                .isZero();

        digests.gather(today.atTime(9, 0).atZone(berlin).toInstant());
        digests.gather(today.atTime(9, 5).atZone(berlin).toInstant());

        List<MimeMessage> received = TestMailServer.awaitExactly(rep.getEmail(), 1);
        assertThat(received).hasSize(1);
        MimeMessage digest = received.get(0);
        assertThat(Mails.subject(digest)).startsWith("LeadBridge: your daily digest (3 news");
        assertThat(Mails.text(digest))
                .contains("Mara proposed version 3 of the criteria; it waits for your team's approval.")
                .contains("Lou approved your version 4 of the criteria.")
                .contains("Ada declined your version 5 of the funnel.")
                .contains(BASE_URL + "/criteria");
        assertThat(Mails.header(digest, "List-Unsubscribe")).contains("/mail/unsubscribe?token=");
        assertThat(owner.count(
                        "select count(*) from mail_digest_item where tenant_id = ? and digest_day = ?",
                        workspace.tenantId(),
                        today))
                .isEqualTo(3);
    }

    @Test
    void unsubscribingNeedsNoSessionAndChangesOnlyThatKindOfThatPerson() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        handoffs.handedOff(workspace);
        MimeMessage mail = TestMailServer.awaitExactly(rep.getEmail(), 1).get(0);
        String link = Mails.header(mail, "List-Unsubscribe");
        String path = link.substring(1 + BASE_URL.length(), link.length() - 1);

        MockHttpServletResponse ask = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(ask.getStatus()).isEqualTo(200);
        assertThat(ask.getContentAsString()).contains("Stop the mails about &quot;Leads handed to you&quot;?");
        assertThat(preferencesOf(workspace, rep).choice(NotificationKind.HANDED_TO_YOU))
                .as("the page alone changes nothing")
                .isEqualTo(Delivery.INSTANT);

        // What a mail client sends (RFC 8058): no cookie, no CSRF token.
        MockHttpServletResponse done = mvc.perform(post(path)
                        .contentType("application/x-www-form-urlencoded")
                        .content("List-Unsubscribe=One-Click"))
                .andReturn()
                .getResponse();
        assertThat(done.getStatus()).isEqualTo(200);
        assertThat(done.getContentAsString()).contains("you no longer get mails about &quot;Leads handed to you&quot;");

        MailPreferences.Settings after = preferencesOf(workspace, rep);
        assertThat(after.choice(NotificationKind.HANDED_TO_YOU)).isEqualTo(Delivery.APP_ONLY);
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind != NotificationKind.HANDED_TO_YOU) {
                assertThat(after.choice(kind)).as(kind.name()).isEqualTo(kind.defaultDelivery());
            }
        }
        assertThat(preferencesOf(workspace, workspace.marketer()).choice(NotificationKind.HANDED_TO_YOU))
                .isEqualTo(Delivery.INSTANT);

        String token = path.substring(path.indexOf("token=") + 6);
        String otherPerson = token.replaceFirst(
                "\\." + rep.accountId() + "\\.", "." + workspace.marketer().accountId() + ".");
        String otherKind = token.replace(".HANDED_TO_YOU.", ".MENTION.");
        String badSignature = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");
        for (String tampered : List.of(otherPerson, otherKind, badSignature, "nonsense", "")) {
            MockHttpServletResponse refused = mvc.perform(
                            post("/mail/unsubscribe").param("token", tampered))
                    .andReturn()
                    .getResponse();
            assertThat(refused.getStatus()).as(tampered).isEqualTo(400);
            assertThat(refused.getContentAsString()).contains("This unsubscribe link is not valid.");
            assertThat(mvc.perform(get("/mail/unsubscribe").param("token", tampered))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(400);
        }
        assertThat(preferencesOf(workspace, workspace.marketer()).choice(NotificationKind.HANDED_TO_YOU))
                .isEqualTo(Delivery.INSTANT);
        assertThat(preferencesOf(workspace, rep).choice(NotificationKind.MENTION))
                .isEqualTo(Delivery.INSTANT);

        handoffs.handedOff(workspace);
        assertThat(TestMailServer.awaitExactly(rep.getEmail(), 1))
                .as("no more mails of that kind")
                .hasSize(1);
        assertThat(owner.count(
                        "select count(*) from notification where tenant_id = ? and recipient_id = ?"
                                + " and message_key = 'notification.handedToYou'",
                        workspace.tenantId(),
                        rep.accountId()))
                .as("still in the app")
                .isEqualTo(2);
    }

    @Test
    void withTheSmtpServerDownMailsWaitWithTheErrorAndArriveOnceItIsBack() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        TestMailServer.stop();
        try {
            notify(workspace, List.of(rep.accountId()), "notification.mentioned", List.of("Mara", "Becker GmbH"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> owner.count(
                                    "select count(*) from mail_delivery where tenant_id = ? and status = 'WAITING'"
                                            + " and attempts >= 2 and last_error is not null",
                                    workspace.tenantId())
                            == 1);
            String error = owner.jdbc()
                    .sql("select last_error from mail_delivery where tenant_id = ?")
                    .param(workspace.tenantId())
                    .query(String.class)
                    .single();
            assertThat(error).containsIgnoringCase("connect").hasSizeLessThanOrEqualTo(500);
        } finally {
            TestMailServer.restart();
        }
        List<MimeMessage> received = TestMailServer.awaitExactly(rep.getEmail(), 1);
        assertThat(received).hasSize(1);
        assertThat(Mails.subject(received.get(0))).isEqualTo("LeadBridge: you were mentioned in a comment");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> owner.count(
                                "select count(*) from mail_delivery where tenant_id = ? and status = 'SENT'"
                                        + " and last_error is null",
                                workspace.tenantId())
                        == 1);
    }

    @Autowired
    io.leadbridge.tenant.OldRowsHousekeeping housekeeping;

    @Test
    void sentMailsAreForgottenAfterTheirTimeAndWaitingOnesKept() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        notify(workspace, List.of(rep.accountId()), "notification.mentioned", List.of("Mara", "Becker GmbH"));
        TestMailServer.awaitExactly(rep.getEmail(), 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> owner.count(
                                "select count(*) from mail_delivery where tenant_id = ? and status = 'SENT'",
                                workspace.tenantId())
                        == 1);
        owner.jdbc()
                .sql("update mail_delivery set created_at = created_at - interval '31 days' where tenant_id = ?")
                .param(workspace.tenantId())
                .update();

        housekeeping.forgetAsOf(java.time.Instant.now());

        assertThat(owner.count("select count(*) from mail_delivery where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    private MailPreferences.Settings preferencesOf(TestWorkspace workspace, SignedInAccount person) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> preferences.of(person.accountId()));
    }

    private void notify(TestWorkspace workspace, List<Long> recipients, String key, List<String> arguments) {
        String link = key.contains("proposal") ? "/criteria" : "/leads/42";
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> new TransactionTemplate(transactionManager)
                        .executeWithoutResult(status -> notifications.notify(recipients, key, arguments, link)));
    }
}
