package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.Browser;
import io.leadbridge.support.BrowserTest;
import io.leadbridge.support.Browsers;
import io.leadbridge.support.Workspaces;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rep hears of a lead handed to him by mail (read from the test's SMTP server), follows the mail's link in a real
 * browser, signs in on the way and accepts the lead on the page the link opened.
 */
@BrowserTest
class MailJourneyBrowserTests {

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> TestMailServer.PORT);
        registry.add("leadbridge.mail.send-interval", () -> "PT0.2S");
        registry.add("leadbridge.mail.initial-delay", () -> "PT0.2S");
        registry.add("leadbridge.mail.digest-initial-delay", () -> "PT10H");
    }

    @Autowired
    Workspaces workspaces;

    @Autowired
    AccountManagement accounts;

    @Autowired
    LeadManagement leads;

    @Autowired
    HandoffAssignment assignment;

    @RegisterExtension
    Browsers browsers = new Browsers();

    @Test
    void theRepFollowsTheHandoffMailsLinkAndAcceptsTheLead() {
        Workspaces.Workspace workspace = workspaces.create();
        LeadView lead = TestLeads.create(leads, workspace, workspace.mia(), "Jana", "Becker");
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        lead.id(),
                        null,
                        workspace.sam().id(),
                        null,
                        accounts.onBehalfOf(workspace.mia().id())));

        List<MimeMessage> received = TestMailServer.awaitExactly(workspace.sam().email(), 1);
        assertThat(received).hasSize(1);
        MimeMessage mail = received.get(0);
        assertThat(Mails.subject(mail)).isEqualTo("LeadBridge: a lead was handed to you");
        String path = Mails.firstPath(mail, MailServerTest.BASE_URL, "/leads/");
        assertThat(path).isEqualTo("/leads/" + lead.id());

        // Not signed in yet: the link leads to the sign-in page, and from there on to the lead.
        Browser.Person sam = browsers.person();
        sam.open(path);
        sam.waiting().until(d -> d.getCurrentUrl().contains("/login"));
        sam.signIn(workspace.sam());
        sam.waiting().until(d -> d.getCurrentUrl().contains(path));
        sam.waiting().until(visibilityOfElementLocated(By.id("accept")));
        sam.screenshot("mail-link-opened");
        sam.click(By.id("accept"));
        sam.waiting().until(textToBe(By.id("lead-stage"), "Sales accepted"));

        assertThat(CurrentTenant.callAs(workspace.tenantId(), () -> leads.lead(lead.id()))
                        .stage())
                .isEqualTo(Stage.SALES_ACCEPTED);
    }
}
