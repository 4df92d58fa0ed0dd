package io.leadbridge.criteria.web;

import static io.leadbridge.criteria.web.CriteriaPagesTests.postForm;
import static io.leadbridge.criteria.web.CriteriaPagesTests.proposal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The rules of a criteria proposal: it is made on the active version, and an older open proposal can no longer undo a
 * newer agreement; a draft's what-if is its author's alone; a proposal says why and changes something.
 */
@IntegrationTest
class CriteriaProposalRulesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    CriteriaManagement criteria;

    @Autowired
    AgreementManagement agreements;

    long activeId(TestWorkspace workspace) {
        return CurrentTenant.callAs(
                workspace.tenantId(), () -> criteria.active().agreement().id());
    }

    long propose(Map<String, String> form, SignedInAccount by) throws Exception {
        String location = mvc.perform(postForm("/criteria/proposals", form, by))
                .andExpect(redirectedUrlPattern("/criteria/versions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    String statusOf(long id) {
        return owner.jdbc()
                .sql("select status from agreement_version where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** Version 1 is active; the marketer proposes two changes on it: an engagement of 40, and 100–1,000 employees. */
    record TwoProposals(long engagement, long size) {}

    TwoProposals twoProposalsOnVersionOne(TestWorkspace workspace) throws Exception {
        long base = activeId(workspace);
        Map<String, String> engagement = CriteriaForms.of(Criteria.defaults());
        engagement.put("minEngagement", "40");
        engagement.put("summary", "Only engaged leads");
        engagement.put("baseId", Long.toString(base));
        Map<String, String> size = CriteriaForms.of(Criteria.defaults());
        size.put("employeesMin", "100");
        size.put("employeesMax", "1000");
        size.put("summary", "Mid-sized companies");
        size.put("baseId", Long.toString(base));
        return new TwoProposals(propose(engagement, workspace.marketer()), propose(size, workspace.marketer()));
    }

    @Test
    void anOlderOpenProposalBecomesOutdatedWhenAnotherIsApprovedAndCanNoLongerUndoIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long versionOne = activeId(workspace);
        TwoProposals proposals = twoProposalsOnVersionOne(workspace);
        assertThat(owner.count(
                        "select count(*) from agreement_version where id in (?, ?) and base_version_id = ?",
                        proposals.engagement(),
                        proposals.size(),
                        versionOne))
                .isEqualTo(2);

        mvc.perform(post("/criteria/versions/{id}/approve", proposals.size())
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));

        assertThat(statusOf(proposals.engagement())).isEqualTo("OUTDATED");
        mvc.perform(get("/criteria/versions/{id}", proposals.engagement()).with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"outdated\"")))
                .andExpect(content().string(Matchers.containsString("Outdated: this proposal was made on version 1")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"approve\""))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"repropose\""))));
        mvc.perform(get("/criteria").with(user(workspace.salesRep())))
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString(
                                "list-group-item-action\" href=\"/criteria/versions/" + proposals.engagement()))));

        // A forged approval is refused, and nothing changes.
        MvcResult forged = mvc.perform(post("/criteria/versions/{id}/approve", proposals.engagement())
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/criteria/versions/" + proposals.engagement()))
                .andExpect(flash().attribute("flashError", "agreement.outdated"))
                .andReturn();
        mvc.perform(get("/criteria/versions/{id}", proposals.engagement())
                        .with(user(workspace.salesRep()))
                        .with(BrowserSessions.with(BrowserSessions.cookie(forged))))
                .andExpect(content().string(Matchers.containsString("This proposal is outdated")));
        assertThat(statusOf(proposals.engagement())).isEqualTo("OUTDATED");
        assertThat(activeId(workspace)).isEqualTo(proposals.size());

        // Its author is notified, and re-proposes the change on top of the active version.
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ?"
                                + " and message_key = 'notification.proposalOutdated' and link = ?",
                        workspace.marketer().accountId(),
                        "/criteria/versions/" + proposals.engagement()))
                .isOne();
        mvc.perform(get("/notifications").with(user(workspace.marketer())))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "Your version 2 of the criteria is outdated: version 3 became active first.")));
        mvc.perform(get("/criteria").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"outdated-proposals\"")))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "href=\"/criteria/propose?from=" + proposals.engagement() + "\"")));
        mvc.perform(get("/criteria").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"outdated-proposals\""))));
        mvc.perform(get("/criteria/versions/{id}", proposals.engagement()).with(user(workspace.marketer())))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "href=\"/criteria/propose?from=" + proposals.engagement() + "\"")));
        mvc.perform(get("/criteria/propose")
                        .param("from", Long.toString(proposals.engagement()))
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(model().attribute("baseId", proposals.size()))
                .andExpect(model().attribute(
                                "form",
                                Matchers.allOf(
                                        Matchers.hasProperty("minEngagement", Matchers.is(40)),
                                        Matchers.hasProperty("employeesMin", Matchers.is(100)),
                                        Matchers.hasProperty("employeesMax", Matchers.is(1000)),
                                        Matchers.hasProperty("summary", Matchers.is("Only engaged leads")))))
                .andExpect(content().string(Matchers.containsString("id=\"reproposing\"")));
        // Only its author re-proposes it.
        mvc.perform(get("/criteria/propose")
                        .param("from", Long.toString(proposals.engagement()))
                        .with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/criteria/versions/" + proposals.engagement()));

        Map<String, String> again = CriteriaForms.of(Criteria.defaults());
        again.put("employeesMin", "100");
        again.put("employeesMax", "1000");
        again.put("minEngagement", "40");
        again.put("summary", "Only engaged leads");
        again.put("baseId", Long.toString(proposals.size()));
        long reproposed = propose(again, workspace.marketer());
        assertThat(owner.count(
                        "select count(*) from agreement_version where id = ? and status = 'PROPOSED'"
                                + " and base_version_id = ?",
                        reproposed,
                        proposals.size()))
                .isOne();
    }

    @Test
    void anotherWorkspacesOutdatedProposalIsNotFoundWhenReproposed() throws Exception {
        TestWorkspace theirs = workspaces.create();
        TestWorkspace mine = workspaces.create();
        TwoProposals proposals = twoProposalsOnVersionOne(theirs);
        mvc.perform(post("/criteria/versions/{id}/approve", proposals.size())
                        .with(csrf())
                        .with(user(theirs.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));

        mvc.perform(get("/criteria/propose")
                        .param("from", Long.toString(proposals.engagement()))
                        .with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        Map<String, String> form = proposal();
        form.put("baseId", Long.toString(proposals.size()));
        mvc.perform(postForm("/criteria/proposals", form, mine.marketer())).andExpect(status().isNotFound());
    }

    @Test
    void ofTwoApprovalsAtOnceOfProposalsOnTheSameVersionExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestWorkspace workspace = workspaces.create();
            TwoProposals proposals = twoProposalsOnVersionOne(workspace);
            SignedInAccount secondRep =
                    CurrentTenant.callAs(workspace.tenantId(), () -> workspaces.add("Sina Sales", Role.SALES_REP));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            List<String> outcomes = new ArrayList<>();
            try {
                List<Callable<String>> approvals = List.of(
                        () -> approve(workspace, proposals.engagement(), workspace.salesRep(), start),
                        () -> approve(workspace, proposals.size(), secondRep, start));
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> approval : approvals) {
                    futures.add(pool.submit(approval));
                }
                start.countDown();
                for (Future<String> future : futures) {
                    outcomes.add(future.get());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(outcomes).containsExactlyInAnyOrder("approved", "agreement.outdated");
            assertThat(owner.jdbc()
                            .sql("select status from agreement_version where id in (?, ?) order by status")
                            .params(proposals.engagement(), proposals.size())
                            .query(String.class)
                            .list())
                    .containsExactly("ACTIVE", "OUTDATED");
        }
    }

    private String approve(TestWorkspace workspace, long id, SignedInAccount rep, CountDownLatch start)
            throws InterruptedException {
        start.await();
        try {
            CurrentTenant.callAs(workspace.tenantId(), () -> agreements.approve(Kind.CRITERIA, id, null, rep));
            return "approved";
        } catch (Refusal problem) {
            return problem.messageCode();
        }
    }

    @Test
    void aFormOpenedBeforeAnotherVersionBecameActiveComesBackWithTheChangesAppliedToTheActiveVersion()
            throws Exception {
        TestWorkspace workspace = workspaces.create();
        long versionOne = activeId(workspace);
        TwoProposals proposals = twoProposalsOnVersionOne(workspace);
        mvc.perform(post("/criteria/versions/{id}/approve", proposals.size())
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));
        long before = owner.count(
                "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA'",
                workspace.tenantId());

        // The rep opened the form on version 1 and changes only the timeline: sent now, it would undo 100–1,000.
        Map<String, String> stale = CriteriaForms.of(Criteria.defaults());
        stale.put("timelineHorizon", "THIS_QUARTER");
        stale.put("summary", "Sooner buyers");
        stale.put("baseId", Long.toString(versionOne));
        mvc.perform(postForm("/criteria/proposals", stale, workspace.salesRep()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Version 3 became active while you were editing")))
                .andExpect(model().attribute("baseId", proposals.size()))
                .andExpect(model().attribute(
                                "form",
                                Matchers.allOf(
                                        Matchers.hasProperty(
                                                "timelineHorizon", Matchers.is(Criteria.Horizon.THIS_QUARTER)),
                                        Matchers.hasProperty("employeesMin", Matchers.is(100)),
                                        Matchers.hasProperty("employeesMax", Matchers.is(1000)))))
                .andExpect(content().string(Matchers.containsString("name=\"baseId\" value=\"" + proposals.size())));
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA'",
                        workspace.tenantId()))
                .isEqualTo(before);
    }

    @Test
    void aDraftShowsItsWhatIfToItsAuthorAloneAndTheOtherTeamHearsOfItOnlyWhenProposed() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadInput input = TestLeads.qualifiedLead();
        input.setEmployees(60);
        leads.create(workspace.marketer(), input);
        Map<String, String> form = CriteriaForms.of(Criteria.defaults());
        form.put("employeesMin", "100");
        form.put("summary", "Bigger companies");
        form.put("action", "draft");
        String location = mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/criteria/propose?draft=*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long draft = Long.parseLong(location.substring(location.indexOf('=') + 1));

        mvc.perform(get("/criteria/propose")
                        .param("draft", Long.toString(draft))
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"what-if\"")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-private\"")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-now\">1<")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-proposed\">0<")))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-dropping\">−1<")));
        mvc.perform(get("/criteria/propose")
                        .param("draft", Long.toString(draft))
                        .param("days", "30")
                        .with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("Leads from the last 30 days")));
        mvc.perform(get("/criteria/versions/{id}", draft).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"what-if-proposed\">0<")));
        mvc.perform(get("/criteria/versions/{id}", draft).with(user(workspace.salesRep())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/criteria/propose")
                        .param("draft", Long.toString(draft))
                        .with(user(workspace.salesRep())))
                .andExpect(status().isNotFound());
        assertThat(owner.count("select count(*) from notification where tenant_id = ?", workspace.tenantId()))
                .isZero();

        form.remove("action");
        form.put("draftId", Long.toString(draft));
        mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()))
                .andExpect(redirectedUrl("/criteria/versions/" + draft));
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ?"
                                + " and message_key = 'notification.proposalWaiting'",
                        workspace.salesRep().accountId()))
                .isOne();
    }

    @Test
    void aDraftPostedAsTheBaseOfAProposalIsNotFoundAndShowsNothingOfIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> draft = CriteriaForms.of(Criteria.defaults());
        draft.put("employeesMin", "4321");
        draft.put("summary", "My private idea");
        draft.put("action", "draft");
        String location = mvc.perform(postForm("/criteria/proposals", draft, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/criteria/propose?draft=*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long draftId = Long.parseLong(location.substring(location.indexOf('=') + 1));

        // A colleague forges the draft's id as the version their form was made on: the answer reveals nothing of it.
        Map<String, String> forged = CriteriaForms.of(Criteria.defaults());
        forged.put("summary", "Anything");
        forged.put("baseId", Long.toString(draftId));
        String answer = mvc.perform(postForm("/criteria/proposals", forged, workspace.salesRep()))
                .andExpect(status().isNotFound())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer).doesNotContain("4321");
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and status <> 'DRAFT'"
                                + " and proposed_by is not null",
                        workspace.tenantId()))
                .isZero();
    }

    @Test
    void theOrderOfIndustriesIsNoChange() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = CriteriaForms.of(Criteria.defaults());
        form.put("industries", "MANUFACTURING");
        form.put("industriesMode", "REQUIRED");
        form.put("summary", "Two industries");
        var request =
                postForm("/criteria/proposals", form, workspace.marketer()).param("industries", "RETAIL");
        String location = mvc.perform(request)
                .andExpect(redirectedUrlPattern("/criteria/versions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        long first = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/criteria/versions/{id}/approve", first).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "criteria.approved"));

        // The same industries in the other order, and nothing else: no change, so no proposal.
        Map<String, String> reordered = CriteriaForms.of(Criteria.defaults());
        reordered.put("industries", "RETAIL");
        reordered.put("industriesMode", "REQUIRED");
        reordered.put("summary", "Retail first");
        mvc.perform(postForm("/criteria/proposals", reordered, workspace.marketer())
                        .param("industries", "MANUFACTURING"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "This is the same as the active version 2: change at least one setting")));
        Criteria active = CurrentTenant.callAs(
                workspace.tenantId(), () -> criteria.active().criteria());
        Criteria swapped = new Criteria(
                active.employeesMin(),
                active.employeesMax(),
                active.employeesMode(),
                List.of("RETAIL", "MANUFACTURING"),
                active.industriesMode(),
                active.departments(),
                active.departmentsMode(),
                active.countries(),
                active.countriesMode(),
                active.minEngagement(),
                active.engagementMode(),
                active.projectPlannedMode(),
                active.budgetConfirmedMode(),
                active.timelineHorizon(),
                active.timelineMode());
        assertThat(active.industries()).containsExactly("MANUFACTURING", "RETAIL");
        assertThat(criteria.diff(active, swapped)).isEmpty();
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA'",
                        workspace.tenantId()))
                .isEqualTo(2);
    }

    @Test
    void aProposalWithoutWhyOrWithoutAnyChangeIsRefusedAtTheFieldInBothLanguages() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> noWhy = proposal();
        noWhy.put("summary", "   ");
        mvc.perform(postForm("/criteria/proposals", noWhy, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("form", "summary", "agreement.summaryRequired"))
                .andExpect(content().string(Matchers.containsString("id=\"summary-error\"")))
                .andExpect(
                        content().string(Matchers.containsString("Please say why: the other team reads this first.")))
                .andExpect(content().string(Matchers.containsString("value=\"100\"")));
        mvc.perform(postForm("/criteria/proposals", noWhy, workspace.marketer()).locale(Locale.GERMAN))
                .andExpect(content().string(Matchers.containsString("Bitte begründen Sie die Änderung")));

        Map<String, String> same = CriteriaForms.of(Criteria.defaults());
        same.put("summary", "Nothing really");
        mvc.perform(postForm("/criteria/proposals", same, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "This is the same as the active version 1: change at least one setting")))
                .andExpect(content().string(Matchers.containsString("Nothing really")));
        mvc.perform(postForm("/criteria/proposals", same, workspace.marketer()).locale(Locale.GERMAN))
                .andExpect(content().string(Matchers.containsString("Das entspricht der aktiven Version 1")));
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA'",
                        workspace.tenantId()))
                .isOne();

        // A draft may still be unfinished: it needs no why yet.
        same.put("summary", "");
        same.put("action", "draft");
        mvc.perform(postForm("/criteria/proposals", same, workspace.marketer()))
                .andExpect(redirectedUrlPattern("/criteria/propose?draft=*"));
    }

    @Test
    void everyValidationMessageOfTheCriteriaFormComesFromTheBundles() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = proposal();
        form.put("employeesMin", "0");
        form.put("employeesMax", "20000000");
        form.put("minEngagement", "-1");
        form.put("employeesMode", "");
        form.put("departments", "x".repeat(1001));
        mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()).locale(Locale.GERMAN))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Bitte geben Sie mindestens 1 ein.")))
                .andExpect(content().string(Matchers.containsString("Bitte geben Sie mindestens 0 ein.")))
                .andExpect(content().string(Matchers.containsString("Bitte geben Sie höchstens")))
                .andExpect(content().string(Matchers.containsString("Bitte füllen Sie dieses Feld aus.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("must"))));
    }

    @Test
    void everyLabelOfTheCriteriaFormIsBoundToItsInput() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String page = mvc.perform(get("/criteria/propose").with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String form = page.substring(
                page.indexOf("id=\"criteria-form\""), page.indexOf("</form>", page.indexOf("id=\"criteria-form\"")));
        Set<String> ids = new HashSet<>();
        Matcher id = Pattern.compile("\\sid=\"([^\"]+)\"").matcher(form);
        while (id.find()) {
            ids.add(id.group(1));
        }
        Matcher label = Pattern.compile("<label([^>]*)>").matcher(form);
        List<String> unbound = new ArrayList<>();
        int labels = 0;
        while (label.find()) {
            labels++;
            Matcher target = Pattern.compile("\\sfor=\"([^\"]+)\"").matcher(label.group(1));
            if (!target.find() || !ids.contains(target.group(1))) {
                unbound.add(label.group());
            }
        }
        assertThat(labels).isGreaterThan(10);
        assertThat(unbound).isEmpty();
        assertThat(form).contains("for=\"projectPlannedMode\"").contains("for=\"budgetConfirmedMode\"");
    }

    @Test
    void aNumberTooLargeKeepsItsTextAndSaysTheAllowedRange() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = CriteriaForms.of(Criteria.defaults());
        form.put("employeesMin", "99999999999");
        form.put("minEngagement", "99999999999");
        form.put("summary", "Huge companies");
        mvc.perform(postForm("/criteria/proposals", form, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        content().string(Matchers.containsString("Please enter a whole number from 1 to 10,000,000.")))
                .andExpect(content().string(Matchers.containsString("Please enter a whole number from 0 to 100.")))
                .andExpect(content().string(Matchers.containsString("value=\"99999999999\"")));
    }
}
