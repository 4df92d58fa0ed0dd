package io.leadbridge.lead.api;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class IntakeApiTests {

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
        key = apiKeys.create(workspace, "Marketing automation").value();
    }

    static String lead(String email, String company) {
        return """
                {"externalId": null, "firstName": "Jana", "lastName": "Becker", "email": "%s",
                 "phone": "+49 30 1234567", "jobTitle": "Head of Production", "companyName": "%s",
                 "website": "https://becker.example", "employees": 240, "industry": "MANUFACTURING",
                 "department": "Operations", "country": "DE", "source": "webinar", "campaign": "automation-2026-q4",
                 "engagementScore": 62, "projectPlanned": true, "budgetConfirmed": false, "timeline": "THIS_QUARTER"}
                """.formatted(email, company);
    }

    MockHttpServletRequestBuilder postLead(String body) {
        return post("/api/v1/leads")
                .header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    long leadsOfWorkspace() {
        return owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId());
    }

    @Test
    void oneLeadIsCreatedWithLocationAndCanBeReadBack() throws Exception {
        String email = TestWorkspaces.uniqueEmail("jana");

        MockHttpServletResponse created = mvc.perform(postLead(lead(email, "Becker Maschinenbau GmbH")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.matchesPattern("/api/v1/leads/\\d+")))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.industry").value("MANUFACTURING"))
                .andExpect(jsonPath("$.stage").value("NEW_INQUIRY"))
                .andReturn()
                .getResponse();

        mvc.perform(get(created.getHeader("Location")).header("Authorization", "Bearer " + key))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.companyName").value("Becker Maschinenbau GmbH"))
                .andExpect(jsonPath("$.employees").value(240));
        assertThat(owner.jdbc().sql("""
                                select e.type || '|' || e.actor_label || '|' || (e.details -> 'facts' ->> 'channel')
                                from lead_event e join lead l on l.id = e.lead_id where l.email = ?
                                """).param(email).query(String.class).single())
                .isEqualTo("CREATED|API: Marketing automation|API");
    }

    @Test
    void aLeadMayStartInAMarketingStage() throws Exception {
        String body =
                "{\"email\":\"" + TestWorkspaces.uniqueEmail("n") + "\",\"companyName\":\"N\",\"stage\":\"NURTURE\"}";
        mvc.perform(postLead(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.stage").value("NURTURE"));
    }

    @Test
    void invalidFieldsAreEachNamedInAProblemAndNothingIsWritten() throws Exception {
        mvc.perform(postLead("""
                        {"email": "jana.becker", "employees": 0, "engagementScore": 120, "country": "Germany",
                         "industry": "SPACE_TRAVEL", "stage": "WON"}
                        """))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(Matchers.containsInAnyOrder(
                                "companyName",
                                "country",
                                "email",
                                "employees",
                                "engagementScore",
                                "industry",
                                "stage")))
                .andExpect(jsonPath("$.errors[?(@.field == 'engagementScore')].message")
                        .value(Matchers.contains("Please enter at most 100.")));
        assertThat(leadsOfWorkspace()).isZero();
    }

    @Test
    void malformedJsonWrongTypesEmptyBodiesAndWrongMediaTypesAreProblemsNotErrors() throws Exception {
        mvc.perform(postLead("{\"email\": \"a@b.de\", "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request"));
        mvc.perform(postLead("{\"email\": \"a@b.de\", \"companyName\": \"C\", \"employees\": \"many\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("employees"));
        mvc.perform(postLead("{\"email\": \"a@b.de\", \"companyName\": \"C\", \"timeline\": \"SOON\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeline"));
        mvc.perform(postLead("[1, 2]")).andExpect(status().isBadRequest());
        mvc.perform(postLead("")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("email=a@b.de"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(leadsOfWorkspace()).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String huge = "{\"email\":\"a@b.de\",\"companyName\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}";

        mvc.perform(postLead(huge))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(leadsOfWorkspace()).isZero();
    }

    @Test
    void aDuplicateEmailIsAConflictNamingTheExistingLead() throws Exception {
        String email = TestWorkspaces.uniqueEmail("dup");
        String location = mvc.perform(postLead(lead(email, "First")))
                .andReturn()
                .getResponse()
                .getHeader("Location");

        mvc.perform(postLead(lead(email.toUpperCase(), "Second")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("email"))
                .andExpect(jsonPath("$.existingLead").value(location));
        assertThat(leadsOfWorkspace()).isOne();
    }

    @Test
    void retriesWithTheSameIdempotencyKeyAnswerTheOriginalAndCreateNothing() throws Exception {
        String body = lead(TestWorkspaces.uniqueEmail("retry"), "Retry GmbH");
        MockHttpServletResponse first = mvc.perform(postLead(body).header("Idempotency-Key", "order-1"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse();

        mvc.perform(postLead(body).header("Idempotency-Key", "order-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", first.getHeader("Location")))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(content().json(first.getContentAsString()));
        mvc.perform(postLead(lead(TestWorkspaces.uniqueEmail("other"), "Other GmbH"))
                        .header("Idempotency-Key", "order-1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(leadsOfWorkspace()).isOne();

        // The key is the workspace's own: another workspace may use the same one.
        TestWorkspace other = workspaces.create();
        String otherKey = apiKeys.create(other, "x").value();
        mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + otherKey)
                        .header("Idempotency-Key", "order-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated());
    }

    @Test
    void theExternalIdMakesRetriesSafeToo() throws Exception {
        String body = "{\"externalId\":\"hs-" + UUID.randomUUID() + "\",\"email\":\""
                + TestWorkspaces.uniqueEmail("ext") + "\",\"companyName\":\"Ext AG\"}";
        String location = mvc.perform(postLead(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        mvc.perform(postLead(body))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", location))
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(leadsOfWorkspace()).isOne();
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyCreateOneLead() throws Exception {
        String body = lead(TestWorkspaces.uniqueEmail("burst"), "Burst GmbH");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                requests.add(() -> {
                    start.await();
                    MockHttpServletResponse response = mvc.perform(
                                    postLead(body).header("Idempotency-Key", "burst-1"))
                            .andReturn()
                            .getResponse();
                    if (response.getStatus() == 409) {
                        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                    }
                    return response.getStatus();
                });
            }
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> request : requests) {
                futures.add(pool.submit(request));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            assertThat(statuses).containsOnly(201, 409).contains(201);
        } finally {
            pool.shutdown();
        }
        assertThat(leadsOfWorkspace()).isOne();

        // Once the first is done, a retry gets the original answer.
        mvc.perform(postLead(body).header("Idempotency-Key", "burst-1"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
    }

    @Test
    void aBatchAnswersOneResultPerLeadAndCreatesTheValidOnes() throws Exception {
        String existing = TestWorkspaces.uniqueEmail("existing");
        mvc.perform(postLead(lead(existing, "Existing"))).andExpect(status().isCreated());
        String fresh = TestWorkspaces.uniqueEmail("fresh");
        String batch = "{\"leads\":[" + lead(fresh, "Fresh") + ", {\"email\":\"broken\"}, " + lead(existing, "Again")
                + ", " + lead(fresh.toUpperCase(), "Twice") + "]}";

        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(batch))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.failed").value(3))
                .andExpect(jsonPath("$.results[0].status").value("created"))
                .andExpect(jsonPath("$.results[1].status").value("invalid"))
                .andExpect(jsonPath("$.results[1].errors[*].field")
                        .value(Matchers.containsInAnyOrder("companyName", "email")))
                .andExpect(jsonPath("$.results[2].status").value("duplicate"))
                .andExpect(jsonPath("$.results[2].field").value("email"))
                .andExpect(jsonPath("$.results[2].existingId")
                        .value(owner.jdbc()
                                .sql("select id from lead where email = ?")
                                .param(existing)
                                .query(Long.class)
                                .single()))
                .andExpect(jsonPath("$.results[3].status").value("invalid"));
        assertThat(leadsOfWorkspace()).isEqualTo(2);
        // The batch's lead is on the timeline like a single one, and evaluated against the criteria.
        assertThat(owner.jdbc().sql("""
                                select e.type || '|' || e.actor_label || '|' || (e.details -> 'facts' ->> 'channel')
                                from lead_event e join lead l on l.id = e.lead_id where l.email = ?
                                """).param(fresh).query(String.class).single())
                .isEqualTo("CREATED|API: Marketing automation|API");
        assertThat(owner.jdbc().sql("""
                                select count(*) from lead_evaluation e join lead l on l.id = e.lead_id
                                where l.email = ? and e.tenant_id = l.tenant_id
                                """).param(fresh).query(Long.class).single())
                .isEqualTo(1L);
    }

    /**
     * A batch is written as one statement over one array per field (ADR 0034): each lead answered by its id holds its
     * own values, nulls included, in the order sent — none shifted to a neighbour's row.
     */
    @Test
    void aBatchStoresEachLeadsOwnFieldsUnderTheIdItAnswers() throws Exception {
        String full = TestWorkspaces.uniqueEmail("full");
        String bare = TestWorkspaces.uniqueEmail("bare");
        String other = TestWorkspaces.uniqueEmail("other");
        String body = "{\"leads\":["
                + lead(full, "Full \\\"Quoted\\\" GmbH")
                        .replace("\"externalId\": null", "\"externalId\": \"crm-full\"")
                        .replace("\"timeline\": \"THIS_QUARTER\"", """
                                "timeline": "NOW", "legalBasis": "CONSENT", "consentText": "Yes, {mail} me, please.",
                                "consentGivenAt": "2026-12-01T10:00:00Z"
                                """)
                + ", {\"email\": \"" + bare + "\", \"companyName\": \"Bare, Ltd.\"}, "
                + lead(other, "NULL")
                        .replace("\"employees\": 240", "\"employees\": 7")
                        .replace("\"engagementScore\": 62", "\"engagementScore\": 0")
                        .replace("\"projectPlanned\": true", "\"projectPlanned\": false")
                        .replace("\"industry\": \"MANUFACTURING\"", "\"industry\": null")
                + "]}";

        String answer = mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(3))
                .andReturn()
                .getResponse()
                .getContentAsString();

        List<String> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long id = ((Number) com.jayway.jsonpath.JsonPath.read(answer, "$.results[" + i + "].id")).longValue();
            stored.add(owner.jdbc()
                    .sql("""
                            select concat_ws('|', email, company_name, coalesce(first_name, '-'),
                                coalesce(employees::text, '-'), coalesce(industry, '-'),
                                coalesce(engagement_score::text, '-'), project_planned, budget_confirmed,
                                purchase_timeline, coalesce(external_id, '-'), coalesce(legal_basis, '-'),
                                coalesce(consent_text, '-'),
                                coalesce(to_char(consent_given_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI'), '-'),
                                origin, origin_label, stage, (created_by is null))
                            from lead where tenant_id = ? and id = ?
                            """)
                    .params(workspace.tenantId(), id)
                    .query(String.class)
                    .single());
        }
        assertThat(stored)
                .containsExactly(
                        full + "|Full \"Quoted\" GmbH|Jana|240|MANUFACTURING|62|t|f|NOW|crm-full|CONSENT"
                                + "|Yes, {mail} me, please.|2026-12-01T10:00|API|Marketing automation|NEW_INQUIRY|t",
                        bare + "|Bare, Ltd.|-|-|-|-|f|f|UNKNOWN|-|-|-|-|API|Marketing automation" + "|NEW_INQUIRY|t",
                        other + "|NULL|Jana|7|-|0|f|f|THIS_QUARTER|-|-|-|-|API|Marketing automation"
                                + "|NEW_INQUIRY|t");
    }

    @Test
    void aBatchNamesTheLeadThatAlreadyHasAnExternalId() throws Exception {
        String first = TestWorkspaces.uniqueEmail("first");
        String body = lead(first, "First").replace("\"externalId\": null", "\"externalId\": \"crm-7\"");
        mvc.perform(postLead(body)).andExpect(status().isCreated());
        String other = lead(TestWorkspaces.uniqueEmail("other"), "Other")
                .replace("\"externalId\": null", "\"externalId\": \"crm-7\"");
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\":[" + other + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(0))
                .andExpect(jsonPath("$.results[0].status").value("duplicate"))
                .andExpect(jsonPath("$.results[0].field").value("externalId"));
        assertThat(leadsOfWorkspace()).isEqualTo(1);
    }

    @Test
    void aBatchOfFiveHundredGoesInAndABatchOverTheLimitIsRefused() throws Exception {
        StringBuilder five = new StringBuilder("{\"leads\":[");
        for (int i = 0; i < 500; i++) {
            five.append(i == 0 ? "" : ",").append(lead(TestWorkspaces.uniqueEmail("b" + i), "Batch " + i));
        }
        five.append("]}");
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .header("Idempotency-Key", "batch-500")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(five.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(500));
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .header("Idempotency-Key", "batch-500")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(five.toString()))
                .andExpect(status().isOk())
                .andExpect(header().string("Idempotent-Replayed", "true"));
        assertThat(leadsOfWorkspace()).isEqualTo(500);

        StringBuilder tooMany = new StringBuilder("{\"leads\":[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"email\":\"m").append(i).append("@x.de\"}");
        }
        tooMany.append("]}");
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(tooMany.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("leads"));
        assertThat(leadsOfWorkspace()).isEqualTo(500);
    }

    @Test
    void theOpenApiDocumentDescribesTheIntake() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/leads'].post").exists())
                .andExpect(jsonPath("$.paths['/api/v1/leads/batch'].post").exists())
                .andExpect(
                        jsonPath("$.components.securitySchemes.apiKey.scheme").value("bearer"));
    }

    /** Issue 15, finding 10: the API validates as strictly as the forms, and says so in a problem for each field. */
    @Test
    void dubiousInputIsRefusedWithAProblemNamingTheFieldAndNothingIsStored() throws Exception {
        for (String email : List.of("<a@b.example>", ".a@b.example", "a@-b.example", "a..b@example.com", "a@b.c")) {
            mvc.perform(postLead(lead(email, "Strict GmbH")))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[?(@.field == 'email')]").exists());
        }
        String valid = "strict-" + UUID.randomUUID() + "@strict.example";
        mvc.perform(postLead("{\"email\": \"" + valid + "\", \"companyName\": \"Strict GmbH\", \"timeline\": 1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("timeline"));
        mvc.perform(postLead("{\"email\": \"" + valid + "\", \"companyName\": \"Strict GmbH\", \"employees\": 1.5}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("employees"));
        mvc.perform(postLead("{\"email\": \"" + valid
                        + "\", \"companyName\": \"Strict GmbH\", \"firstName\": \"\\u001b[31mJana\\u0007\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("firstName"))
                .andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("control characters")));
        mvc.perform(postLead(lead(valid, "Strict GmbH")).header("Idempotency-Key", "k".repeat(1_000)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("Idempotency-Key"));
        mvc.perform(postLead(lead(valid, "Strict GmbH")).header("Idempotency-Key", "retry\u0007\u001b[2J"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("control characters")));

        assertThat(leadsOfWorkspace()).isZero();
        assertThat(owner.count("select count(*) from idempotent_request where tenant_id = ?", workspace.tenantId()))
                .isZero();

        // The same address, written plainly, is taken; a German one with an umlaut domain too.
        mvc.perform(postLead(lead(valid, "Strict GmbH"))).andExpect(status().isCreated());
        mvc.perform(postLead(lead("jürgen-" + UUID.randomUUID() + "@müller.example", "Umlaut GmbH")))
                .andExpect(status().isCreated());
    }

    @Test
    void aLeadSentWithOnlyEmailAndCompanyStatesNothingAndMeetsNoCriterion() throws Exception {
        String email = TestWorkspaces.uniqueEmail("bare");
        mvc.perform(postLead("{\"email\": \"" + email + "\", \"companyName\": \"Bare GmbH\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.timeline").value("UNKNOWN"))
                .andExpect(jsonPath("$.projectPlanned").value(false))
                .andExpect(jsonPath("$.budgetConfirmed").value(false));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> owner.count(
                                "select count(*) from lead_evaluation e join lead l on l.id = e.lead_id where l.email = ?",
                                email)
                        == 1);
        assertThat(owner.jdbc()
                        .sql("select e.qualified || '|' || e.met::text from lead_evaluation e"
                                + " join lead l on l.id = e.lead_id where l.email = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .startsWith("false|")
                .contains("TIMELINE")
                .doesNotContain("true");
    }

    @Test
    void anIdThatIsNoNumberIsNotFoundAsAProblem() throws Exception {
        mvc.perform(get("/api/v1/leads/abc").header("Authorization", "Bearer " + key))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    /**
     * A new lead's entry commits with it (docs/adr/0023): it is there as soon as the answer is, and the event
     * publication registry holds nothing for it — neither for a single lead nor for a batch's.
     */
    @Test
    void aNewLeadsTimelineEntryCommitsWithItAndLeavesNoPublication() throws Exception {
        String single = TestWorkspaces.uniqueEmail("single");
        String batched = TestWorkspaces.uniqueEmail("batched");
        mvc.perform(postLead(lead(single, "Single"))).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/leads/batch")
                        .header("Authorization", "Bearer " + key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leads\":[" + lead(batched, "Batched") + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1));

        for (String email : List.of(single, batched)) {
            long id = owner.jdbc()
                    .sql("select id from lead where email = ?")
                    .param(email)
                    .query(Long.class)
                    .single();
            assertThat(owner.count(
                            "select count(*) from lead_event where tenant_id = ? and lead_id = ? and type = 'CREATED'",
                            workspace.tenantId(),
                            id))
                    .as("the entry of %s, at once", email)
                    .isOne();
        }
        assertThat(owner.count(
                        "select count(*) from event_publication where event_type in (?, ?)"
                                + " and cast(serialized_event as jsonb) ->> 'tenantId' = ?",
                        "io.leadbridge.lead.LeadCreated",
                        "io.leadbridge.lead.LeadsCreated",
                        workspace.tenantId().toString()))
                .isZero();
    }

    /** A key's use is written down once a minute at most: the requests within it write nothing (docs/adr/0023). */
    @Test
    void aKeysUseIsWrittenOnceWithinAMinute() throws Exception {
        mvc.perform(postLead(lead(TestWorkspaces.uniqueEmail("first"), "First")))
                .andExpect(status().isCreated());
        java.sql.Timestamp noted = owner.jdbc()
                .sql("select last_used_at from api_key where tenant_id = ?")
                .param(workspace.tenantId())
                .query(java.sql.Timestamp.class)
                .single();
        assertThat(noted).isNotNull();
        mvc.perform(postLead(lead(TestWorkspaces.uniqueEmail("second"), "Second")))
                .andExpect(status().isCreated());
        assertThat(owner.jdbc()
                        .sql("select last_used_at from api_key where tenant_id = ?")
                        .param(workspace.tenantId())
                        .query(java.sql.Timestamp.class)
                        .single())
                .isEqualTo(noted);
    }
}
