package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The limits and rules of handoff's forms, as the person sees them (the message at the field, what they typed kept,
 * the status) and as the database keeps them (nothing written).
 */
@IntegrationTest
class HandoffFormsTests {

    static final String COMMENT_TOO_LONG = "Please keep the comment under 2,000 characters.";
    static final String CONTROL_CHARACTERS = "Please remove the control characters";

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    TestHandoffs given;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    /** The lead's handoffs as the database holds them: status, assignee, reason and comment, oldest first. */
    List<Map<String, Object>> handoffRows(long leadId) {
        return owner.jdbc()
                .sql("select status, assignee_id, reason_code, comment from handoff where lead_id = ? order by id")
                .param(leadId)
                .query()
                .listOfRows();
    }

    long events(long leadId, String type) {
        return owner.count("select count(*) from lead_event where lead_id = ? and type = ?", leadId, type);
    }

    /** Whether the page marks the form control with this id as invalid. */
    static boolean invalid(String page, String tag, String id) {
        Matcher control = Pattern.compile("<" + tag + "[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        return control.find() && control.group().contains("is-invalid");
    }

    void assertStillAwaiting(TestWorkspace workspace, LeadView lead) {
        assertThat(handoffRows(lead.id()))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("status", "AWAITING")
                        .containsEntry("assignee_id", workspace.salesRep().accountId())
                        .containsEntry("reason_code", null)
                        .containsEntry("comment", null));
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(events(lead.id(), HandoffActivity.REJECTED)).isZero();
    }

    @Test
    void aRejectCommentLongerThan2000CharactersIsRefusedAtTheFieldKeepsTheTextAndWritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        String tooLong = "Tried three times, no answer. ".repeat(67).substring(0, 2001);

