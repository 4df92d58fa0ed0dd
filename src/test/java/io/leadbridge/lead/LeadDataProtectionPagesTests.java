package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The legal basis in the new-lead and edit forms, and the lead page's data-protection panel (issue 20). */
@IntegrationTest
class LeadDataProtectionPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    OwnerDatabase owner;

    static Map<String, String> newLead(String email) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("submissionKey", UUID.randomUUID().toString());
        form.put("email", email);
        form.put("companyName", "Becker GmbH");
        form.put("timeline", "UNKNOWN");
        return form;
    }

    static MockHttpServletRequestBuilder postForm(String url, Map<String, String> form, SignedInAccount as) {
        MockHttpServletRequestBuilder request = post(url).with(csrf()).with(user(as));
        form.forEach(request::param);
        return request;
    }

    String page(MockHttpServletRequestBuilder request, SignedInAccount as) throws Exception {
        return mvc.perform(request.with(user(as)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    ZoneId zoneOf(TestWorkspace workspace) {
        return ZoneId.of(owner.jdbc()
                .sql("select time_zone from tenant where id = ?")
                .param(workspace.tenantId())
                .query(String.class)
                .single());
    }

    @Test
    void consentWithoutTextOrTimeIsShownAtTheFieldsAndNothingIsWritten() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = newLead(TestWorkspaces.uniqueEmail("form"));
        form.put("legalBasis", "CONSENT");

        String html = mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(html)
                .containsPattern("id=\"consentText-error\"[^>]*>\\s*Consent needs the text the person agreed to.")
                .containsPattern("id=\"consentGivenAt-error\"[^>]*>\\s*Consent needs the time the person gave it.")
                .containsPattern("<option value=\"CONSENT\"\\s+selected");
        form.put("consentText", "Ja, bitte.");
        form.put("consentGivenAt", "tomorrow");
        String german = mvc.perform(postForm("/leads", form, workspace.marketer())
                        .locale(Locale.GERMAN)
                        .header("Accept-Language", "de"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(german)
                .containsPattern("id=\"consentGivenAt-error\"[^>]*>\\s*Bitte geben Sie Datum und Uhrzeit ein.")
                .doesNotContain("id=\"consentText-error\"")
                .contains("Ja, bitte.");
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void consentFromTheFormIsKeptInTheWorkspacesTimeZoneShownOnThePageInEnglishAndGermanAndEditable() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = TestWorkspaces.uniqueEmail("consent");
        Map<String, String> form = newLead(email);
        form.put("legalBasis", "CONSENT");
        form.put("consentText", "I agree to be contacted about machines.");
        form.put("consentGivenAt", "2026-11-30T09:15");

        String location = mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/leads/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        assertThat(owner.jdbc()
                        .sql("select consent_given_at from lead where tenant_id = ? and email = ?")
                        .params(workspace.tenantId(), email)
                        .query(Timestamp.class)
                        .single()
                        .toInstant())
                .isEqualTo(LocalDateTime.parse("2026-11-30T09:15")
                        .atZone(zoneOf(workspace))
                        .toInstant());
        assertThat(owner.jdbc()
                        .sql("select origin || '|' || created_by from lead where tenant_id = ? and email = ?")
                        .params(workspace.tenantId(), email)
                        .query(String.class)
                        .single())
                .isEqualTo("FORM|" + workspace.marketer().accountId());

        String english = page(get(location).locale(Locale.ENGLISH), workspace.salesRep());
        assertThat(english)
                .contains(
                        "Data protection",
                        "Web form, entered by " + workspace.marketer().getDisplayName())
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Consent<")
                .contains("I agree to be contacted about machines.")
                .containsPattern("id=\"lead-consent-given-at\"[^>]*>[^<]*2026");
        String german = page(get(location).locale(Locale.GERMAN), workspace.salesRep());
        assertThat(german)
                .contains(
                        "Datenschutz",
                        "Webformular, erfasst von " + workspace.marketer().getDisplayName())
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Einwilligung<");

        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        String edit = page(get("/leads/" + id + "/edit"), workspace.marketer());
        assertThat(edit)
                .containsPattern("<option value=\"CONSENT\"\\s+selected")
                .contains("value=\"2026-11-30T09:15\"")
                .contains("I agree to be contacted about machines.");

        Map<String, String> change = newLead(email);
        change.remove("submissionKey");
        change.put("legalBasis", "CONTRACT");
        change.put("consentText", "I agree to be contacted about machines.");
        change.put("consentGivenAt", "2026-11-30T09:15");
        change.put(
                "version",
                owner.jdbc()
                        .sql("select version::text from lead where id = ?")
                        .param(id)
                        .query(String.class)
                        .single());
        mvc.perform(postForm("/leads/" + id, change, workspace.marketer())).andExpect(redirectedUrl("/leads/" + id));
        assertThat(owner.jdbc()
                        .sql("select legal_basis || '|' || coalesce(consent_text, '-') from lead where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("CONTRACT|-");
        assertThat(page(get(location).locale(Locale.ENGLISH), workspace.salesRep()))
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Contract<")
                .doesNotContain("id=\"lead-consent-text\"");
    }

    @Test
    void aLeadWithoutABasisSaysNotRecordedAndAnApiLeadNamesItsKey() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView plain = leads.create(workspace.marketer());
        assertThat(page(get("/leads/" + plain.id()).locale(Locale.ENGLISH), workspace.liaison()))
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Not recorded<");
        assertThat(page(get("/leads/" + plain.id()).locale(Locale.GERMAN), workspace.liaison()))
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Nicht erfasst<");

        var key = apiKeys.create(workspace, "Landing pages");
        String location = mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + key.value())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"email": "%s", "companyName": "API GmbH", "legalBasis": "LEGITIMATE_INTEREST"}
                                """.formatted(TestWorkspaces.uniqueEmail("api"))))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(page(get("/leads/" + id).locale(Locale.ENGLISH), workspace.liaison()))
                .contains("API key “Landing pages” (id " + key.id() + ")")
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Legitimate interest<");
        assertThat(page(get("/leads/" + id).locale(Locale.GERMAN), workspace.liaison()))
                .contains("API-Schlüssel „Landing pages“ (ID " + key.id() + ")")
                .containsPattern("id=\"lead-legal-basis\"[^>]*>Berechtigtes Interesse<");

        TestWorkspace other = workspaces.create();
        mvc.perform(get("/leads/" + id).with(user(other.liaison()))).andExpect(status().isNotFound());
    }
}
