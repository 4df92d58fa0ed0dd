package io.leadbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.NotificationKind;
import io.leadbridge.timeline.NotificationKind.Delivery;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code /account/notifications}: a person's own settings — shown with the defaults, refused field by field when
 * wrong, saved, refused when changed meanwhile, and never anyone else's.
 */
class MailSettingsPagesTests extends MailServerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    MailPreferences preferences;

    @Test
    void thePageShowsTheDefaultsARepWouldChooseAndIsLinkedFromThePersonsMenu() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String page = mvc.perform(get("/account/notifications").with(user(workspace.salesRep())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Notification settings")
                .containsPattern("id=\"choice-HANDED_TO_YOU-INSTANT\"[^>]*checked")
                .containsPattern("id=\"choice-PROPOSAL-DIGEST\"[^>]*checked")
                .contains("value=\"08:00\"")
                .contains("Europe/Berlin")
                .contains("id=\"nav-mail-settings\" href=\"/account/notifications\"");
    }

    @Test
    void savingChangesOnlyTheSignedInPersonsSettings() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();

        MockHttpServletResponse saved = mvc.perform(form(rep, "APP_ONLY", "18:30", "de", "0"))
                .andReturn()
                .getResponse();

        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(saved.getRedirectedUrl()).isEqualTo("/account/notifications");
        MailPreferences.Settings settings = settingsOf(workspace, rep);
        assertThat(settings.choice(NotificationKind.HANDED_TO_YOU)).isEqualTo(Delivery.APP_ONLY);
        assertThat(settings.choice(NotificationKind.MENTION)).isEqualTo(Delivery.INSTANT);
        assertThat(settings.digestTime()).isEqualTo(LocalTime.of(18, 30));
        assertThat(settings.language()).contains("de");
        MailPreferences.Settings marketers = settingsOf(workspace, workspace.marketer());
        assertThat(marketers.choice(NotificationKind.HANDED_TO_YOU)).isEqualTo(Delivery.INSTANT);
        assertThat(marketers.version()).isZero();

        String page = mvc.perform(get("/account/notifications").with(user(rep)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .containsPattern("id=\"choice-HANDED_TO_YOU-APP_ONLY\"[^>]*checked")
                .contains("value=\"18:30\"");
    }

    @Test
    void wrongValuesAreRefusedAtTheirFieldsAndNothingIsSaved() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();

        MockHttpServletResponse refused =
                mvc.perform(form(rep, "LOUDLY", "25:99", "fr", "0")).andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(422);
        String page = refused.getContentAsString();
        assertThat(page)
                .contains("id=\"choice-HANDED_TO_YOU-error\"")
                .contains("Choose how you want to hear of this.")
                .contains("id=\"digestTime-error\"")
                .contains("Enter a time such as 08:00.")
                .contains("id=\"language-error\"")
                .contains("value=\"25:99\"");
        assertThat(settingsOf(workspace, rep).version()).isZero();
    }

    @Test
    void aChangeMadeMeanwhileIsNotOverwritten() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        assertThat(mvc.perform(form(rep, "DIGEST", "07:00", "", "0"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(302);
        // An unsubscribe link clicked meanwhile.
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> preferences.unsubscribe(rep.accountId(), Optional.of(NotificationKind.MENTION)));

        MockHttpServletResponse stale =
                mvc.perform(form(rep, "INSTANT", "09:00", "", "1")).andReturn().getResponse();

        assertThat(stale.getStatus()).isEqualTo(422);
        assertThat(stale.getContentAsString()).contains("Your settings were changed meanwhile");
        MailPreferences.Settings settings = settingsOf(workspace, rep);
        assertThat(settings.digestTime()).isEqualTo(LocalTime.of(7, 0));
        assertThat(settings.choice(NotificationKind.MENTION)).isEqualTo(Delivery.APP_ONLY);
        assertThat(settings.choice(NotificationKind.HANDED_TO_YOU)).isEqualTo(Delivery.DIGEST);
    }

    @Test
    void nobodyReachesTheSettingsWithoutSigningIn() throws Exception {
        MockHttpServletResponse anonymous =
                mvc.perform(get("/account/notifications")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");
        MockHttpServletResponse withoutToken = mvc.perform(post("/account/notifications")
                        .with(user(workspaces.create().salesRep()))
                        .param("digestTime", "08:00"))
                .andReturn()
                .getResponse();
        assertThat(withoutToken.getStatus()).isEqualTo(403);
    }

    /** The form with HANDED_TO_YOU set to {@code handedToYou} and every other kind at its default. */
    private static MockHttpServletRequestBuilder form(
            SignedInAccount who, String handedToYou, String time, String language, String version) {
        MockHttpServletRequestBuilder request = post("/account/notifications")
                .with(user(who))
                .with(csrf())
                .param("digestTime", time)
                .param("language", language)
                .param("version", version);
        for (NotificationKind kind : NotificationKind.values()) {
            request.param(
                    "choice." + kind.name(),
                    kind == NotificationKind.HANDED_TO_YOU
                            ? handedToYou
                            : kind.defaultDelivery().name());
        }
        return request;
    }

    private MailPreferences.Settings settingsOf(TestWorkspace workspace, SignedInAccount person) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> preferences.of(person.accountId()));
    }
}
