package io.leadbridge.funnel.web;

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

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.Funnel.StageRule;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The rules of a funnel proposal: made on the active version, never undoing a newer one, with a why and a change. */
@IntegrationTest
class FunnelProposalRulesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    OwnerDatabase owner;

    /** The form's fields as a browser sends them for a funnel. */
    static Map<String, String> form(Funnel f) {
        Map<String, String> form = new LinkedHashMap<>();
        List<StageRule> stages = f.stages();
        for (int i = 0; i < stages.size(); i++) {
            StageRule rule = stages.get(i);
            form.put("stages[" + i + "].stage", rule.stage().name());
            form.put("stages[" + i + "].name", rule.name() == null ? "" : rule.name());
            form.put("stages[" + i + "].owner", rule.owner().name());
            form.put("stages[" + i + "].exitCriteria", rule.exitCriteria() == null ? "" : rule.exitCriteria());
            form.put(
                    "stages[" + i + "].slaHours",
                    rule.slaHours() == null ? "" : rule.slaHours().toString());
        }
        form.put("escalationHours", Integer.toString(f.escalationHours()));
        form.put(
                "roundRobinCap",
                f.roundRobinCapPerDay() == null ? "" : f.roundRobinCapPerDay().toString());
        form.put(
                "promisedQualified",
                f.promisedQualifiedPerMonth() == null
                        ? ""
                        : f.promisedQualifiedPerMonth().toString());
        return form;
    }

    static MockHttpServletRequestBuilder postForm(Map<String, String> form, SignedInAccount as) {
        MockHttpServletRequestBuilder request =
                post("/funnel/proposals").with(csrf()).with(user(as));
        form.forEach(request::param);
        return request;
    }

    long propose(Map<String, String> form, SignedInAccount by) throws Exception {
        String location = mvc.perform(postForm(form, by))
                .andExpect(redirectedUrlPattern("/funnel/versions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    long activeId(TestWorkspace workspace) {
        return CurrentTenant.callAs(
                workspace.tenantId(), () -> funnel.active().agreement().id());
    }

    long versions(TestWorkspace workspace) {
        return owner.count(
                "select count(*) from agreement_version where tenant_id = ? and kind = 'FUNNEL'", workspace.tenantId());
    }

    @Test
    void anOlderOpenFunnelProposalBecomesOutdatedAndItsAuthorReproposesItOnTopOfTheActiveVersion() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long versionOne = activeId(workspace);
        Map<String, String> sooner = form(Funnel.defaults());
        sooner.put("escalationHours", "40");
        sooner.put("summary", "Escalate sooner");
        sooner.put("baseId", Long.toString(versionOne));
        long escalation = propose(sooner, workspace.marketer());
        Map<String, String> capped = form(Funnel.defaults());
        capped.put("roundRobinCap", "5");
        capped.put("summary", "Five a day");
        capped.put("baseId", Long.toString(versionOne));
        long cap = propose(capped, workspace.marketer());

        mvc.perform(post("/funnel/versions/{id}/approve", cap).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "funnel.approved"));

        assertThat(owner.jdbc()
                        .sql("select status from agreement_version where id = ?")
                        .param(escalation)
                        .query(String.class)
                        .single())
                .isEqualTo("OUTDATED");
        mvc.perform(get("/funnel/versions/{id}", escalation).with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("id=\"outdated\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"approve\""))));
        mvc.perform(post("/funnel/versions/{id}/approve", escalation)
                        .with(csrf())
                        .with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashError", "agreement.outdated"));
        assertThat(activeId(workspace)).isEqualTo(cap);
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ?"
                                + " and message_key = 'notification.proposalOutdatedFunnel' and link = ?",
                        workspace.marketer().accountId(),
                        "/funnel/versions/" + escalation))
                .isOne();

        mvc.perform(get("/funnel").with(user(workspace.marketer())))
                .andExpect(
                        content().string(Matchers.containsString("href=\"/funnel/propose?from=" + escalation + "\"")));
        mvc.perform(get("/funnel").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"outdated-proposals\""))));
        mvc.perform(get("/funnel/versions/{id}", escalation).with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString("id=\"repropose\"")));
        mvc.perform(get("/funnel/propose")
                        .param("from", Long.toString(escalation))
                        .with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(model().attribute("baseId", cap))
                .andExpect(model().attribute(
                                "form",
                                Matchers.allOf(
                                        Matchers.hasProperty("escalationHours", Matchers.is(40)),
                                        Matchers.hasProperty("roundRobinCap", Matchers.is(5)),
                                        Matchers.hasProperty("summary", Matchers.is("Escalate sooner")))));
        mvc.perform(get("/funnel/propose")
                        .param("from", Long.toString(escalation))
                        .with(user(workspace.salesRep())))
                .andExpect(redirectedUrl("/funnel/versions/" + escalation));

        // The other workspace does not find it.
        TestWorkspace other = workspaces.create();
        mvc.perform(get("/funnel/propose")
                        .param("from", Long.toString(escalation))
                        .with(user(other.marketer())))
                .andExpect(status().isNotFound());
    }

    @Test
    void aFunnelFormOpenedBeforeAnotherVersionBecameActiveComesBackWithTheChangesAppliedToIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        long versionOne = activeId(workspace);
        Map<String, String> capped = form(Funnel.defaults());
        capped.put("roundRobinCap", "5");
        capped.put("summary", "Five a day");
        long cap = propose(capped, workspace.marketer());
        mvc.perform(post("/funnel/versions/{id}/approve", cap).with(csrf()).with(user(workspace.salesRep())))
                .andExpect(flash().attribute("flashSuccess", "funnel.approved"));

        Map<String, String> stale = form(Funnel.defaults());
        stale.put("escalationHours", "40");
        stale.put("summary", "Escalate sooner");
        stale.put("baseId", Long.toString(versionOne));
        mvc.perform(postForm(stale, workspace.salesRep()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Version 2 became active while you were editing")))
                .andExpect(model().attribute("baseId", cap))
                .andExpect(model().attribute(
                                "form",
                                Matchers.allOf(
                                        Matchers.hasProperty("escalationHours", Matchers.is(40)),
                                        Matchers.hasProperty("roundRobinCap", Matchers.is(5)))));
        assertThat(versions(workspace)).isEqualTo(2);
    }

    @Test
    void everyValidationMessageOfTheFunnelFormComesFromTheBundlesInBothLanguages() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> form = form(Funnel.defaults());
        form.put("escalationHours", "0");
        form.put("roundRobinCap", "0");
        form.put("promisedQualified", "100001");
        form.put("stages[0].owner", "");
        form.put("stages[0].slaHours", "0");
        form.put("summary", "Broken");

        mvc.perform(postForm(form, workspace.salesRep()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Please enter at least 1.")))
                .andExpect(content().string(Matchers.containsString("Please enter at most 100000.")))
                .andExpect(content().string(Matchers.containsString("Please fill this in.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("must be"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("must not"))));
        mvc.perform(postForm(form, workspace.salesRep()).locale(Locale.GERMAN))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Bitte geben Sie mindestens 1 ein.")))
                .andExpect(content().string(Matchers.containsString("Bitte füllen Sie dieses Feld aus.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("must be"))));
        assertThat(versions(workspace)).isOne();
    }

    @Test
    void aFunnelProposalWithoutWhyOrWithoutAnyChangeIsRefused() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> noWhy = form(Funnel.defaults());
        noWhy.put("escalationHours", "40");
        noWhy.put("summary", " ");
        mvc.perform(postForm(noWhy, workspace.salesRep()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(model().attributeHasFieldErrorCode("form", "summary", "agreement.summaryRequired"))
                .andExpect(
                        content().string(Matchers.containsString("Please say why: the other team reads this first.")));
        mvc.perform(postForm(noWhy, workspace.salesRep()).locale(Locale.GERMAN))
                .andExpect(content().string(Matchers.containsString("Bitte begründen Sie die Änderung")));

        Map<String, String> same = form(Funnel.defaults());
        same.put("summary", "Nothing changes");
        mvc.perform(postForm(same, workspace.salesRep()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(Matchers.containsString(
                                "This is the same as the active version 1: change at least one setting")));
        assertThat(versions(workspace)).isOne();
    }

    @Test
    void aNumberTooLargeForAnyFieldKeepsItsTextAndSaysTheAllowedRange() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Map<String, String> huge = form(Funnel.defaults());
        huge.put("escalationHours", "99999999999");
        huge.put("stages[0].slaHours", "99999999999");
        huge.put("roundRobinCap", "99999999999");
        huge.put("summary", "Far too long");
        huge.put("baseId", Long.toString(activeId(workspace)));
        long before = versions(workspace);
        mvc.perform(postForm(huge, workspace.marketer()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Please enter a whole number from 1 to 2,000.")))
                .andExpect(content().string(Matchers.containsString("Please enter a whole number from 1 to 1,000.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Please enter a valid value."))))
                .andExpect(content().string(Matchers.containsString("name=\"escalationHours\" value=\"99999999999\"")))
                .andExpect(
                        content().string(Matchers.containsString("name=\"stages[0].slaHours\" value=\"99999999999\"")));
        mvc.perform(postForm(huge, workspace.marketer()).locale(Locale.GERMAN))
                .andExpect(content()
                        .string(Matchers.containsString("Bitte geben Sie eine ganze Zahl von 1 bis 2.000 ein.")));
        assertThat(versions(workspace)).isEqualTo(before);
    }
}
