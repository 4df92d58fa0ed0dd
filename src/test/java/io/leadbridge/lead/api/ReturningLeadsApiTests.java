package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Leads that come back through the intake API (issue 19): {@code "onExisting": "update"}. */
@IntegrationTest
class ReturningLeadsApiTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    OwnerDatabase owner;

    TestWorkspace workspace;
    String key;

    @BeforeEach
    void workspaceWithKey() {
        workspace = workspaces.create();
        key = keyOf(workspace);
    }

    String keyOf(TestWorkspace of) {
        return apiKeys.create(of, "Marketing automation").value();
    }

    MockHttpServletRequestBuilder postLead(String body) {
        return postLead(key, body);
    }

    static MockHttpServletRequestBuilder postLead(String key, String body) {
        return post("/api/v1/leads")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    /** A lead that fails the default criteria only by its size (10 employees; 50–5000 are required). */
    static String smallLead(String email, String stage) {
        return """
                {"firstName": "Jana", "lastName": "Becker", "email": "%s", "phone": "+49 30 1234567",
                 "jobTitle": "Head of Production", "companyName": "Becker Maschinenbau GmbH", "employees": 10,
                 "industry": "MANUFACTURING", "country": "DE", "source": "webinar", "campaign": "first",
                 "engagementScore": 62, "projectPlanned": true, "timeline": "THIS_QUARTER", "stage": "%s"}
                """.formatted(email, stage);
    }

    long create(String body) throws Exception {
        String location = mvc.perform(postLead(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    boolean qualified(long leadId) {
        return owner.jdbc()
                .sql("select qualified from lead_evaluation where lead_id = ?")
                .param(leadId)
                .query(Boolean.class)
                .single();
    }

    long entries(long leadId, String type) {
        return owner.count("select count(*) from lead_event where lead_id = ? and type = ?", leadId, type);
    }

    @Test
    void anUpdateChangesTheFieldsSentKeepsTheOthersAndSaysSo() throws Exception {
        String email = TestWorkspaces.uniqueEmail("back");
        long id = create(smallLead(email, "NEW_INQUIRY"));

        mvc.perform(postLead("""
                        {"email": "%s", "jobTitle": "CTO", "phone": null, "source": "ebook",
                         "campaign": "automation-2026-q4", "onExisting": "update"}
                        """.formatted(email.toUpperCase())))
                .andExpect(status().isOk())
                .andExpect(header().string("Lead-Outcome", "updated"))
                .andExpect(header().string("Content-Location", "/api/v1/leads/" + id))
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.jobTitle").value("CTO"))
                .andExpect(jsonPath("$.source").value("ebook"))
                .andExpect(jsonPath("$.phone").value("+49 30 1234567"))
                .andExpect(jsonPath("$.companyName").value("Becker Maschinenbau GmbH"))
                .andExpect(jsonPath("$.employees").value(10))
                .andExpect(jsonPath("$.projectPlanned").value(true))
                .andExpect(jsonPath("$.timeline").value("THIS_QUARTER"))
                .andExpect(jsonPath("$.stage").value("NEW_INQUIRY"));

        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isOne();
        // On the timeline: engaged again, with the source and campaign sent, and the changed fields like an edit.
        String entry = owner.jdbc().sql("""
                        select (details -> 'facts' ->> 'source') || '|' || (details -> 'facts' ->> 'campaign') || '|'
                               || (details -> 'facts' ->> 'channel') || '|' || actor_label || '|'
                               || (select string_agg(c ->> 'field' || ':' || coalesce(c ->> 'before', '') || '>'
                                                     || coalesce(c ->> 'after', ''), ',' order by c ->> 'field')
                                   from jsonb_array_elements(details -> 'changes') c)
                        from lead_event where lead_id = ? and type = 'RE_ENGAGED'
                        """).param(id).query(String.class).single();
        assertThat(entry)
                .isEqualTo("ebook|automation-2026-q4|API|API: Marketing automation|"
                        + "campaign:first>automation-2026-q4,jobTitle:Head of Production>CTO,source:webinar>ebook");
        // Not in nurture: updated and timelined, not re-engaged, nobody notified.
        assertThat(owner.count("select count(*) from lead where id = ? and re_engaged_at is not null", id))
                .isZero();
    }

    @Test
    void aNurtureLeadThatQualifiesNowGoesBackInFrontOfMarketing() throws Exception {
        String email = TestWorkspaces.uniqueEmail("nurtured");
        long id = create(smallLead(email, "NURTURE"));
        long other = create(smallLead(TestWorkspaces.uniqueEmail("still"), "NURTURE"));
        assertThat(qualified(id)).isFalse();

        mvc.perform(postLead("""
                        {"email": "%s", "employees": 240, "source": "trade fair", "onExisting": "update"}
                        """.formatted(email)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.employees").value(240))
                // It stays in nurture: like a new lead that qualifies, it is marked, not moved (docs/adr/0013).
                .andExpect(jsonPath("$.stage").value("NURTURE"));

        assertThat(qualified(id)).as("evaluated again").isTrue();
        assertThat(owner.count("select count(*) from lead where id = ? and re_engaged_at is not null", id))
                .isOne();
        assertThat(owner.jdbc()
                        .sql("select details -> 'facts' ->> 'backToMarketing' from lead_event"
                                + " where lead_id = ? and type = 'RE_ENGAGED'")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("true");
        // The marketers are told, in the app, with a link to the lead.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(owner.jdbc()
                                .sql("""
                                        select arguments::text || '|' || link from notification
                                        where recipient_id = ? and message_key = 'notification.reEngaged'
                                        """)
                                .param(workspace.marketer().accountId())
                                .query(String.class)
                                .list())
                        .containsExactly("[\"Jana Becker\", \"trade fair\"]|/leads/" + id));
        mvc.perform(get("/notifications").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "Jana Becker came back (trade fair) and qualifies now: back in front of marketing")));
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key like 'notification.reEngaged%'",
                        workspace.salesRep().accountId()))
                .isZero();

        // The list's "re-engaged" filter shows it (and not the nurture lead that did not come back); its page a badge.
        String list = mvc.perform(get("/leads").param("reEngaged", "true").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains("/leads/" + id + "\"").doesNotContain("/leads/" + other + "\"");
        assertThat(mvc.perform(get("/leads").with(user(workspace.marketer())))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("/leads/" + other + "\"");
        mvc.perform(get("/leads/{id}", id).with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"lead-re-engaged\"")))
                .andExpect(content().string(Matchers.containsString("Engaged again")));
        mvc.perform(get("/leads/{id}", other).with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"lead-re-engaged\""))));
    }

    @Test
    void withoutTheOptionASecondLeadWithTheSameEmailIsStillAConflict() throws Exception {
        String email = TestWorkspaces.uniqueEmail("twice");
        long id = create(smallLead(email, "NEW_INQUIRY"));

        mvc.perform(postLead(
                        "{\"email\": \"%s\", \"companyName\": \"X\", \"onExisting\": \"reject\"}".formatted(email)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.existingId").value(id));
        mvc.perform(postLead("{\"email\": \"%s\", \"companyName\": \"X\"}".formatted(email)))
                .andExpect(status().isConflict());
        assertThat(entries(id, "RE_ENGAGED")).isZero();
    }

    @Test
    void aBadOptionIsAProblemNamingTheField() throws Exception {
        mvc.perform(postLead("{\"email\": \"a@b.de\", \"companyName\": \"X\", \"onExisting\": \"merge\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("onExisting")));
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"onExisting\": 7, \"leads\": [{\"email\": \"a@b.de\", \"companyName\": \"X\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("onExisting")));
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"onExisting\": \"upsert\", \"leads\": [{\"email\": \"a@b.de\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("onExisting")));
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void aBatchWithTheOptionUpdatesTheKnownAndCreatesTheNew() throws Exception {
        String known = TestWorkspaces.uniqueEmail("known");
        String fresh = TestWorkspaces.uniqueEmail("fresh");
        long id = create(smallLead(known, "NURTURE"));

        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"onExisting": "update", "leads": [
                                  {"email": "%s", "employees": 300, "campaign": "batch-return"},
                                  {"email": "%s", "companyName": "Fresh GmbH"},
                                  {"email": "broken"}]}
                                """.formatted(known.toUpperCase(), fresh)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.failed").value(1))
                .andExpect(jsonPath("$.results[0].status").value("updated"))
                .andExpect(jsonPath("$.results[0].id").value(id))
                .andExpect(jsonPath("$.results[1].status").value("created"))
                .andExpect(jsonPath("$.results[2].status").value("invalid"));

        assertThat(owner.jdbc()
                        .sql("select employees || '|' || campaign || '|' || company_name from lead where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("300|batch-return|Becker Maschinenbau GmbH");
        assertThat(qualified(id)).isTrue();
        assertThat(owner.count("select count(*) from lead where id = ? and re_engaged_at is not null", id))
                .isOne();
        assertThat(owner.jdbc()
                        .sql("select details -> 'facts' ->> 'campaign' from lead_event"
                                + " where lead_id = ? and type = 'RE_ENGAGED'")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("batch-return");
    }

    @Test
    void aReplayedRequestAnswersTheSameAndAppliesNothingTwice() throws Exception {
        String email = TestWorkspaces.uniqueEmail("replay");
        long id = create(smallLead(email, "NURTURE"));
        String update = "{\"email\": \"%s\", \"engagementScore\": 80, \"onExisting\": \"update\"}".formatted(email);

        String first = mvc.perform(postLead(update).header("Idempotency-Key", "return-1"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long version = owner.jdbc()
                .sql("select version from lead where id = ?")
                .param(id)
                .query(Long.class)
                .single();
        mvc.perform(postLead(update).header("Idempotency-Key", "return-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(header().string("Lead-Outcome", "updated"))
                .andExpect(content().json(first));

        assertThat(entries(id, "RE_ENGAGED")).isOne();
        assertThat(owner.jdbc()
                        .sql("select version from lead where id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(version);

        // Keyed by the external id alone: the same request again is a retry, another one a return.
        String withExternalId =
                "{\"email\": \"%s\", \"externalId\": \"hs-%d\", \"source\": \"ebook\", \"onExisting\": \"update\"}"
                        .formatted(email, id);
        mvc.perform(postLead(withExternalId)).andExpect(status().isOk());
        mvc.perform(postLead(withExternalId))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(entries(id, "RE_ENGAGED")).isEqualTo(2);
        mvc.perform(postLead(withExternalId.replace("ebook", "webinar")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.source").value("webinar"));
        assertThat(entries(id, "RE_ENGAGED")).isEqualTo(3);
    }

    @Test
    void anotherWorkspacesLeadWithTheSameEmailIsUntouched() throws Exception {
        TestWorkspace other = workspaces.create();
        String email = TestWorkspaces.uniqueEmail("elsewhere");
        String otherKey = keyOf(other);
        mvc.perform(postLead(otherKey, smallLead(email, "NURTURE"))).andExpect(status().isCreated());

        mvc.perform(postLead(
                        "{\"email\": \"%s\", \"companyName\": \"Mine\", \"employees\": 900, \"onExisting\": \"update\"}"
                                .formatted(email)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Lead-Outcome", "created"))
                .andExpect(jsonPath("$.companyName").value("Mine"));

        assertThat(owner.jdbc()
                        .sql("select company_name || '|' || employees || '|' || version from lead where tenant_id = ?")
                        .param(other.tenantId())
                        .query(String.class)
                        .single())
                .isEqualTo("Becker Maschinenbau GmbH|10|0");
        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isOne();
        assertThat(owner.count(
                        "select count(*) from lead_event e join lead l on l.id = e.lead_id"
                                + " where l.tenant_id = ? and e.type = 'RE_ENGAGED'",
                        other.tenantId()))
                .isZero();
    }

    @Test
    void anUpdateThatWouldBreakTheLeadIsRefusedFieldByField() throws Exception {
        String email = TestWorkspaces.uniqueEmail("broken");
        long id = create(smallLead(email, "NEW_INQUIRY"));

        mvc.perform(postLead(
                        "{\"email\": \"%s\", \"employees\": 0, \"country\": \"Germany\", \"onExisting\": \"update\"}"
                                .formatted(email)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.containsInAnyOrder("country", "employees")));
        assertThat(entries(id, "RE_ENGAGED")).isZero();
    }

    @Test
    void thePersonComingBackSeveralTimesAtOnceIsAppliedEachTimeOrAskedToRetry() throws Exception {
        String email = TestWorkspaces.uniqueEmail("rush");
        long id = create(smallLead(email, "NURTURE"));
        int requests = 6;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                String body =
                        "{\"email\": \"%s\", \"engagementScore\": %d, \"campaign\": \"c%d\", \"onExisting\": \"update\"}"
                                .formatted(email, 40 + i, i);
                Callable<Integer> call = () -> {
                    start.await();
                    return mvc.perform(postLead(body)).andReturn().getResponse().getStatus();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            int applied = 0;
            for (Future<Integer> answer : answers) {
                int status = answer.get();
                assertThat(status).isIn(200, 409);
                if (status == 200) {
                    applied++;
                }
            }
            assertThat(applied).isPositive();
            assertThat(entries(id, "RE_ENGAGED")).isEqualTo(applied);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheOption() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.schemas.LeadRequest.properties.onExisting.enum")
                        .value(Matchers.contains("reject", "update")))
                .andExpect(jsonPath("$.components.schemas.BatchRequest.properties.onExisting.enum")
                        .value(Matchers.contains("reject", "update")))
                .andExpect(jsonPath("$.paths['/api/v1/leads'].post.responses['200'].headers['Lead-Outcome']")
                        .exists());
    }
}
