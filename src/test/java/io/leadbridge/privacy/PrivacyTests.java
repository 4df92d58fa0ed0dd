package io.leadbridge.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestApiKeys;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Comments;
import io.leadbridge.webhook.WebhookEvent;
import io.leadbridge.webhook.WebhookManagement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A person's export and erasure, against what the database really holds (seen as its owner, past row-level security).
 *
 * <p>Modules without an implementation of {@link PersonalData}, and why: account (the team's own people, not leads),
 * agreement (criteria and funnel proposals and their comments are about the workspace's rules, never a lead), goal
 * (revenue targets), funnel and dashboard (no tables of their own about leads), tenant (workspace settings) and criteria
 * erases nothing (its evaluations hold a version, a score and criterion codes; they are exported). The search below
 * over every text-like column proves that nothing of the person is left in any of them.
 */
@IntegrationTest
class PrivacyTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    TestApiKeys apiKeys;

    @Autowired
    WebhookManagement webhooks;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    Comments comments;

    @Autowired
    PrivacyManagement privacy;

    @Autowired
    ObjectMapper json;

    /** A person with names found nowhere else in the database. */
    record Person(String firstName, String lastName, String email, String phone) {

        static Person unique() {
            String a = letters(8);
            String b = letters(10);
            return new Person(
                    "Ot" + a,
                    "Quen" + b,
                    "Ot" + a + ".Quen" + b + "@Person.example",
                    "+49 30 " + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        }

        String name() {
            return firstName + " " + lastName;
        }

        List<String> values() {
            return List.of(email, firstName, lastName, phone);
        }
    }

    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return s.toString();
    }

    /** A lead created through the intake API with an Idempotency-Key, with its whole life on it. */
    long richLead(TestWorkspace workspace, Person person) throws Exception {
        String key = apiKeys.create(workspace, "Automation").value();
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> webhooks.register(
                        "http://127.0.0.1:9/hooks",
                        null,
                        List.of(WebhookEvent.values()),
                        workspace.admin().accountId()));
        String body = """
                {"firstName": "%s", "lastName": "%s", "email": "%s", "phone": "%s", "jobTitle": "Head of Production",
                 "companyName": "%s Maschinenbau", "website": "https://%s.example", "employees": 240,
                 "industry": "MANUFACTURING", "country": "DE", "source": "webinar", "campaign": "automation-2026-q4",
                 "engagementScore": 62, "projectPlanned": true, "budgetConfirmed": false, "timeline": "THIS_QUARTER",
                 "legalBasis": "CONSENT", "consentText": "I, %s %s, agree to be called.",
                 "consentGivenAt": "2026-12-01T10:00:00Z"}
                """.formatted(
                        person.firstName(),
                        person.lastName(),
                        person.email(),
                        person.phone(),
                        person.lastName(),
                        person.lastName().toLowerCase(Locale.ROOT),
                        person.firstName(),
                        person.lastName());
        String location = mvc.perform(post("/api/v1/leads")
                        .header("Authorization", "Bearer " + key)
                        .header("Idempotency-Key", "privacy-" + UUID.randomUUID())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        UUID tenant = workspace.tenantId();
        CurrentTenant.runAs(tenant, () -> {
            assignment.handOff(
                    id, null, workspace.salesRep().accountId(), "Asked for " + person.name(), workspace.marketer());
            decisions.reject(
                    id, null, "NOT_READY", "Called " + person.name() + ", not before Q3", workspace.salesRep());
            DisputeView dispute = disputes.dispute(
                    id, null, person.firstName() + " told me the budget is there", workspace.marketer());
            disputes.decide(
                    dispute.id(),
                    DisputeManagement.Outcome.UPHOLD,
                    "Spoke to " + person.lastName() + " myself: not ready",
                    null,
                    workspace.liaison());
            String handle = workspace.salesRep().getEmail().split("@")[0];
            comments.add(
                    id,
                    person.name(),
                    "@" + handle + " " + person.name() + " prefers calls at " + person.phone(),
                    workspace.marketer().accountId(),
                    "Mara Marketer");
        });
        EventPublications.awaitCompleted(owner, tenant);
        return id;
    }

    /** Every text-like column of every table, from the catalog, with whether it has a workspace column. */
    List<String[]> textColumns() {
        return owner.jdbc()
                .sql("""
                        select c.table_name, c.column_name, c.data_type,
                               exists (select 1 from information_schema.columns t
                                       where t.table_schema = c.table_schema and t.table_name = c.table_name
                                         and t.column_name = 'tenant_id')
                        from information_schema.columns c
                        join information_schema.tables t
                          on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                          and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'bytea', 'ARRAY')
                        order by 1, 2
                        """)
                .query((rs, n) -> new String[] {
                    rs.getString(1), rs.getString(2), rs.getString(3), Boolean.toString(rs.getBoolean(4))
                })
                .list();
    }

    /** Where (table.column) any of the values is held, in the workspace (or anywhere, for tables of no workspace). */
    Set<String> whereHeld(UUID tenant, List<String> values) {
        Set<String> found = new java.util.TreeSet<>();
        for (String[] column : textColumns()) {
            String text = column[2].equals("bytea")
                    ? "lower(encode(\"%s\", 'escape'))".formatted(column[1])
                    : "lower(cast(\"%s\" as text))".formatted(column[1]);
            String scope = Boolean.parseBoolean(column[3]) ? " and tenant_id = ?" : "";
            for (String value : values) {
                var spec = owner.jdbc()
                        .sql("select count(*) from \"%s\" where strpos(%s, ?) > 0%s".formatted(column[0], text, scope))
                        .param(value.toLowerCase(Locale.ROOT));
                if (!scope.isEmpty()) {
                    spec = spec.param(tenant);
                }
                if (spec.query(Long.class).single() > 0) {
                    found.add(column[0] + "." + column[1]);
                }
            }
        }
        return found;
    }

    /** The figures the dashboards and goals are made of, as the published views give them. */
    Map<String, Object> figures(UUID tenant) {
        return figures(owner, tenant);
    }

    /** The same, for other tests of the module (retention keeps the figures as an erasure does). */
    static Map<String, Object> figures(OwnerDatabase owner, UUID tenant) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put(
                "byStage",
                owner.jdbc()
                        .sql("select stage, count(*) from lead_record where tenant_id = ? group by stage order by 1")
                        .param(tenant)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list());
        figures.put(
                "bySource",
                owner.jdbc()
                        .sql("select source, count(*) from lead_record where tenant_id = ? group by source order by 1")
                        .param(tenant)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list());
        figures.put(
                "handoffsByStatusAndReason",
                owner.jdbc()
                        .sql("""
                                select status, reason_code, count(*), count(decided_at), count(breached_at)
                                from handoff_record where tenant_id = ? group by 1, 2 order by 1, 2
                                """)
                        .param(tenant)
                        .query((rs, n) -> rs.getString(1) + "/" + rs.getString(2) + "=" + rs.getLong(3) + ","
                                + rs.getLong(4) + "," + rs.getLong(5))
                        .list());
        figures.put(
                "qualified",
                owner.count("select count(*) from lead_qualification where tenant_id = ? and qualified", tenant));
        figures.put(
                "won",
                owner.jdbc()
                        .sql(
                                "select coalesce(sum(deal_value), 0) from lead_record where tenant_id = ? and won_at is not null")
                        .param(tenant)
                        .query(java.math.BigDecimal.class)
                        .single()
                        .toPlainString());
        figures.put(
                "disputes",
                owner.jdbc()
                        .sql("select status, count(*) from dispute where tenant_id = ? group by 1 order by 1")
                        .param(tenant)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list());
        figures.put(
                // As the database keeps them: the folded counts and the changes not yet folded in (the fold runs
                // on a schedule, so either may hold a change at the moment of looking).
                "stageCounts",
                owner.jdbc()
                        .sql("""
                                select stage, sum(leads) from (
                                    select stage, leads from lead_stage_count where tenant_id = ?
                                    union all
                                    select stage, leads from lead_stage_delta where tenant_id = ?) counted
                                group by 1 having sum(leads) <> 0 order by 1
                                """)
                        .params(tenant, tenant)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list());
        return figures;
    }

    @Test
    void anErasureLeavesNothingOfThePersonAndTheFiguresAsTheyWere() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Person person = Person.unique();
        long id = richLead(workspace, person);
        String comment = person.name() + " prefers calls";
        List<String> values = new ArrayList<>(person.values());
        values.add(comment);

        // Another workspace's lead with the same address (other names) stays as it is.
        TestWorkspace other = workspaces.create();
        LeadInput same = TestLeads.qualifiedLead();
        same.setEmail(person.email());
        long otherId = leads.create(other.marketer(), same).id();

        Set<String> before = whereHeld(workspace.tenantId(), values);
        assertThat(before)
                .as("the person is held in these places before the erasure (else the search below proves nothing)")
                .contains(
                        "lead.email",
                        "lead.first_name",
                        "lead_search.search_text",
                        "idempotent_request.response_body",
                        "lead_comment.body",
                        "lead_event.details",
                        "handoff.comment",
                        "dispute.argument",
                        "dispute.rationale",
                        "notification.arguments",
                        "mail_delivery.arguments",
                        "webhook_delivery.body",
                        "event_publication.serialized_event");
        Map<String, Object> figuresBefore = figures(workspace.tenantId());

        // The confirmation must be the same address.
        mvc.perform(post("/admin/privacy/erase")
                        .param("email", person.email())
                        .param("confirmation", "someone.else@person.example")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode(
                                "eraseForm", "confirmation", "privacy.confirmationMismatch"));
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and id = ? and email = ?",
                        workspace.tenantId(),
                        id,
                        person.email()))
                .isEqualTo(1);

        String tombstone = mvc.perform(post("/admin/privacy/erase")
                        .param("email", person.email())
                        .param("confirmation", "  " + person.email().toUpperCase(Locale.ROOT) + " ")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(tombstone).startsWith("/admin/privacy/tombstones/");

        assertThat(whereHeld(workspace.tenantId(), values))
                .as("text columns still holding the person")
                .isEmpty();
        assertThat(figures(workspace.tenantId())).isEqualTo(figuresBefore);
        assertThat(owner.count("select count(*) from person_tombstone where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
        assertThat(CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> privacy.wasErased(person.email().toLowerCase())))
                .isTrue();
        assertThat(CurrentTenant.callAs(other.tenantId(), () -> privacy.wasErased(person.email())))
                .isFalse();
        // The other workspace's lead is untouched.
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and id = ? and email = ? and first_name = ?",
                        other.tenantId(),
                        otherId,
                        person.email(),
                        same.getFirstName()))
                .isEqualTo(1);

        // The lead page, the list and the search no longer show the person.
        String page = mvc.perform(get("/leads/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String list = mvc.perform(get("/leads").with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String search = mvc.perform(get("/leads").param("q", person.lastName()).with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        // (The search page echoes the term in its field and its export links; its table of leads is what it found.)
        int table = search.indexOf("id=\"leads\"");
        assertThat(table).isPositive();
        String results = search.substring(table, search.indexOf("</table>", table));
        assertThat(search).contains("id=\"results\"");
        for (String shown : List.of(page, list, results)) {
            assertThat(shown).doesNotContainIgnoringCase(person.lastName()).doesNotContainIgnoringCase(person.email());
        }
        assertThat(search).doesNotContain("/leads/" + id + "\"");

        // A second erasure finds the person erased already.
        mvc.perform(post("/admin/privacy/erase")
                        .param("email", person.email())
                        .param("confirmation", person.email())
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/admin/privacy"));
        assertThat(owner.count("select count(*) from person_tombstone where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
    }

    /** Which export section holds the rows of each table that refers to a lead. */
    static final Map<String, String> SECTION_OF_TABLE = Map.of(
            "lead_event", "timeline",
            "lead_comment", "comments",
            "handoff", "handoffs",
            "dispute", "disputes",
            "lead_evaluation", "evaluations",
            // The search text (ADR 0024): the lead's own names, company and address, which its section holds.
            "lead_search", "lead");

    @Test
    void theExportHoldsEveryRowThatRefersToTheLeadAndIsLogged() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Person person = Person.unique();
        long id = richLead(workspace, person);

        byte[] file = mvc.perform(post("/admin/privacy/export")
                        .param("email", person.email().toUpperCase(Locale.ROOT))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        JsonNode export = json.readTree(file);
        JsonNode sections = export.get("sections");
        assertThat(sections.get("lead").get(0).get("email").asString()).isEqualTo(person.email());
        assertThat(sections.get("lead").get(0).get("id").asLong()).isEqualTo(id);

        List<String> tables = owner.jdbc().sql("""
                        select c.table_name from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.column_name = 'lead_id'
                        order by 1
                        """).query(String.class).list();
        assertThat(SECTION_OF_TABLE.keySet())
                .as("tables with a lead_id and their section")
                .containsExactlyInAnyOrderElementsOf(tables);
        Map<String, Long> inDatabase = new TreeMap<>();
        Map<String, Long> inExport = new TreeMap<>();
        for (String table : tables) {
            inDatabase.put(
                    table,
                    owner.count(
                            "select count(*) from \"%s\" where tenant_id = ? and lead_id = ?".formatted(table),
                            workspace.tenantId(),
                            id));
            JsonNode rows = sections.get(SECTION_OF_TABLE.get(table));
            inExport.put(table, rows == null ? 0L : (long) rows.size());
        }
        assertThat(inExport).isEqualTo(inDatabase);
        assertThat(inDatabase.values()).allMatch(n -> n > 0);
        assertThat(sections.get("notifications").size()).isPositive();
        assertThat(sections.get("mails").size()).isPositive();
        assertThat(sections.get("webhookDeliveries").size()).isPositive();
        assertThat(sections.get("webhookDeliveries").get(0).get("endpoint_url").asString())
                .isEqualTo("http://127.0.0.1:9/hooks");
        assertThat(sections.get("apiRequests").size()).isEqualTo(1);

        String summary = mvc.perform(post("/admin/privacy/summary")
                        .param("email", person.email())
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(summary).contains(person.lastName()).contains("Called " + person.name());

        // The access log: two exports, with a keyed hash, never the address.
        assertThat(owner.count(
                        "select count(*) from person_export where tenant_id = ? and exported_by = ? and leads = 1",
                        workspace.tenantId(),
                        workspace.admin().accountId()))
                .isEqualTo(2);
        assertThat(whereHeld(workspace.tenantId(), List.of(person.email())))
                .noneMatch(place -> place.startsWith("person_"));
        String page = mvc.perform(
                        get("/admin/privacy").param("email", person.email()).with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-export-id=").contains("/leads/" + id);
    }

    @Test
    void twoErasuresAtOnceEraseOnceAndLeaveOneTombstone() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Person person = Person.unique();
        LeadInput input = TestLeads.qualifiedLead(person.firstName(), person.lastName());
        input.setEmail(person.email());
        leads.create(workspace.marketer(), input);
        EventPublications.awaitCompleted(owner, workspace.tenantId());

        var pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<PrivacyManagement.Outcome> erase = () -> {
                start.await();
                return CurrentTenant.callAs(
                                workspace.tenantId(),
                                () -> privacy.erase(
                                        person.email(), workspace.admin().accountId()))
                        .outcome();
            };
            Future<PrivacyManagement.Outcome> first = pool.submit(erase);
            Future<PrivacyManagement.Outcome> second = pool.submit(erase);
            start.countDown();
            assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(
                            PrivacyManagement.Outcome.ERASED, PrivacyManagement.Outcome.ALREADY_ERASED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(owner.count("select count(*) from person_tombstone where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void anotherWorkspacesPersonAndTombstoneAreNotFound() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        Person person = Person.unique();
        LeadInput input = TestLeads.qualifiedLead(person.firstName(), person.lastName());
        input.setEmail(person.email());
        leads.create(other.marketer(), input);
        long tombstone = CurrentTenant.callAs(
                        other.tenantId(),
                        () -> privacy.erase(person.email(), other.admin().accountId()))
                .tombstoneId();
        mvc.perform(get("/admin/privacy/tombstones/{id}", tombstone).with(user(other.admin())))
                .andExpect(status().isOk());
        mvc.perform(get("/admin/privacy/tombstones/{id}", tombstone).with(user(workspace.admin())))
                .andExpect(status().isNotFound());

        Person second = Person.unique();
        LeadInput theirs = TestLeads.qualifiedLead(second.firstName(), second.lastName());
        theirs.setEmail(second.email());
        long theirLead = leads.create(other.marketer(), theirs).id();
        for (String path : List.of("/admin/privacy/export", "/admin/privacy/summary")) {
            mvc.perform(post(path)
                            .param("email", second.email())
                            .with(user(workspace.admin()))
                            .with(csrf()))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/admin/privacy/erase")
                        .param("email", second.email())
                        .param("confirmation", second.email())
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/admin/privacy"));
        assertThat(owner.count(
                        "select count(*) from lead where tenant_id = ? and id = ? and email = ?",
                        other.tenantId(),
                        theirLead,
                        second.email()))
                .isEqualTo(1);
        String page = mvc.perform(
                        get("/admin/privacy").param("email", second.email()).with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"privacy-none\"").doesNotContain("/leads/" + theirLead);
        assertThat(owner.count("select count(*) from person_export where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void badInputComesBackAtTheFieldNeverAsAnError() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String page = mvc.perform(
                        get("/admin/privacy").param("email", "not an address").with(user(workspace.admin())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"find-email-error\"").doesNotContain("id=\"privacy-result\"");
        mvc.perform(post("/admin/privacy/erase")
                        .param("email", "someone@person.example")
                        .param("confirmation", "")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("eraseForm", "confirmation", "NotBlank"));
        mvc.perform(post("/admin/privacy/erase")
                        .param("email", "x".repeat(300))
                        .param("confirmation", "x".repeat(300))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrors("eraseForm", "email"));
        mvc.perform(post("/admin/privacy/export")
                        .param("email", "x".repeat(300))
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(owner.count("select count(*) from person_tombstone where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }
}
