package io.leadbridge.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffActivity;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.handoff.Handoffs;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Disputes of rejections and the liaison's decisions, against real PostgreSQL. */
@IntegrationTest
class DisputeTests {

    static final String ARGUMENT = "They signed a letter of intent yesterday; the project starts this quarter.";

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    TestHandoffs given;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    Handoffs handoffs;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    LeadView lead(TestWorkspace workspace, long id) {
        return in(workspace, () -> leadManagement.lead(id));
    }

    long events(long leadId, String type) {
        return owner.count("select count(*) from lead_event where lead_id = ? and type = ?", leadId, type);
    }

    @Test
    void onlyARejectedLeadIsDisputedOncePerHandoffWithAnArgument() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView fresh = leads.create(workspace.marketer());
        assertThatThrownBy(
                        () -> in(workspace, () -> disputes.dispute(fresh.id(), null, ARGUMENT, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.messageCode()).isEqualTo("dispute.notRejected"));

        LeadView lead = given.rejected(workspace);
        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", "")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Write why the rejection is wrong.")));
        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", "Not true.")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("at least 30 characters")));
        assertThat(owner.count("select count(*) from dispute where lead_id = ?", lead.id()))
                .isZero();
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.REJECTED);

        mvc.perform(post("/leads/{id}/dispute", lead.id())
                        .param("argument", ARGUMENT)
                        .param("version", Long.toString(lead.version()))
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.opened"));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.IN_DISPUTE);
        assertThat(events(lead.id(), DisputeManagement.DISPUTED)).isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where message_key = 'notification.disputeOpened'"
                                + " and recipient_id in (?, ?)",
                        workspace.liaison().accountId(),
                        workspace.salesRep().accountId()))
                .isEqualTo(2);

        // Once per handoff; and while disputed, neither team moves the lead.
        assertThatThrownBy(() -> in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, workspace.marketer())))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> in(
                        workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.marketer())))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> funnel.move(lead.id(), Stage.DISQUALIFIED, null, null, null, workspace.salesRep())))
                .isInstanceOf(Refusal.class);
        assertThat(owner.count("select count(*) from dispute where lead_id = ?", lead.id()))
                .isEqualTo(1);
    }

    @Test
    void onlyALiaisonDecidesNotInTheirOwnCaseAndWithARationale() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount marketingLiaison =
                in(workspace, () -> workspaces.add("Lena Both", Role.MARKETER, Role.LIAISON));
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, marketingLiaison));

        assertThatThrownBy(() -> in(
                        workspace,
                        () -> disputes.decide(
                                dispute.id(), Outcome.OVERTURN, "Looks fine to me", null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.messageCode()).isEqualTo("dispute.onlyLiaison"));
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> disputes.decide(
                                dispute.id(), Outcome.OVERTURN, "My own case, sure", null, marketingLiaison)))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.messageCode()).isEqualTo("dispute.acted.DISPUTED"));
        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "UPHOLD")
                        .param("rationale", "")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Write a rationale of at least 10 characters")));
        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("rationale", "A rationale without an outcome")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Choose whether to uphold or overturn")));
        assertThat(in(workspace, () -> disputes.dispute(dispute.id())).open()).isTrue();

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "UPHOLD")
                        .param("rationale", "Timing is next year; nurture it.")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.upheld"));
        // Final: no second decision.
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> disputes.decide(
                                dispute.id(), Outcome.OVERTURN, "Changed my mind", null, workspace.liaison())))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.messageCode()).isEqualTo("dispute.decided"));
    }

    /** Marketing's dispute of the lead's rejection, by the workspace's marketer. */
    DisputeView disputed(TestWorkspace workspace, long leadId) {
        return in(workspace, () -> disputes.dispute(leadId, null, ARGUMENT, workspace.marketer()));
    }

    /** The liaison's overturn, posted as the dispute page's form posts it. */
    ResultActions overturn(DisputeView dispute, SignedInAccount liaison) throws Exception {
        return mvc.perform(post("/disputes/{id}/decision", dispute.id())
                .param("outcome", "OVERTURN")
                .param("rationale", "The letter of intent makes the timing now.")
                .with(user(liaison))
                .with(csrf()));
    }

    /** The dispute and its lead as the database holds them, for checking that a refused decision changed nothing. */
    String stored(DisputeView dispute) {
        return owner.jdbc().sql("""
                        select d.status || '|' || coalesce(d.decided_by::text, '-') || '|' || l.stage || '|'
                               || (select count(*) from handoff h where h.lead_id = d.lead_id and h.status = 'AWAITING')
                               || '|' || (select count(*) from lead_event e where e.lead_id = d.lead_id
                                          and e.type in ('DISPUTE_UPHELD', 'DISPUTE_OVERTURNED'))
                        from dispute d join lead l on l.id = d.lead_id where d.id = ?
                        """).param(dispute.id()).query(String.class).single();
    }

    static final String UNTOUCHED = "OPEN|-|IN_DISPUTE|0|0";

    @Test
    void aLiaisonWhoHandedTheLeadOffMayNotOverturnItsDispute() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount lena = in(workspace, () -> workspaces.add("Lena Both", Role.MARKETER, Role.LIAISON));
        LeadView lead = given.rejected(workspace, lena);
        DisputeView dispute = disputed(workspace, lead.id());

        overturn(dispute, lena).andExpect(flash().attribute("flashError", "dispute.acted.HANDED_OFF"));

        assertThat(stored(dispute)).isEqualTo(UNTOUCHED);
        mvc.perform(get("/disputes/{id}", dispute.id()).with(user(lena)))
                .andExpect(content().string(Matchers.containsString("You handed this lead off")));
    }

    @Test
    void aLiaisonWhoReassignedTheHandoffMayNotDecideItAnotherLiaisonMay() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = leads.create(workspace.marketer());
        in(
                workspace,
                () -> assignment.handOff(
                        lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        in(
                workspace,
                () -> assignment.reassign(lead.id(), null, sara.accountId(), "Sven is away", workspace.liaison()));
        in(workspace, () -> {
            decisions.reject(lead.id(), null, "NOT_READY", "Project only next year", sara);
            return null;
        });
        DisputeView dispute = disputed(workspace, lead.id());

        overturn(dispute, workspace.liaison()).andExpect(flash().attribute("flashError", "dispute.acted.REASSIGNED"));
        assertThat(stored(dispute)).isEqualTo(UNTOUCHED);

        SignedInAccount leo = in(workspace, () -> workspaces.add("Leo Liaison", Role.LIAISON));
        overturn(dispute, leo).andExpect(flash().attribute("flashSuccess", "dispute.overturned"));
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'OVERTURNED' and decided_by = ?",
                        dispute.id(),
                        leo.accountId()))
                .isOne();
    }

    @Test
    void aLiaisonWhoCommentedAsATeamMemberMayNotDecideAPureLiaisonWhoCommentedMay() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount lena = in(workspace, () -> workspaces.add("Lena Both", Role.SALES_REP, Role.LIAISON));
        LeadView lead = given.rejected(workspace);
        for (SignedInAccount author : List.of(lena, workspace.liaison())) {
            mvc.perform(post("/leads/{id}/comments", lead.id())
                            .param("body", "Let us hear both sides before anyone moves this lead.")
                            .with(user(author))
                            .with(csrf()))
                    .andExpect(status().is3xxRedirection());
        }
        DisputeView dispute = disputed(workspace, lead.id());

        overturn(dispute, lena).andExpect(flash().attribute("flashError", "dispute.acted.COMMENTED"));
        assertThat(stored(dispute)).isEqualTo(UNTOUCHED);

        overturn(dispute, workspace.liaison()).andExpect(flash().attribute("flashSuccess", "dispute.overturned"));
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'OVERTURNED' and decided_by = ?",
                        dispute.id(),
                        workspace.liaison().accountId()))
                .isOne();
    }

    @Test
    void theDisputePageAndTheDeskSayWhoMayDecideInsteadOrThatNobodyMay() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount lena = in(workspace, () -> workspaces.add("Lena Both", Role.MARKETER, Role.LIAISON));
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.rejected(workspace, lena);
        DisputeView dispute = disputed(workspace, lead.id());

        // Lena handed it off: Lou, who did not act, decides instead.
        mvc.perform(get("/disputes/{id}", dispute.id()).with(user(lena)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("You handed this lead off")))
                .andExpect(content().string(Matchers.containsString("Who may decide instead: Lou Liaison.")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"decision-form\""))));
        mvc.perform(get("/liaison").with(user(lena)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("You handed this lead off")))
                .andExpect(content().string(Matchers.containsString("Who may decide instead: Lou Liaison.")));
        // Lou may decide: the form, and no reason on the desk.
        mvc.perform(get("/disputes/{id}", dispute.id()).with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString("id=\"decision-form\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Who may decide instead"))));
        mvc.perform(get("/liaison").with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString("data-dispute=\"" + dispute.id() + "\"")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Who may decide instead"))));

        // Once Lou has acted in the case too (a second handoff of the lead he reassigned), no liaison may decide.
        LeadView other = leads.create(workspace.marketer());
        in(
                workspace,
                () -> assignment.handOff(
                        other.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        in(workspace, () -> assignment.reassign(other.id(), null, sara.accountId(), null, workspace.liaison()));
        in(workspace, () -> {
            decisions.reject(other.id(), null, "NOT_READY", "Project only next year", sara);
            return null;
        });
        DisputeView nobodys = disputed(workspace, other.id());
        // (Lena did not act on this one, but she commented on it as a marketer.)
        mvc.perform(post("/leads/{id}/comments", other.id())
                        .param("body", "I know this company; happy to help.")
                        .with(user(lena))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        String nobody = "No liaison of this workspace may decide it";
        mvc.perform(get("/disputes/{id}", nobodys.id()).with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString("You reassigned its handoff")))
                .andExpect(content().string(Matchers.containsString(nobody)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"decision-form\""))));
        mvc.perform(get("/liaison").with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString(nobody)));
        mvc.perform(get("/disputes/{id}", nobodys.id()).with(user(lena)))
                .andExpect(content().string(Matchers.containsString("You commented on this lead")))
                .andExpect(content().string(Matchers.containsString(nobody)));

        // An admin adds a liaison who did not act: the pages name her.
        in(workspace, () -> workspaces.add("Nora Neutral", Role.LIAISON));
        mvc.perform(get("/disputes/{id}", nobodys.id()).with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString("Who may decide instead: Nora Neutral.")));
    }

    @Test
    void upholdingReturnsTheLeadToMarketingWhoStillRecyclesOrDisqualifies() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = disputed(workspace, lead.id());

        DisputeView decided = in(
                workspace,
                () -> disputes.decide(
                        dispute.id(), Outcome.UPHOLD, "Timing is next year; nurture it.", null, workspace.liaison()));

        assertThat(decided.status()).isEqualTo(DisputeView.Status.UPHELD);
        LeadView after = lead(workspace, lead.id());
        assertThat(after.stage()).isEqualTo(Stage.REJECTED);
        assertThat(after.ownerId()).isNull();
        assertThat(events(lead.id(), DisputeManagement.UPHELD)).isEqualTo(1);
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'AWAITING'", lead.id()))
                .isZero();
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where message_key = 'notification.disputeUpheld'"
                                + " and recipient_id in (?, ?)",
                        workspace.marketer().accountId(),
                        workspace.salesRep().accountId()))
                .isEqualTo(2);
        // The rejection cannot be disputed again, but marketing can still recycle it.
        assertThatThrownBy(() -> in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, workspace.marketer())))
                .isInstanceOf(Refusal.class);
        assertThat(in(workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.marketer()))
                        .stage())
                .isEqualTo(Stage.NURTURE);
        // Both teams see the decision on the lead.
        for (SignedInAccount reader : List.of(workspace.marketer(), workspace.salesRep())) {
            mvc.perform(get("/leads/{id}", lead.id()).with(user(reader)))
                    .andExpect(content().string(Matchers.containsString("Timing is next year; nurture it.")));
        }
    }

    @Test
    void overturningHandsTheLeadBackToSalesWithAFreshClockAndTheDecision() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.rejected(workspace);
        owner.jdbc()
                .sql(
                        "update handoff set handed_at = handed_at - interval '20 days', due_at = due_at - interval '10 days',"
                                + " escalate_at = escalate_at - interval '10 days' where lead_id = ?")
                .param(lead.id())
                .update();
        DisputeView dispute = disputed(workspace, lead.id());

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "OVERTURN")
                        .param("rationale", "The letter of intent makes the timing now.")
                        .param("assignee", Long.toString(sara.accountId()))
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.overturned"));

        LeadView after = lead(workspace, lead.id());
        assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        HandoffView fresh = in(workspace, () -> handoffs.latestOf(lead.id())).orElseThrow();
        assertThat(fresh.awaiting()).isTrue();
        assertThat(fresh.assigneeId()).isEqualTo(sara.accountId());
        assertThat(fresh.overdue()).isFalse();
        assertThat(fresh.dueAt()).isAfter(fresh.handedAt());
        assertThat(owner.count(
                        "select count(*) from dispute where id = ? and status = 'OVERTURNED' and new_handoff_id = ?",
                        dispute.id(),
                        fresh.id()))
                .isEqualTo(1);
        assertThat(events(lead.id(), DisputeManagement.OVERTURNED)).isEqualTo(1);
        mvc.perform(get("/sales/queue").with(user(sara)))
                .andExpect(content()
                        .string(Matchers.containsString(
                                "Handed back by the liaison: The letter of intent makes the timing now.")));
        // Sara decides it like any handoff.
        in(workspace, () -> {
            decisions.accept(lead.id(), null, sara);
            return null;
        });
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
    }

    @Test
    void anOverturnedHandoffSaysTheLiaisonHandedItBackNotTheMarketer() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = disputed(workspace, lead.id());

        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "OVERTURN")
                        .param("rationale", "The letter of intent makes the timing now.")
                        .param("assignee", Long.toString(sara.accountId()))
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "dispute.overturned"));

        String liaison = workspace.liaison().getDisplayName();
        String marketer = workspace.marketer().getDisplayName();
        String page = mvc.perform(get("/leads/{id}", lead.id()).with(user(sara)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Handed back to Sara Sales by the liaison " + liaison + " on ")
                .contains("who overturned the rejection (first handed off by " + marketer + ")")
                .doesNotContain("Handed to Sara Sales by " + marketer)
                .contains("handed back to Sara Sales");
    }

    @Test
    void theDisputesBreadcrumbLeadsEachRoleToAPageItMaySee() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        DisputeView dispute = disputed(workspace, lead.id());

        for (SignedInAccount team : List.of(workspace.marketer(), workspace.salesRep())) {
            String breadcrumb = breadcrumb(dispute, team);
            assertThat(breadcrumb)
                    .as(team.getDisplayName())
                    .doesNotContain("href=\"/liaison\"")
                    .contains("href=\"/leads\"", "href=\"/leads/" + lead.id() + "\"");
        }
        assertThat(breadcrumb(dispute, workspace.liaison())).contains("href=\"/liaison\"");
    }

    private String breadcrumb(DisputeView dispute, SignedInAccount person) throws Exception {
        String page = mvc.perform(get("/disputes/{id}", dispute.id()).with(user(person)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return page.substring(page.indexOf("class=\"breadcrumb\""), page.indexOf("</ol>"));
    }

    @Test
    void twoDecisionsOnTheSameDisputeAtOnceMakeExactlyOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount secondLiaison = in(workspace, () -> workspaces.add("Leo Liaison", Role.LIAISON));
        for (int round = 0; round < 4; round++) {
            LeadView lead = given.rejected(workspace);
            DisputeView dispute = disputed(workspace, lead.id());
            List<Callable<Object>> decisions = List.of(
                    () -> in(
                            workspace,
                            () -> disputes.decide(
                                    dispute.id(),
                                    Outcome.UPHOLD,
                                    "Upheld, timing is next year",
                                    null,
                                    workspace.liaison())),
                    () -> in(
                            workspace,
                            () -> disputes.decide(
                                    dispute.id(),
                                    Outcome.OVERTURN,
                                    "Overturned, the LOI counts",
                                    null,
                                    secondLiaison)));
            List<Object> outcomes = runTogether(decisions);
            assertThat(outcomes.stream().filter(o -> o instanceof DisputeView)).hasSize(1);
            assertThat(outcomes.stream().filter(o -> o instanceof Refusal)).hasSize(1);
            assertThat(owner.count(
                            "select count(*) from lead_event where lead_id = ? and type in ('DISPUTE_UPHELD', 'DISPUTE_OVERTURNED')",
                            lead.id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void twoDisputesOfTheSameRejectionAtOnceOpenExactlyOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount secondMarketer = in(workspace, () -> workspaces.add("Mia Marketing", Role.MARKETER));
        for (int round = 0; round < 4; round++) {
            LeadView lead = given.rejected(workspace);
            List<Object> outcomes = runTogether(List.of(
                    () -> in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, workspace.marketer())),
                    () -> in(workspace, () -> disputes.dispute(lead.id(), null, ARGUMENT, secondMarketer))));
            assertThat(outcomes.stream().filter(o -> o instanceof DisputeView))
                    .as("outcomes %s", outcomes)
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> o instanceof Refusal)).hasSize(1);
            assertThat(owner.count(
                            "select count(*) from dispute where lead_id = ? and status = 'OPEN' and version = 0",
                            lead.id()))
                    .isEqualTo(1);
            assertThat(events(lead.id(), DisputeManagement.DISPUTED)).isEqualTo(1);
            assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.IN_DISPUTE);
        }
    }

    @Test
    void theLiaisonReturnsAnEscalatedHandoffToMarketingWithANote() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/return", lead.id())
                        .param("note", " ")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "handoff.returnNoteRequired"));
        mvc.perform(post("/leads/{id}/return", lead.id())
                        .param("note", "Sven is on leave for three weeks")
                        .with(user(workspace.liaison()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "handoff.returned"));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(owner.count(
                        "select count(*) from handoff where lead_id = ? and status = 'RETURNED' and comment = ?",
                        lead.id(),
                        "Sven is on leave for three weeks"))
                .isEqualTo(1);
        assertThat(events(lead.id(), HandoffActivity.RETURNED)).isEqualTo(1);
    }

    @Test
    void anotherWorkspacesDisputesAndLeadsAreNotFound() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        LeadView their = given.rejected(theirs);
        DisputeView dispute = disputed(theirs, their.id());

        mvc.perform(get("/disputes/{id}", dispute.id()).with(user(mine.liaison())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/disputes/{id}/decision", dispute.id())
                        .param("outcome", "OVERTURN")
                        .param("rationale", "Not my workspace at all")
                        .with(user(mine.liaison()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/dispute", their.id())
                        .param("argument", ARGUMENT)
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/return", their.id())
                        .param("note", "Not my workspace at all")
                        .with(user(mine.liaison()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/liaison").with(user(mine.liaison())))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(Matchers.not(Matchers.containsString("data-dispute=\"" + dispute.id() + "\""))));
        assertThat(in(theirs, () -> disputes.dispute(dispute.id())).open()).isTrue();
    }

    static List<Object> runTogether(List<Callable<Object>> work) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    outcomes.add(future.get());
                } catch (ExecutionException e) {
                    outcomes.add(e.getCause());
                }
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }
}
