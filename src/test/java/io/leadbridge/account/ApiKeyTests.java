package io.leadbridge.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@IntegrationTest
class ApiKeyTests {

    static final Pattern KEY = Pattern.compile("value=\"(lb_[0-9a-f]{32}_[A-Za-z0-9_-]{43})\"");

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    /** Creates a key through the admin page, as an admin would, and reads it off the page it is redirected to. */
    String createKey(TestWorkspace workspace, String name) throws Exception {
        String page = keyPage(workspace, name, new org.springframework.http.HttpHeaders());
        Matcher matcher = KEY.matcher(page);
        assertThat(matcher.find()).as("the new key is shown once").isTrue();
        return matcher.group(1);
    }

    /** Posts the form, follows its redirect in the same session (with the flash it left), and answers the page shown. */
    String keyPage(TestWorkspace workspace, String name, org.springframework.http.HttpHeaders headers)
            throws Exception {
        MvcResult created = mvc.perform(post("/admin/api-keys")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .headers(headers)
                        .param("name", name))
                .andExpect(redirectedUrl("/admin/api-keys/created"))
                .andReturn();
        return mvc.perform(get("/admin/api-keys/created")
                        .with(user(workspace.admin()))
                        .headers(headers)
                        .with(BrowserSessions.with(BrowserSessions.cookie(created))))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void reloadingTheNewKeysPageNeitherCreatesAnotherKeyNorShowsTheSecretAgain() throws Exception {
        TestWorkspace workspace = workspaces.create();

        String key = createKey(workspace, "HubSpot");
        String secret = key.substring("lb_".length() + 32 + 1);
        String page = keyPage(workspace, "Zapier", new org.springframework.http.HttpHeaders());
        assertThat(page).contains("id=\"copy-key\"", "data-copy-target=\"new-key\"", "/js/confirm.js");

        // The reload: a GET of the page the browser was redirected to, without the flash.
        String reloaded = mvc.perform(get("/admin/api-keys/created").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", Matchers.containsString("no-store")))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(reloaded)
                .doesNotContain(secret)
                .doesNotContain("lb_")
                .contains("This key was shown once, right after it was created, and is not shown again.");
        assertThat(owner.count("select count(*) from api_key where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(2);
    }

    @Test
    void revokingAKeyAsksFirstAndOnlyTheConfirmationRevokesIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        createKey(workspace, "Website form");
        UUID keyId = owner.jdbc()
                .sql("select id from api_key where tenant_id = ?")
                .param(workspace.tenantId())
                .query(UUID.class)
                .single();

        mvc.perform(get("/admin/api-keys").with(user(workspace.admin())))
                .andExpect(content().string(Matchers.containsString("data-confirm=\"Revoke the key “Website form”?")));
        mvc.perform(post("/admin/api-keys/{id}/revoke", keyId).with(csrf()).with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"confirm-revoke\"")))
                .andExpect(content().string(Matchers.containsString("name=\"confirmed\" value=\"true\"")));
        assertThat(owner.count("select count(*) from api_key where id = ? and revoked_at is null", keyId))
                .isOne();

        mvc.perform(post("/admin/api-keys/{id}/revoke", keyId)
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/admin/api-keys"));
        assertThat(owner.count("select count(*) from api_key where id = ? and revoked_at is null", keyId))
                .isZero();
    }

    @Test
    void theNewKeysExampleNamesThePagesOwnAddressNotTheRequestsHost() throws Exception {
        TestWorkspace workspace = workspaces.create();

        org.springframework.http.HttpHeaders evil = new org.springframework.http.HttpHeaders();
        evil.add("Host", "evil.example");
        evil.add("X-Forwarded-Host", "evil.example");
        String page = keyPage(workspace, "Zapier", evil);

        assertThat(page)
                .doesNotContain("evil.example")
                .contains("curl -X POST <span data-page-origin=\"true\">https://your-leadbridge-address</span>"
                        + "/api/v1/leads -H 'Authorization: Bearer lb_");
    }

    @Test
    void anAdminCreatesAKeyThatIsShownOnceAndStoredOnlyAsAHash() throws Exception {
        TestWorkspace workspace = workspaces.create();

        String key = createKey(workspace, "HubSpot");

        // lb_<32 hex>_<secret>: the secret may itself contain '_', so it is taken by position.
        String secret = key.substring("lb_".length() + 32 + 1);
        assertThat(owner.count(
                        "select count(*) from api_key where tenant_id = ? and name = 'HubSpot'", workspace.tenantId()))
                .isOne();
        assertThat(owner.count("select count(*) from api_key where secret_hash like ?", "%" + secret + "%"))
                .isZero();
        mvc.perform(get("/admin/api-keys").with(user(workspace.admin())))
                .andExpect(content().string(Matchers.containsString("HubSpot")))
                .andExpect(content().string(Matchers.not(Matchers.containsString(secret))))
                .andExpect(content().string(Matchers.containsString("never")));
    }

    @Test
    void aKeyWithoutANameIsRefusedAtTheField() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(post("/admin/api-keys")
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("name", " "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"name-error\"")));
        assertThat(owner.count("select count(*) from api_key where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void missingWrongAndRevokedKeysGet401ProblemAnswers() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String key = createKey(workspace, "Website form");
        LeadView lead = leads.create(workspace.marketer());

        mvc.perform(get("/api/v1/leads/{id}", lead.id()))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/leads/{id}", lead.id()).header("Authorization", "Bearer " + key + "x"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/leads/{id}", lead.id())
                        .header(
                                "Authorization",
                                "Bearer lb_" + UUID.randomUUID().toString().replace("-", "") + "_x"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/leads/{id}", lead.id()).header("Authorization", "Bearer " + key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(lead.data().getEmail()));
        assertThat(owner.count(
                        "select count(*) from api_key where tenant_id = ? and last_used_at is not null",
                        workspace.tenantId()))
                .isOne();

        UUID keyId = owner.jdbc()
                .sql("select id from api_key where tenant_id = ?")
                .param(workspace.tenantId())
                .query(UUID.class)
                .single();
        mvc.perform(post("/admin/api-keys/{id}/revoke", keyId)
                        .with(csrf())
                        .with(user(workspace.admin()))
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/admin/api-keys"));

        mvc.perform(get("/api/v1/leads/{id}", lead.id()).header("Authorization", "Bearer " + key))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aKeyNeverReachesAnotherWorkspacesLeadsNorTheirKeys() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        String myKey = createKey(mine, "Mine");
        LeadView theirLead = leads.create(theirs.marketer());

        mvc.perform(get("/api/v1/leads/{id}", theirLead.id()).header("Authorization", "Bearer " + myKey))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));

        // A tenant named in the body is no tenant at all: the lead lands in the key's workspace.
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + myKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"smuggled@example.com\",\"companyName\":\"Smuggle Ltd\",\"tenantId\":\""
                                + theirs.tenantId() + "\"}"))
                .andExpect(status().isCreated());
        assertThat(owner.jdbc()
                        .sql("select tenant_id from lead where company_name = 'Smuggle Ltd'")
                        .query(UUID.class)
                        .list())
                .containsExactly(mine.tenantId());

        createKey(theirs, "Theirs");
        UUID theirKey = owner.jdbc()
                .sql("select id from api_key where tenant_id = ?")
                .param(theirs.tenantId())
                .query(UUID.class)
                .single();
        mvc.perform(post("/admin/api-keys/{id}/revoke", theirKey).with(csrf()).with(user(mine.admin())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/admin/api-keys/{id}/revoke", theirKey)
                        .with(csrf())
                        .with(user(mine.admin()))
                        .param("confirmed", "true"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/api-keys").with(user(mine.admin())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Theirs"))));
        assertThat(owner.count("select count(*) from api_key where id = ? and revoked_at is null", theirKey))
                .isOne();
    }

    @Test
    void aPersonsSessionDoesNotOpenTheApi() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());

        mvc.perform(get("/api/v1/leads/{id}", lead.id()).with(user(workspace.admin())))
                .andExpect(status().isUnauthorized());
    }
}