        // The lead's reject page.
        String page = mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "NO_BUDGET")
                        .param("comment", tooLong)
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains(COMMENT_TOO_LONG).contains(">" + tooLong + "</textarea>");
        assertThat(invalid(page, "textarea", "comment")).isTrue();
        assertThat(invalid(page, "select", "reason")).isFalse();
        assertThat(page).containsPattern("<option value=\"NO_BUDGET\" selected");

        // The queue's row (htmx).
        String row = mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "NO_BUDGET")
                        .param("comment", tooLong)
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(row).contains(COMMENT_TOO_LONG).contains("value=\"" + tooLong + "\"");
        assertThat(invalid(row, "input", "comment-" + lead.id())).isTrue();

        // In German, too.
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "NO_BUDGET")
                        .param("comment", tooLong)
                        .locale(java.util.Locale.GERMAN)
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("Bitte fassen Sie den Kommentar in weniger als 2.000 Zeichen."));

        assertStillAwaiting(workspace, lead);
    }

    @Test
    void aRejectCommentOfExactly2000CharactersIsKept() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        String longest = "b".repeat(2000);

        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "OTHER")
                        .param("comment", longest)
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "handoff.rejected"));

        assertThat(handoffRows(lead.id()))
                .singleElement()
                .satisfies(row ->
                        assertThat(row).containsEntry("status", "REJECTED").containsEntry("comment", longest));
    }

    @Test
    void aReasonThatNeedsACommentIsRefusedWithoutOneAtTheCommentAndWritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        String page = mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "UNABLE_TO_REACH")
                        .param("comment", "   ")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Say how and how often you tried to reach them.")
                .contains("Please correct the marked fields; nothing was saved.")
                .containsPattern("<option value=\"UNABLE_TO_REACH\" selected");
        assertThat(invalid(page, "textarea", "comment")).isTrue();
        assertThat(invalid(page, "select", "reason")).isFalse();

        // In German, too.
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "UNABLE_TO_REACH")
                        .locale(java.util.Locale.GERMAN)
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString())
                        .contains("Schreiben Sie, wie und wie oft Sie es versucht haben."));

        assertStillAwaiting(workspace, lead);
    }

    @Test
    void aRejectCommentWithControlCharactersIsRefusedAtTheFieldAndWritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        String page = mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("reason", "NO_BUDGET")
                        .param("comment", "Budget\u0000frozen")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains(CONTROL_CHARACTERS);
        assertThat(invalid(page, "textarea", "comment")).isTrue();

        assertStillAwaiting(workspace, lead);
    }

    @Test
    void aVersionThatIsNoNumberIsABadRequestAndWritesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("version", "twelve")
                        .param("reason", "NO_BUDGET")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/leads/{id}/reassign", lead.id())
                        .param("version", "twelve")
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isBadRequest());

        assertStillAwaiting(workspace, lead);
    }

    @Test
    void reassigningToTheRepWhoHasTheLeadIsRefusedAndChangesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        MvcResult refused = mvc.perform(post("/leads/{id}/reassign", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("note", "Please take this one")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/leads/" + lead.id()))
                .andExpect(flash().attribute("flashError", "handoff.sameRep"))
                .andReturn();
        assertThat(leadPage(workspace.marketer(), lead, refused)).contains("The lead is already with this rep.");

        assertStillAwaiting(workspace, lead);
        assertThat(events(lead.id(), HandoffActivity.REASSIGNED)).isZero();
    }

    @Test
    void aReassignNoteLongerThan1000CharactersIsRefusedAndChangesNothing() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));

        MvcResult refused = mvc.perform(post("/leads/{id}/reassign", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("assignee", Long.toString(sara.accountId()))
                        .param("note", "n".repeat(1001))
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "handoff.noteTooLong"))
                .andReturn();
        assertThat(leadPage(workspace.marketer(), lead, refused))
                .contains("Please keep the note under 1,000 characters.");

        assertStillAwaiting(workspace, lead);
        assertThat(events(lead.id(), HandoffActivity.REASSIGNED)).isZero();
    }

    @Test
    void anOverrideReasonLongerThan1000CharactersIsRefusedAtTheFieldKeepsTheTextAndHandsNothingOff() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer(), TestLeads.unqualifiedLead());
        String tooLong = "o".repeat(1001);

        String page = mvc.perform(post("/leads/{id}/handoff", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("overrideReason", tooLong)
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Please keep the reason under 1,000 characters.")
                .contains(">" + tooLong + "</textarea>");
        assertThat(invalid(page, "textarea", "overrideReason")).isTrue();
        assertThat(invalid(page, "select", "assignee")).isFalse();

        assertThat(handoffRows(lead.id())).isEmpty();
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(lead.stage());
        assertThat(events(lead.id(), HandoffActivity.HANDED_OFF)).isZero();
    }

    @Test
    void anOverrideReasonShorterThan10CharactersIsRefusedAtTheFieldAnd10AreEnough() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer(), TestLeads.unqualifiedLead());

        String page = mvc.perform(post("/leads/{id}/handoff", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("overrideReason", "  too short ")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Please explain in at least 10 characters why it should go to sales anyway.")
                .contains(">  too short </textarea>");
        assertThat(invalid(page, "textarea", "overrideReason")).isTrue();
        assertThat(handoffRows(lead.id())).isEmpty();

        mvc.perform(post("/leads/{id}/handoff", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("overrideReason", " LOI signed ")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "handoff.handedOff"));
        assertThat(owner.jdbc()
                        .sql("select override_reason from handoff where lead_id = ?")
                        .param(lead.id())
                        .query(String.class)
                        .single())
                .isEqualTo("LOI signed");
    }

    @Test
    void aReturnNoteLongerThan1000CharactersIsRefusedAndTheHandoffStillAwaits() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        MvcResult refused = mvc.perform(post("/leads/{id}/return", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .param("note", "r".repeat(1001))
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "handoff.noteTooLong"))
                .andReturn();
        assertThat(leadPage(workspace.liaison(), lead, refused))
                .contains("Please keep the note under 1,000 characters.");

        assertStillAwaiting(workspace, lead);
        assertThat(events(lead.id(), HandoffActivity.RETURNED)).isZero();
    }

    /** The lead's page after the redirect, with the flash the action left. */
    String leadPage(SignedInAccount person, LeadView lead, MvcResult redirect) throws Exception {
        return mvc.perform(get("/leads/{id}", lead.id())
                        .with(user(person))
                        .with(BrowserSessions.with(BrowserSessions.cookie(redirect))))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
