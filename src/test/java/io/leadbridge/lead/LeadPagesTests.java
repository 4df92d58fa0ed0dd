package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class LeadPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    io.leadbridge.handoff.HandoffAssignment assignment;

    static Map<String, String> form(LeadInput input) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("firstName", input.getFirstName());
        form.put("lastName", input.getLastName());
        form.put("email", input.getEmail());
        form.put("companyName", input.getCompanyName());
        form.put("employees", String.valueOf(input.getEmployees()));
        form.put("industry", input.getIndustry());
        form.put("country", input.getCountry());
        form.put("source", input.getSource());
        form.put("engagementScore", String.valueOf(input.getEngagementScore()));
        form.put("timeline", input.getTimeline().name());
        return form;
    }

    static MockHttpServletRequestBuilder postForm(String url, Map<String, String> form, SignedInAccount as) {
        MockHttpServletRequestBuilder request = post(url).with(csrf()).with(user(as));
        form.forEach((name, value) -> {
            if (value != null) {
                request.param(name, value);
            }
        });
        return request;
    }

    private long leadsNamed(String companyName) {
        return owner.count("select count(*) from lead where company_name = ?", companyName);
    }

    @Test
    void aMarketerCreatesALeadAndSeesItWithItsTimeline() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        Map<String, String> form = form(input);
        form.put("submissionKey", UUID.randomUUID().toString());
        form.put("country", "de");

        String location = mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/leads/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        assertThat(owner.jdbc()
                        .sql("select tenant_id || '|' || country || '|' || employees || '|' || created_by"
                                + " from lead where company_name = ?")
                        .param(input.getCompanyName())
                        .query(String.class)
                        .single())
                .isEqualTo(
                        workspace.tenantId() + "|DE|240|" + workspace.marketer().accountId());
        mvc.perform(get(location).with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString(input.getCompanyName())))
                .andExpect(content().string(Matchers.containsString("Manufacturing")))
                .andExpect(content().string(Matchers.containsString("data-type=\"CREATED\"")))
                .andExpect(content().string(Matchers.containsString("entered in the form")))
                .andExpect(content().string(Matchers.containsString("Mara Marketer")));
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                Arguments.of("email", "", "Please fill this in."),
                Arguments.of("email", "jana.becker", "valid e-mail address"),
                Arguments.of("companyName", " ", "Please fill this in."),
                Arguments.of("employees", "0", "Please enter at least 1."),
                Arguments.of("employees", "many", "Please enter a whole number from 1 to 10,000,000."),
                Arguments.of("employees", "99999999999", "Please enter a whole number from 1 to 10,000,000."),
                Arguments.of("engagementScore", "99999999999", "Please enter a whole number from 0 to 100."),
                Arguments.of("engagementScore", "101", "Please enter at most 100."),
                Arguments.of("country", "Germany", "two-letter ISO country code"),
                Arguments.of("country", "XX", "two-letter ISO country code"),
                Arguments.of("industry", "SPACE_TRAVEL", "one of the workspace&#39;s industries"),
                Arguments.of("website", "not a website", "web address"),
                Arguments.of("lastName", "x".repeat(81), "at most 80 characters"));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badFields")
    void badInputShowsTheErrorAtTheFieldAndWritesNothing(String field, String value, String message) throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        Map<String, String> form = form(input);
        form.put("submissionKey", UUID.randomUUID().toString());
        form.put(field, value);

        mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"" + field + "-error\"")))
                .andExpect(content().string(Matchers.containsString(message)));
        if (field.equals("employees") || field.equals("engagementScore")) {
            // What was typed stays in the field, also text that is no number.
            mvc.perform(postForm("/leads", form, workspace.marketer()))
                    .andExpect(content()
                            .string(Matchers.matchesPattern(
                                    "(?s).*<input[^>]*name=\"" + field + "\"[^>]*value=\"" + value + "\".*")));
        }

        assertThat(owner.count("select count(*) from lead where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }

    @Test
    void aSecondLeadWithTheSameEmailIsRefusedAndTheExistingOneOffered() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView existing = leads.create(workspace.marketer());
        LeadInput again = TestLeads.qualifiedLead();
        again.setEmail(existing.data().getEmail().toUpperCase());
        Map<String, String> form = form(again);
        form.put("submissionKey", UUID.randomUUID().toString());

        mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("A lead with this e-mail address exists already")))
                .andExpect(content().string(Matchers.containsString("href=\"/leads/" + existing.id() + "\"")));
        assertThat(leadsNamed(again.getCompanyName())).isZero();

        // Another workspace may have a lead with the same address.
        TestWorkspace other = workspaces.create();
        mvc.perform(postForm("/leads", form, other.marketer())).andExpect(redirectedUrlPattern("/leads/*"));
    }

    @Test
    void submittingTheSameFormTwiceCreatesOneLead() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        Map<String, String> form = form(input);
        form.put("submissionKey", UUID.randomUUID().toString());

        String first = mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        String second = mvc.perform(postForm("/leads", form, workspace.marketer()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        assertThat(second).isEqualTo(first);
        assertThat(leadsNamed(input.getCompanyName())).isOne();
    }

    @Test
    void aDoubleClickRacingTwoRequestsCreatesOneLead() throws Exception {
        TestWorkspace workspace = workspaces.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 8; round++) {
                LeadInput input = TestLeads.qualifiedLead();
                Map<String, String> form = form(input);
                form.put("submissionKey", UUID.randomUUID().toString());
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<String>> clicks = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    clicks.add(() -> {
                        start.await();
                        return mvc.perform(postForm("/leads", form, workspace.marketer()))
                                .andReturn()
                                .getResponse()
                                .getRedirectedUrl();
                    });
                }
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> click : clicks) {
                    futures.add(pool.submit(click));
                }
                start.countDown();
                List<String> targets = new ArrayList<>();
                for (Future<String> future : futures) {
                    targets.add(future.get());
                }
                assertThat(targets).doesNotContainNull().containsOnly(targets.get(0));
                assertThat(leadsNamed(input.getCompanyName())).isOne();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theLeadPageNamesItsOwnerOrSaysThereIsNone() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        mvc.perform(get("/leads/" + lead.id()).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"lead-owner\">nobody yet<")));
        owner.jdbc()
                .sql("update lead set owner_id = ? where id = ?")
                .params(workspace.salesRep().accountId(), lead.id())
                .update();
        mvc.perform(get("/leads/" + lead.id()).with(user(workspace.marketer())))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "id=\"lead-owner\">" + workspace.salesRep().getDisplayName() + "<")));
    }

    @Test
    void anEditIsSavedAndItsChangesAppearOnTheTimeline() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        Map<String, String> form = form(lead.data());
        form.put("employees", "500");
        form.put("source", "trade fair");
        form.put("version", Long.toString(lead.version()));

        mvc.perform(postForm("/leads/" + lead.id(), form, workspace.marketer()))
                .andExpect(redirectedUrl("/leads/" + lead.id()));

        assertThat(owner.jdbc()
                        .sql("select employees || '|' || source from lead where id = ?")
                        .param(lead.id())
                        .query(String.class)
                        .single())
                .isEqualTo("500|trade fair");
        String details = owner.jdbc()
                .sql("select details::text from lead_event where lead_id = ? and type = 'EDITED'")
                .param(lead.id())
                .query(String.class)
                .single();
        assertThat(details).contains("\"employees\"", "\"240\"", "\"500\"", "trade fair");
        mvc.perform(get("/leads/" + lead.id()).with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString("data-type=\"EDITED\"")))
                .andExpect(content().string(Matchers.containsString("<del>240</del>")));
    }

    @Test
    void savingOverSomeoneElsesNewerEditSaysSoAndOverwritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount other = workspace.marketer();
        SignedInAccount me = io.leadbridge.tenant.CurrentTenant.callAs(
                workspace.tenantId(), () -> workspaces.add("Mo Marketer", io.leadbridge.account.Role.MARKETER));
        LeadView lead = leads.create(other);
        long seen = lead.version();

        Map<String, String> theirs = form(lead.data());
        theirs.put("employees", "300");
        theirs.put("version", Long.toString(seen));
        mvc.perform(postForm("/leads/" + lead.id(), theirs, other)).andExpect(redirectedUrlPattern("/leads/*"));

        Map<String, String> mine = form(lead.data());
        mine.put("employees", "999");
        mine.put("version", Long.toString(seen));
        String page = mvc.perform(postForm("/leads/" + lead.id(), mine, me))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Someone saved this lead after you opened it")))
                .andExpect(content().string(Matchers.containsString("id=\"their-changes\"")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(owner.count("select employees from lead where id = ?", lead.id()))
                .isEqualTo(300);

        // Saving again from the re-rendered form (which now carries the current version) keeps my value.
        Matcher version = Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page);
        assertThat(version.find()).isTrue();
        mine.put("version", version.group(1));
        mvc.perform(postForm("/leads/" + lead.id(), mine, me)).andExpect(redirectedUrlPattern("/leads/*"));
        assertThat(owner.count("select employees from lead where id = ?", lead.id()))
                .isEqualTo(999);
    }

    @Test
    void anotherWorkspacesLeadAnswers404OnEveryLeadRoute() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        LeadView lead = leads.create(theirs.marketer());
        Map<String, String> form = form(lead.data());
        form.put("companyName", "Hijacked");
        form.put("version", Long.toString(lead.version()));

        mvc.perform(get("/leads/" + lead.id()).with(user(mine.marketer()))).andExpect(status().isNotFound());
        mvc.perform(get("/leads/" + lead.id() + "/edit").with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(postForm("/leads/" + lead.id(), form, mine.marketer())).andExpect(status().isNotFound());
        mvc.perform(get("/leads").param("q", lead.data().getCompanyName()).with(user(mine.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"no-leads\"")))
                .andExpect(content().string(Matchers.containsString("No leads match")))
                .andExpect(
                        content().string(Matchers.not(Matchers.containsString("data-lead-id=\"" + lead.id() + "\""))));

        assertThat(leadsNamed("Hijacked")).isZero();
        mvc.perform(get("/leads/" + Long.MAX_VALUE).with(user(mine.marketer()))).andExpect(status().isNotFound());
    }

    @Test
    void salesRepsAndLiaisonsReadLeadsButDoNotCreateThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        Map<String, String> form = form(input);
        form.put("submissionKey", UUID.randomUUID().toString());

        mvc.perform(postForm("/leads", form, workspace.salesRep())).andExpect(status().isForbidden());
        mvc.perform(postForm("/leads", form, workspace.liaison())).andExpect(status().isForbidden());
        assertThat(leadsNamed(input.getCompanyName())).isZero();
        mvc.perform(get("/leads").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"new-lead\""))));
    }
    // issue 16 — honest defaults, one comment, unique ids, one error per field, empty states

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    @Test
    void theNewLeadFormPreselectsNothingAPersonDidNotState() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String page = mvc.perform(get("/leads/new").with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        // The purchase timeline starts as Unknown (a select without a selected option posts its first option).
        Matcher timeline = Pattern.compile("<select[^>]*id=\"timeline\"[^>]*>(.*?)</select>", Pattern.DOTALL)
                .matcher(page);
        assertThat(timeline.find()).isTrue();
        Matcher firstOption = Pattern.compile("<option value=\"([A-Z_]*)\"").matcher(timeline.group(1));
        assertThat(firstOption.find()).isTrue();
        assertThat(firstOption.group(1))
                .as("the option a browser posts when nobody chose")
                .isEqualTo("UNKNOWN");
        assertThat(timeline.group(1)).containsPattern("<option value=\"UNKNOWN\" selected");
        assertThat(occurrences(timeline.group(1), " selected")).isOne();
        // Neither buying signal is ticked, and the industry is "none".
        assertThat(page).doesNotContain("checked");
        Matcher industry = Pattern.compile("<select[^>]*id=\"industry\"[^>]*>(.*?)</select>", Pattern.DOTALL)
                .matcher(page);
        assertThat(industry.find()).isTrue();
        assertThat(industry.group(1)).doesNotContain("selected").contains("<option value=\"\"");
    }

    @Test
    void aLeadWithOnlyEmailAndCompanyMeetsNoCriterion() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String company = "Only Company " + UUID.randomUUID().toString().substring(0, 8);
        // What the browser posts for the untouched form: the preselected values and the checkboxes' hidden fields.
        String location = mvc.perform(post("/leads")
                        .with(csrf())
                        .with(user(workspace.marketer()))
                        .param("submissionKey", UUID.randomUUID().toString())
                        .param("email", "only-" + UUID.randomUUID().toString().substring(0, 8) + "@only.example")
                        .param("companyName", company)
                        .param("timeline", "UNKNOWN")
                        .param("industry", "")
                        .param("_projectPlanned", "on")
                        .param("_budgetConfirmed", "on"))
                .andExpect(redirectedUrlPattern("/leads/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();

        assertThat(owner.jdbc()
                        .sql("select purchase_timeline || '|' || project_planned || '|' || budget_confirmed"
                                + " from lead where company_name = ?")
                        .param(company)
                        .query(String.class)
                        .single())
                .isEqualTo("UNKNOWN|false|false");
        String page = mvc.perform(get(location).with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("data-criterion=\"TIMELINE\"").doesNotContain("data-met=\"true\"");
        assertThat(page).contains("id=\"qualified-badge\"").doesNotContain("text-bg-success");
    }

    @Test
    void theTimelineShowsACommentOnceAndThePageHasNoDuplicateIds() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        String comment =
                "Called twice, no answer " + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/leads/" + lead.id() + "/comments")
                        .with(csrf())
                        .with(user(workspace.salesRep()))
                        .param("body", comment))
                .andExpect(redirectedUrlPattern("/leads/*"));
        // Handed to the rep, so that the rep's page also shows the reject form with its own help text.
        io.leadbridge.tenant.CurrentTenant.callAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        lead.id(), lead.version(), workspace.salesRep().accountId(), null, workspace.marketer()));

        for (SignedInAccount reader : List.of(workspace.marketer(), workspace.salesRep(), workspace.liaison())) {
            String page = mvc.perform(get("/leads/" + lead.id()).with(user(reader)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            String timeline = page.substring(page.indexOf("id=\"timeline\""));
            assertThat(occurrences(timeline, comment))
                    .as("the comment in the timeline")
                    .isOne();
            Matcher ids = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(page);
            Map<String, Integer> seen = new LinkedHashMap<>();
            while (ids.find()) {
                seen.merge(ids.group(1), 1, Integer::sum);
            }
            seen.values().removeIf(n -> n == 1);
            assertThat(seen).as("ids used more than once").isEmpty();
        }
    }

    @Test
    void anEmptyEmailShowsOneErrorTheMostUsefulOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        for (String empty : List.of("", "   ")) {
            Map<String, String> form = form(TestLeads.qualifiedLead());
            form.put("submissionKey", UUID.randomUUID().toString());
            form.put("email", empty);
            String page = mvc.perform(postForm("/leads", form, workspace.marketer()))
                    .andExpect(status().isUnprocessableContent())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            Matcher error = Pattern.compile("id=\"email-error\">(.*?)</div>", Pattern.DOTALL)
                    .matcher(page);
            assertThat(error.find()).isTrue();
            assertThat(error.group(1).strip()).isEqualTo("Please fill this in.");
        }
    }

    @Test
    void aNewWorkspacesLeadListOffersTheFirstStepsToThoseAllowed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(get("/leads").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"first-lead\"")))
                .andExpect(content().string(Matchers.containsString("id=\"first-import\"")))
                .andExpect(content().string(Matchers.containsString("No leads yet.")))
                // Only the empty state: "No leads match" would say a filter hides leads.
                .andExpect(content().string(Matchers.not(Matchers.containsString("No leads match"))));
        mvc.perform(get("/leads").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("No leads yet.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"first-lead\""))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"first-import\""))));
        // A search that finds nothing is not an empty workspace.
        leads.create(workspace.marketer());
        mvc.perform(get("/leads").param("q", "nothing-matches-this").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"no-leads\"")))
                .andExpect(content().string(Matchers.containsString("No leads match")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"first-lead\""))));
    }

    @Test
    void everyErrorOfTheLeadFormReadInGermanComesFromTheGermanBundle() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = form(TestLeads.qualifiedLead());
        form.put("submissionKey", UUID.randomUUID().toString());
        form.put("email", "jana.becker");
        form.put("companyName", "");
        form.put("lastName", "x".repeat(81));
        form.put("employees", "0");
        form.put("engagementScore", "viele");
        form.put("country", "Deutschland");
        form.put("industry", "RAUMFAHRT");
        form.put("website", "keine Website");
        form.put("phone", "ruf an");
        form.put("timeline", "BALD");
        String page = mvc.perform(postForm("/leads", form, workspace.marketer()).param("lang", "de"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        Matcher errors = Pattern.compile("class=\"invalid-feedback\"[^>]*>(.*?)</div>", Pattern.DOTALL)
                .matcher(page);
        List<String> shown = new ArrayList<>();
        while (errors.find()) {
            for (String error : errors.group(1).split("<br */?>")) {
                shown.add(io.leadbridge.support.Bundles.text(error));
            }
        }
        assertThat(shown).hasSizeGreaterThanOrEqualTo(9);
        assertThat(shown)
                .allSatisfy(error -> assertThat(io.leadbridge.support.Bundles.isMessageOf(
                                io.leadbridge.support.Bundles.german(), error))
                        .as(error)
                        .isTrue());
        assertThat(shown).contains("Bitte verwenden Sie höchstens 80 Zeichen.", "Bitte geben Sie mindestens 1 ein.");
    }

    @Test
    void aCsvRowWithOnlyEmailAndCompanyStatesNothing() {
        LeadInput bare = LeadCsv.row(2, List.of("bare@csv.example", "Bare GmbH"), List.of("email", "companyName"))
                .input();
        assertThat(bare.getTimeline()).isEqualTo(PurchaseTimeline.UNKNOWN);
        assertThat(bare.getProjectPlanned()).isFalse();
        assertThat(bare.getBudgetConfirmed()).isFalse();
        assertThat(bare.getEmployees()).isNull();
        assertThat(bare.getEngagementScore()).isNull();
        assertThat(bare.getIndustry()).isNull();
        assertThat(bare.getCountry()).isNull();
    }
}
