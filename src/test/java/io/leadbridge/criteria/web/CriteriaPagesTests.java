package io.leadbridge.criteria.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@IntegrationTest
class CriteriaPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    static Map<String, String> proposal() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("employeesMin", "100");
        form.put("employeesMax", "1000");
        form.put("employeesMode", "REQUIRED");
        form.put("industries", "MANUFACTURING");
        form.put("industriesMode", "REQUIRED");
        form.put("departments", "");
        form.put("departmentsMode", "OFF");
        form.put("countries", "de, at");
        form.put("countriesMode", "NICE");
        form.put("minEngagement", "40");
        form.put("engagementMode", "NICE");
        form.put("projectPlannedMode", "OFF");
        form.put("budgetConfirmedMode", "OFF");
        form.put("timelineHorizon", "THIS_QUARTER");
        form.put("timelineMode", "REQUIRED");
        form.put("summary", "Focus on manufacturing");
        return form;
    }

    static MockHttpServletRequestBuilder postForm(String url, Map<String, String> form, SignedInAccount as) {
        MockHttpServletRequestBuilder request = post(url).with(csrf()).with(user(as));
        form.forEach(request::param);
        return request;
    }

    long propose(TestWorkspace workspace, SignedInAccount by) throws Exception {
        String location = mvc.perform(postForm("/criteria/proposals", proposal(), by))
                .andExpect(redirectedUrlPattern("/criteria/versions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theOverviewShowsTheActiveVersionInPlainLanguage() throws Exception {
        TestWorkspace workspace = workspaces.create();

        mvc.perform(get("/criteria").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Active: version 1")))
                .andExpect(content().string(Matchers.containsString("50–5,000 employees")))
                .andExpect(content().string(Matchers.containsString("buying this year at the latest")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"propose\""))));
    }

    @Test
    void aProposalWithMistakesShowsEachErrorAtItsFieldAndProposesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = proposal();
        form.put("employeesMin", "5000");
        form.put("employeesMax", "50");
        form.put("countries", "DE, Germany");
        form.put("industries", "SPACE_TRAVEL");
        form.put("minEngagement", "150");

        mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("id=\"employeesMax-error\"")))
                .andExpect(content().string(Matchers.containsString("must not be below the lower one")))
                .andExpect(content().string(Matchers.containsString("Unknown country codes: GERMANY")))
                .andExpect(content().string(Matchers.containsString("id=\"industries-error\"")))
                .andExpect(content().string(Matchers.containsString("id=\"minEngagement-error\"")));
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA'",
                        workspace.tenantId()))
                .isOne();
    }

    @Test
    void theProposerSeesDiffAndWhatIfButCannotApproveAndTheOtherTeamApproves() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        input.setEmployees(60);
        LeadView lead = leads.create(workspace.marketer(), input);
        long id = propose(workspace, workspace.marketer());

        mvc.perform(get("/criteria/versions/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"diff\"")))
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*<del>\\s*<span>\\s*<span>required</span><span>:\\s*<span>\\s*<span>50–5,000</span>.*")))
                .andExpect(
                        content()
                                .string(
                                        Matchers.matchesPattern(
                                                "(?s).*<ins>\\s*<span>\\s*<span>required</span><span>:\\s*<span>\\s*<span>100–1,000</span>.*")))
                .andExpect(content().string(Matchers.containsString("<span>Manufacturing</span>")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-leads\">1<")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-now\">1<")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-proposed\">0<")))
                .andExpect(content().string(Matchers.containsString("id=\"why-not\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"approve\""))));
        mvc.perform(post("/criteria/versions/{id}/approve", id).with(csrf()).with(user(workspace.marketer())))
                .andExpect(flash().attribute("flashError", "agreement.ownProposal"));
        mvc.perform(post("/criteria/versions/{id}/approve", id).with(csrf()).with(user(workspace.liaison())))
                .andExpect(status().isForbidden());

        mvc.perform(get("/criteria/versions/{id}", id).with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("id=\"approve\"")));
        mvc.perform(post("/criteria/versions/{id}/approve", id)
                        .with(csrf())
                        .with(user(workspace.salesRep()))
                        .param("comment", "Fine by sales"))
                .andExpect(redirectedUrl("/criteria/versions/" + id))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));
        assertThat(owner.jdbc()
                        .sql("select status || '|' || decision_comment from agreement_version where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE|Fine by sales");

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> owner.count(
                                "select count(*) from lead_evaluation where lead_id = ? and version_id = ?",
                                lead.id(),
                                id)
                        == 1);
        mvc.perform(get("/leads/{id}", lead.id()).with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("evaluated against version 2")))
                .andExpect(content().string(Matchers.containsString("data-criterion=\"EMPLOYEES\" data-met=\"false\"")))
                .andExpect(content().string(Matchers.containsString("Not qualified")));
    }

    @Test
    void someoneInBothTeamsNeitherApprovesNorDeclinesAMarketingProposalAPureSalesRepApproves() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount both = CurrentTenant.callAs(
                workspace.tenantId(), () -> workspaces.add("Bo Both", Role.MARKETER, Role.SALES_REP));
        long id = propose(workspace, workspace.marketer());

        mvc.perform(get("/criteria/versions/{id}", id).with(user(both)))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "You are both a marketer and a sales rep: a sales rep who is not also a marketer"
                                        + " approves this marketing proposal.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"approve\""))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"decline\""))));
        mvc.perform(post("/criteria/versions/{id}/approve", id).with(csrf()).with(user(both)))
                .andExpect(flash().attribute("flashError", "agreement.bothTeams.MARKETING"));
        mvc.perform(post("/criteria/versions/{id}/decline", id).with(csrf()).with(user(both)))
                .andExpect(flash().attribute("flashError", "agreement.bothTeams.MARKETING"));
        assertThat(owner.jdbc()
                        .sql("select number || ':' || status from agreement_version"
                                + " where tenant_id = ? and kind = 'CRITERIA' order by number")
                        .param(workspace.tenantId())
                        .query(String.class)
                        .list())
                .containsExactly("1:ACTIVE", "2:PROPOSED");

        mvc.perform(post("/criteria/versions/{id}/approve", id).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));
        assertThat(owner.count(
                        "select count(*) from agreement_version where id = ? and status = 'ACTIVE' and decided_by = ?",
                        id,
                        workspace.salesRep().accountId()))
                .isOne();
    }

    @Test
    void theOtherTeamIsNotifiedAndOpeningTheNotificationLeadsToTheProposal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = propose(workspace, workspace.salesRep());
        long notification = owner.count(
                "select id from notification where recipient_id = ?",
                workspace.marketer().accountId());

        mvc.perform(get("/leads").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"unread-count\">1<")));
        mvc.perform(get("/notifications").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("waits for your team")));
        mvc.perform(post("/notifications/{id}/read", notification).with(csrf()).with(user(workspace.marketer())))
                .andExpect(redirectedUrl("/criteria/versions/" + id));
        mvc.perform(post("/notifications/{id}/read", notification).with(csrf()).with(user(workspace.liaison())))
                .andExpect(status().isNotFound());
        assertThat(owner.count("select count(*) from notification where id = ? and read_at is not null", notification))
                .isOne();
    }

    @Test
    void anotherWorkspacesVersionsAnswer404OnEveryCriteriaRoute() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        long id = propose(theirs, theirs.marketer());

        mvc.perform(get("/criteria/versions/{id}", id).with(user(mine.salesRep())))
                .andExpect(status().isNotFound());
        for (String action : new String[] {"approve", "decline", "withdraw"}) {
            mvc.perform(post("/criteria/versions/{id}/" + action, id)
                            .with(csrf())
                            .with(user(mine.salesRep())))
                    .andExpect(status().isNotFound());
        }
        mvc.perform(post("/criteria/versions/{id}/comments", id)
                        .with(csrf())
                        .with(user(mine.salesRep()))
                        .param("body", "hello"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/criteria").with(user(mine.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/criteria/versions/" + id + "\""))));
        assertThat(owner.jdbc()
                        .sql("select status from agreement_version where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("PROPOSED");
        assertThat(owner.count("select count(*) from agreement_comment where version_id = ?", id))
                .isZero();
    }

    @Test
    void aDraftIsTheAuthorsAloneUntilProposed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = proposal();
        form.put("action", "draft");
        String location = mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/criteria/propose?draft=*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long draft = Long.parseLong(location.substring(location.indexOf('=') + 1));
        assertThat(owner.count("select count(*) from notification where tenant_id = ?", workspace.tenantId()))
                .isZero();

        mvc.perform(get("/criteria").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"drafts\"")));
        mvc.perform(get("/criteria").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"drafts\""))))
                .andExpect(
                        content().string(Matchers.not(Matchers.containsString("/criteria/versions/" + draft + "\""))));
        mvc.perform(get("/criteria/versions/{id}", draft).with(user(workspace.salesRep())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/criteria/propose")
                        .param("draft", Long.toString(draft))
                        .with(user(workspace.salesRep())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/criteria/versions/{id}/approve", draft).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashError", "agreement.notOpen"));

        Map<String, String> proposeIt = proposal();
        proposeIt.put("draftId", Long.toString(draft));
        proposeIt.put("employeesMin", "150");
        mvc.perform(postForm("/criteria/proposals", proposeIt, workspace.marketer()))
                .andExpect(redirectedUrl("/criteria/versions/" + draft));
        assertThat(owner.jdbc()
                        .sql("select status || '|' || (content ->> 'employeesMin') from agreement_version where id = ?")
                        .param(draft)
                        .query(String.class)
                        .single())
                .isEqualTo("PROPOSED|150");
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ?",
                        workspace.salesRep().accountId()))
                .isOne();
    }

    @Test
    void aDiscardedDraftLeavesNoTrace() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = proposal();
        form.put("action", "draft");
        String location = mvc.perform(postForm("/criteria/proposals", form, workspace.salesRep()))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long draft = Long.parseLong(location.substring(location.indexOf('=') + 1));

        mvc.perform(post("/criteria/drafts/{id}/discard", draft).with(csrf()).with(user(workspace.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/criteria/drafts/{id}/discard", draft).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/criteria"));
        mvc.perform(get("/criteria").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"drafts\""))))
                .andExpect(
                        content().string(Matchers.not(Matchers.containsString("/criteria/versions/" + draft + "\""))));
    }

    @Test
    void theLiaisonCommentsOnAProposal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long id = propose(workspace, workspace.marketer());

        mvc.perform(post("/criteria/versions/{id}/comments", id)
                        .with(csrf())
                        .with(user(workspace.liaison()))
                        .param("body", "Last quarter's rejections support this."))
                .andExpect(redirectedUrl("/criteria/versions/" + id + "#comments"));
        mvc.perform(get("/criteria/versions/{id}", id).with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("Last quarter&#39;s rejections support this.")))
                .andExpect(content().string(Matchers.containsString("Lou Liaison")));
    }

    @Test
    void theLeadListFiltersQualifiedLeads() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput small = TestLeads.qualifiedLead();
        small.setEmployees(10);
        LeadView notQualified = leads.create(workspace.marketer(), small);
        LeadView qualified = leads.create(workspace.marketer());

        mvc.perform(get("/leads").param("qualified", "true").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("data-lead-id=\"" + qualified.id() + "\"")))
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString("data-lead-id=\"" + notQualified.id() + "\""))));
        mvc.perform(get("/leads").param("qualified", "false").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("data-lead-id=\"" + notQualified.id() + "\"")))
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString("data-lead-id=\"" + qualified.id() + "\""))));
    }

    /**
     * The qualification filter is criteria's condition inside the lead module's query: it keeps its place among the
     * filters before and after it (their parameters bind in order), on the list and in the export.
     */
    @Test
    void theQualifiedFilterCombinesWithTheOtherFiltersOnTheListAndInTheExport() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput small = TestLeads.qualifiedLead();
        small.setEmployees(10);
        small.setSource("webinar");
        LeadView notQualified = leads.create(workspace.marketer(), small);
        LeadInput fits = TestLeads.qualifiedLead();
        fits.setSource("webinar");
        LeadView qualified = leads.create(workspace.marketer(), fits);
        LeadInput elsewhere = TestLeads.qualifiedLead();
        elsewhere.setSource("trade fair");
        LeadView otherSource = leads.create(workspace.marketer(), elsewhere);
        String since = LocalDate.now().minusDays(2).toString();

        mvc.perform(get("/leads")
                        .param("qualified", "true")
                        .param("source", "webinar")
                        .param("createdFrom", since)
                        .with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString("data-lead-id=\"" + qualified.id() + "\"")))
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString("data-lead-id=\"" + notQualified.id() + "\""))))
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString("data-lead-id=\"" + otherSource.id() + "\""))));
        mvc.perform(get("/leads/export")
                        .param("qualified", "false")
                        .param("source", "webinar")
                        .param("createdFrom", since)
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.containsString(notQualified.data().getEmail())))
                .andExpect(content()
                        .string(Matchers.not(
                                Matchers.containsString(qualified.data().getEmail()))))
                .andExpect(content()
                        .string(Matchers.not(
                                Matchers.containsString(otherSource.data().getEmail()))));
    }
}
