package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.ApiKeyManagement.CreatedKey;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import java.time.Instant;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The legal basis and the origin of leads received through the intake API (issue 20). */
@IntegrationTest
class LegalBasisApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    OwnerDatabase owner;

    TestWorkspace workspace;
    CreatedKey key;

    @BeforeEach
    void workspaceWithKey() {
        workspace = workspaces.create();
        key = apiKeys.create(workspace, "Website forms");
    }

    MockHttpServletRequestBuilder postTo(String path, String body) {
        return post(path)
                .header("Authorization", "Bearer " + key.value())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    static String lead(String email, String legal) {
        return """
                {"email": "%s", "companyName": "Becker GmbH"%s}
                """.formatted(email, legal.isEmpty() ? "" : ", " + legal);
    }

    String stored(String email) {
        return owner.jdbc()
                .sql("""
                        select coalesce(legal_basis, '-') || '|' || coalesce(consent_text, '-') || '|'
                               || coalesce(to_char(consent_given_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'), '-')
                               || '|' || origin || '|' || coalesce(origin_api_key_id::text, '-') || '|'
                               || coalesce(origin_label, '-')
                        from lead where tenant_id = ? and email = ?
                        """)
                .params(workspace.tenantId(), email)
                .query(String.class)
                .single();
    }

    @Test
    void consentIsKeptWithItsTextAndTimeAndTheLeadSaysItCameThroughThisKey() throws Exception {
        String email = TestWorkspaces.uniqueEmail("consent");
        String location = mvc.perform(postTo("/api/v1/leads", lead(email, """
                        "legalBasis": "CONSENT", "consentText": "Yes, send me the newsletter.",
                         "consentGivenAt": "2026-12-01T10:00:00Z"
                        """)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.legalBasis").value("CONSENT"))
                .andExpect(jsonPath("$.consentText").value("Yes, send me the newsletter."))
                .andExpect(jsonPath("$.consentGivenAt").value("2026-12-01T10:00:00Z"))
                .andExpect(jsonPath("$.origin.kind").value("API"))
                .andExpect(jsonPath("$.origin.apiKeyId").value(key.id().toString()))
                .andExpect(jsonPath("$.origin.name").value("Website forms"))
                .andReturn()
                .getResponse()
                .getHeader("Location");

        assertThat(stored(email))
                .isEqualTo(
                        "CONSENT|Yes, send me the newsletter.|2026-12-01T10:00:00|API|" + key.id() + "|Website forms");
        mvc.perform(get(location).header("Authorization", "Bearer " + key.value()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalBasis").value("CONSENT"))
                .andExpect(jsonPath("$.origin.kind").value("API"));
    }

    @Test
    void legitimateInterestAndContractNeedNoConsentAndDropAConsentSentWithThem() throws Exception {
        String interest = TestWorkspaces.uniqueEmail("interest");
        String contract = TestWorkspaces.uniqueEmail("contract");
        String none = TestWorkspaces.uniqueEmail("none");

        mvc.perform(postTo("/api/v1/leads", lead(interest, "\"legalBasis\": \"LEGITIMATE_INTEREST\"")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.legalBasis").value("LEGITIMATE_INTEREST"));
        mvc.perform(postTo("/api/v1/leads", lead(contract, """
                        "legalBasis": "CONTRACT", "consentText": "stray", "consentGivenAt": "2026-12-01T10:00:00Z"
                        """)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.legalBasis").value("CONTRACT"))
                .andExpect(jsonPath("$.consentText").value(Matchers.nullValue()));
        mvc.perform(postTo("/api/v1/leads", lead(none, "")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.legalBasis").value(Matchers.nullValue()));

        assertThat(stored(interest)).startsWith("LEGITIMATE_INTEREST|-|-|API|");
        assertThat(stored(contract)).startsWith("CONTRACT|-|-|API|");
        assertThat(stored(none)).startsWith("-|-|-|API|");
    }

    @Test
    void consentWithoutTextOrTimeABadBasisAndOverlongTextAreRefusedNamingEachField() throws Exception {
        String email = TestWorkspaces.uniqueEmail("refused");
        mvc.perform(postTo("/api/v1/leads", lead(email, "\"legalBasis\": \"CONSENT\"")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(Matchers.containsInAnyOrder("consentGivenAt", "consentText")))
                .andExpect(jsonPath("$.errors[?(@.field == 'consentText')].message")
                        .value(Matchers.contains("Consent needs the text the person agreed to.")));
        mvc.perform(postTo(
                        "/api/v1/leads",
                        lead(email, "\"legalBasis\": \"CONSENT\", \"consentGivenAt\": \"2026-12-01T10:00:00Z\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("consentText")));
        mvc.perform(postTo("/api/v1/leads", lead(email, """
                        "legalBasis": "CONSENT", "consentText": "%s", "consentGivenAt": "2026-12-01T10:00:00Z"
                        """.formatted("x".repeat(2001)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("consentText")));
        mvc.perform(postTo(
                        "/api/v1/leads", lead(email, """
                        "legalBasis": "CONSENT", "consentText": "Yes", "consentGivenAt": "%s"
                        """.formatted(Instant.now().plusSeconds(86_400)))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("consentGivenAt")));
        mvc.perform(postTo("/api/v1/leads", lead(email, "\"legalBasis\": \"MAYBE\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("legalBasis"));
        mvc.perform(postTo("/api/v1/leads", lead(email, "\"legalBasis\": \"CONTRACT\", \"consentGivenAt\": \"soon\"")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("consentGivenAt"));

        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void aBatchReportsConsentWithoutTextAtItsIndexAndCreatesTheOthersWithTheirBasis() throws Exception {
        String good = TestWorkspaces.uniqueEmail("batch-good");
        String bad = TestWorkspaces.uniqueEmail("batch-bad");
        mvc.perform(postTo("/api/v1/leads/batch", """
                        {"leads": [%s, %s]}
                        """.formatted(
                        lead(good, "\"legalBasis\": \"CONTRACT\""),
                        lead(bad, "\"legalBasis\": \"CONSENT\", \"consentGivenAt\": \"2026-12-01T10:00:00Z\""))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value("created"))
                .andExpect(jsonPath("$.results[1].status").value("invalid"))
                .andExpect(jsonPath("$.results[1].errors[*].field").value(Matchers.contains("consentText")));

        assertThat(stored(good)).isEqualTo("CONTRACT|-|-|API|" + key.id() + "|Website forms");
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and email = ?", workspace.tenantId(), bad))
                .isZero();
    }

    @Test
    void aLeadThatComesBackKeepsItsBasisUnlessOneIsSent() throws Exception {
        String email = TestWorkspaces.uniqueEmail("back");
        mvc.perform(postTo("/api/v1/leads", lead(email, """
                        "legalBasis": "CONSENT", "consentText": "Newsletter", "consentGivenAt": "2026-12-01T10:00:00Z"
                        """))).andExpect(status().isCreated());

        mvc.perform(postTo("/api/v1/leads", """
                        {"email": "%s", "jobTitle": "CTO", "onExisting": "update"}
                        """.formatted(email)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.legalBasis").value("CONSENT"))
                .andExpect(jsonPath("$.consentText").value("Newsletter"));
        assertThat(stored(email)).startsWith("CONSENT|Newsletter|2026-12-01T10:00:00|API|");

        mvc.perform(postTo("/api/v1/leads/batch", """
                        {"leads": [{"email": "%s", "legalBasis": "CONTRACT"}], "onExisting": "update"}
                        """.formatted(email)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.results[0].status").value("updated"));
        assertThat(stored(email)).startsWith("CONTRACT|-|-|API|");

        mvc.perform(postTo("/api/v1/leads", """
                        {"email": "%s", "legalBasis": "CONSENT", "onExisting": "update"}
                        """.formatted(email)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(Matchers.containsInAnyOrder("consentGivenAt", "consentText")));
    }
}
