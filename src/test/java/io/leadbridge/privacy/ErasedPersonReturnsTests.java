package io.leadbridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import io.leadbridge.support.TestImports;
import io.leadbridge.tenant.CurrentTenant;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A person erased from a workspace who comes back through the form, the API or a CSV import is created again only on
 * purpose (issue 20); a tombstone of another workspace warns of nothing.
 */
@IntegrationTest
class ErasedPersonReturnsTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestImports imports;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    TestApiKeys apiKeys;

    /** A workspace in which a person with this address had a lead and was erased. */
    String erasedIn(TestWorkspace workspace) {
        LeadInput lead = TestLeads.qualifiedLead();
        String email = "Erased-" + UUID.randomUUID().toString().substring(0, 8) + "@Gone.example";
        lead.setEmail(email);
        leads.create(workspace.marketer(), lead);
        var erasure = CurrentTenant.callAs(
                workspace.tenantId(),
                () -> privacy.erase(email, workspace.admin().accountId()));
        assertThat(erasure.outcome()).isEqualTo(PrivacyManagement.Outcome.ERASED);
        return email;
    }

    long leadsWith(TestWorkspace workspace, String email) {
        return owner.count(
                "select count(*) from lead where tenant_id = ? and lower(email) = lower(?)",
                workspace.tenantId(),
                email);
    }

    MockHttpServletRequestBuilder form(SignedInAccount marketer, String email) {
        return post("/leads")
                .with(csrf())
                .with(user(marketer))
                .param("submissionKey", UUID.randomUUID().toString())
                .param("email", email)
                .param("companyName", "Back GmbH")
                .param("timeline", "UNKNOWN")
                .param("industry", "");
    }

    @Test
    void theFormWarnsAtTheEmailAndCreatesOnlyWhenConfirmed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = erasedIn(workspace);

        mvc.perform(form(workspace.marketer(), email.toLowerCase()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("was erased from this workspace")))
                .andExpect(content().string(containsString("id=\"confirm-erased\"")))
                .andExpect(content().string(containsString("name=\"confirmErased\"")));
        assertThat(leadsWith(workspace, email)).isZero();

        mvc.perform(form(workspace.marketer(), email).param("confirmErased", "true"))
                .andExpect(redirectedUrlPattern("/leads/*"));
        assertThat(leadsWith(workspace, email)).isOne();
    }

    @Test
    void theApiAnswers409UnlessTheRequestConfirms() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = erasedIn(workspace);
        String key = apiKeys.create(workspace, "Automation").value();
        String body = """
                {"email": "%s", "companyName": "Back GmbH"%s}
                """;

        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(email, "")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("erased-person"))
                .andExpect(jsonPath("$.errors[0].field").value("email"));
        assertThat(leadsWith(workspace, email)).isZero();

        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body.formatted(email, ", \"confirmErased\": true")))
                .andExpect(status().isCreated());
        assertThat(leadsWith(workspace, email)).isOne();
    }

    @Test
    void theBatchApiReportsErasedPeopleAsInvalidUnlessConfirmed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = erasedIn(workspace);
        String second = erasedIn(workspace);
        String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8) + "@fresh.example";
        String key = apiKeys.create(workspace, "Automation").value();
        String batch = ("{\"leads\":[{\"email\":\"%s\",\"companyName\":\"A\"},"
                        + "{\"email\":\"%s\",\"companyName\":\"B\"},"
                        + "{\"email\":\"%s\",\"companyName\":\"C\",\"confirmErased\":true}]}")
                .formatted(email, fresh, second);

        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.results[0].status").value("invalid"))
                .andExpect(jsonPath("$.results[0].errors[0].field").value("email"))
                .andExpect(jsonPath("$.results[0].errors[0].message").value(containsString("erased-person")))
                .andExpect(jsonPath("$.results[1].status").value("created"))
                .andExpect(jsonPath("$.results[2].status").value("created"));
        assertThat(leadsWith(workspace, email)).isZero();
        assertThat(leadsWith(workspace, second)).isOne();
    }

    @Test
    void theImportPreviewWarnsAndSkipsErasedPeopleUnlessTheyAreImportedAgain() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String email = erasedIn(workspace);
        String other = "new-" + UUID.randomUUID().toString().substring(0, 8) + "@fresh.example";
        byte[] csv = """
                email,companyName
                %s,Back GmbH
                %s,Fresh AG
                """.formatted(email.toUpperCase(), other).getBytes(StandardCharsets.UTF_8);

        long first = imports.upload(workspace.marketer(), "back.csv", csv);
        mvc.perform(get("/leads/import/{id}", first).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"import-erased-warning\"")))
                .andExpect(content().string(containsString("1 row is a person erased from this workspace")))
                .andExpect(content().string(containsString("belongs to a person erased from this workspace")))
                .andExpect(content().string(containsString("name=\"importErased\"")));
        imports.confirm(workspace.marketer(), first, "importErased", "false");
        assertThat(imports.awaitFinished(first)).isEqualTo("DONE");
        assertThat(leadsWith(workspace, other)).isOne();
        assertThat(leadsWith(workspace, email)).isZero();

        byte[] again = """
                email,companyName
                %s,Back GmbH
                """.formatted(email).getBytes(StandardCharsets.UTF_8);
        long second = imports.upload(workspace.marketer(), "back.csv", again);
        imports.confirm(workspace.marketer(), second, "importErased", "true");
        assertThat(imports.awaitFinished(second)).isEqualTo("DONE");
        assertThat(leadsWith(workspace, email)).isOne();
    }

    @Test
    void anotherWorkspacesTombstoneDoesNotWarn() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        String email = erasedIn(other);

        mvc.perform(form(workspace.marketer(), email))
                .andExpect(redirectedUrlPattern("/leads/*"))
                .andExpect(content().string(not(containsString("was erased from this workspace"))));
        assertThat(leadsWith(workspace, email)).isOne();

        String another = "third-" + UUID.randomUUID().toString().substring(0, 8) + "@fresh.example";
        long id = imports.upload(
                workspace.marketer(),
                "back.csv",
                ("email,companyName\n" + email.replace("@", "+x@") + ",A\n" + another + ",B\n")
                        .getBytes(StandardCharsets.UTF_8));
        mvc.perform(get("/leads/import/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("import-erased-warning"))));
        assertThat(CurrentTenant.callAs(workspace.tenantId(), () -> privacy.wasErased(email)))
                .isFalse();
        assertThat(CurrentTenant.callAs(other.tenantId(), () -> privacy.wasErased(email)))
                .isTrue();
    }
}
