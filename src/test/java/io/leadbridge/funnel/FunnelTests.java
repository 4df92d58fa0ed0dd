package io.leadbridge.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.Status;
import io.leadbridge.funnel.Funnel.Owner;
import io.leadbridge.funnel.Funnel.StageRule;
import io.leadbridge.funnel.FunnelManagement.Difference;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The funnel as an agreement, and who may move a lead out of which stage. */
@IntegrationTest
class FunnelTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    AgreementManagement agreements;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    /** Puts a lead in a stage (and gives it an owner) directly, as the starting point of a check. */
    void place(long leadId, Stage stage, Long ownerId) {
        owner.jdbc()
                .sql("update lead set stage = ?, owner_id = ? where id = ?")
                .params(stage.name(), ownerId, leadId)
                .update();
    }

    @Test
    void onlyTheOwningTeamOrTheLiaisonMovesALeadOutOfEachStage() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount otherRep = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        Map<String, SignedInAccount> people = new LinkedHashMap<>();
        people.put("marketer", workspace.marketer());
        people.put("owning rep", workspace.salesRep());
        people.put("other rep", otherRep);
        people.put("liaison", workspace.liaison());
        people.put("admin", workspace.admin());
        Funnel defaults = Funnel.defaults();

        Map<String, String> wrong = new TreeMap<>();
        for (Stage stage : Stage.values()) {
            LeadView lead = leads.create(workspace.marketer());
            Owner stageOwner = defaults.owner(stage);
            Long leadOwner = stageOwner == Owner.SALES ? workspace.salesRep().accountId() : null;
            List<Stage> targets = LeadMove.steps(stage);
            for (Map.Entry<String, SignedInAccount> person : people.entrySet()) {
                place(lead.id(), stage, leadOwner);
                boolean expected = !targets.isEmpty()
                        && switch (person.getKey()) {
                            case "liaison" -> true;
                            case "marketer" -> stageOwner == Owner.MARKETING;
                            case "owning rep" -> stageOwner == Owner.SALES;
                            default -> false;
                        };
                Stage to = targets.isEmpty() ? Stage.NURTURE : targets.get(0);
                boolean moved;
                try {
                    in(
                            workspace,
                            () -> funnel.move(lead.id(), to, null, new BigDecimal("1000"), null, person.getValue()));
                    moved = true;
                } catch (Refusal refused) {
                    moved = false;
                    String expectedCode = targets.isEmpty() ? "funnel.moveNotAllowed" : "funnel.notYourStage.";
                    if (!refused.messageCode().startsWith(expectedCode)) {
                        wrong.put(stage + " by " + person.getKey(), "refused with " + refused.messageCode());
                    }
                }
                if (moved != expected) {
                    wrong.put(stage + " by " + person.getKey(), moved ? "moved, should be refused" : "refused");
                }
                if (moved) {
                    assertThat(owner.jdbc()
                                    .sql("select stage from lead where id = ?")
                                    .param(lead.id())
                                    .query(String.class)
                                    .single())
                            .isEqualTo(to.name());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void movesFollowTheFunnelAndAreOnTheTimeline() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());

        assertThatThrownBy(() -> in(
                        workspace,
                        () -> funnel.move(lead.id(), Stage.OPPORTUNITY, null, null, null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.messageCode()).isEqualTo("funnel.moveNotAllowed"));
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> funnel.move(
                                lead.id(), Stage.AWAITING_ACCEPTANCE, null, null, null, workspace.marketer())))
                .isInstanceOf(Refusal.class);

        LeadView moved = in(
                workspace,
                () -> funnel.move(
                        lead.id(),
                        Stage.MARKETING_QUALIFIED,
                        lead.version(),
                        null,
                        "Called back, project confirmed",
                        workspace.marketer()));
        assertThat(moved.stage()).isEqualTo(Stage.MARKETING_QUALIFIED);
        assertThat(moved.version()).isEqualTo(lead.version() + 1);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = 'STAGE_CHANGED'"
                                + " and details->'facts'->>'from' = 'NEW_INQUIRY'"
                                + " and details->'facts'->>'to' = 'MARKETING_QUALIFIED'"
                                + " and details->'facts'->>'note' = 'Called back, project confirmed'",
                        lead.id()))
                .isEqualTo(1);
        // The form that was open before the move is stale now.
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> funnel.move(lead.id(), Stage.NURTURE, lead.version(), null, null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class, p -> assertThat(p.conflict()).isTrue());
    }

    @Test
    void markingALeadWonAsksForTheDealValue() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        place(lead.id(), Stage.OPPORTUNITY, workspace.salesRep().accountId());

        mvc.perform(post("/leads/{id}/stage", lead.id())
                        .param("to", "WON")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "funnel.dealValueRequired"));
        mvc.perform(post("/leads/{id}/stage", lead.id())
                        .param("to", "WON")
                        .param("dealValue", "-5")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "funnel.dealValueRequired"));
        mvc.perform(post("/leads/{id}/stage", lead.id())
                        .param("to", "SOMEWHERE")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "funnel.moveNotAllowed"));
        assertThat(in(workspace, () -> leadManagement.lead(lead.id())).stage()).isEqualTo(Stage.OPPORTUNITY);

        mvc.perform(post("/leads/{id}/stage", lead.id())
                        .param("to", "WON")
                        .param("dealValue", "48.500,00")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "funnel.moved"));
        LeadView won = in(workspace, () -> leadManagement.lead(lead.id()));
        assertThat(won.stage()).isEqualTo(Stage.WON);
        assertThat(won.dealValue()).isEqualByComparingTo("48500.00");
        mvc.perform(get("/leads/{id}", lead.id()).with(user(workspace.marketer())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Deal value: €48,500")));
    }

    @Test
    void theFunnelIsAnAgreementOneTeamProposesTheOtherApproves() throws Exception {
        TestWorkspace workspace = workspaces.create();
        Funnel current = in(workspace, () -> funnel.active().funnel());
        List<StageRule> rules = new ArrayList<>();
        for (StageRule rule : current.stages()) {
            rules.add(
                    rule.stage() == Stage.NEW_INQUIRY
                            ? new StageRule(rule.stage(), "Inbound call", Owner.SALES, "Called back within a day", 8)
                            : rule);
        }
        Funnel proposal = new Funnel(rules, 40, 5, 60);

        FunnelManagement.Version proposed = in(
                workspace,
                () -> funnel.propose(proposal, "Sales calls inbound leads back itself", workspace.marketer()));
        long id = proposed.agreement().id();
        assertThatThrownBy(() -> in(workspace, () -> agreements.approve(Kind.FUNNEL, id, null, workspace.marketer())))
                .isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> in(workspace, () -> agreements.approve(Kind.FUNNEL, id, null, workspace.liaison())))
                .isInstanceOf(Refusal.class);
        List<Difference> diff = in(workspace, () -> funnel.diff(funnel.active().funnel(), proposal));
        assertThat(diff)
                .contains(
                        new Difference(Stage.NEW_INQUIRY, "owner", "MARKETING", "SALES"),
                        new Difference(Stage.NEW_INQUIRY, "slaHours", null, "8"),
                        new Difference(null, "escalationHours", "48", "40"),
                        new Difference(null, "roundRobinCap", null, "5"),
                        new Difference(null, "promisedQualified", null, "60"));
        // Until approved, marketing still owns new inquiries.
        LeadView lead = leads.create(workspace.marketer());
        assertThatThrownBy(() -> in(
                        workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.salesRep())))
                .isInstanceOf(Refusal.class);

        mvc.perform(post("/funnel/versions/{id}/approve", id)
                        .param("comment", "Agreed in the pipeline meeting")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "funnel.approved"));
        FunnelManagement.Version active = in(workspace, () -> funnel.active());
        assertThat(active.agreement().id()).isEqualTo(id);
        assertThat(active.agreement().status()).isEqualTo(Status.ACTIVE);
        assertThat(active.funnel().owner(Stage.NEW_INQUIRY)).isEqualTo(Owner.SALES);

        // Now sales moves new inquiries, and marketing does not.
        assertThatThrownBy(() -> in(
                        workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.marketer())))
                .isInstanceOf(Refusal.class);
        assertThat(in(workspace, () -> funnel.move(lead.id(), Stage.NURTURE, null, null, null, workspace.salesRep()))
                        .stage())
                .isEqualTo(Stage.NURTURE);

        mvc.perform(get("/funnel").with(user(workspace.liaison())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Inbound call")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Called back within a day")));
        mvc.perform(get("/funnel/versions/{id}", id).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Agreed in the pipeline meeting")));
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.proposalApprovedFunnel'",
                        workspace.marketer().accountId()))
                .isEqualTo(1);
    }

    @Test
    void someoneInBothTeamsDoesNotApproveAMarketingFunnelProposalAPureSalesRepDoes() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount both = in(workspace, () -> workspaces.add("Bo Both", Role.MARKETER, Role.SALES_REP));
        Funnel current = in(workspace, () -> funnel.active().funnel());
        Funnel proposal = new Funnel(current.stages(), 40, 5, 60);
        long id = in(workspace, () -> funnel.propose(proposal, "Escalate sooner", workspace.marketer()))
                .agreement()
                .id();
        long active = in(workspace, () -> funnel.active().agreement().id());

        mvc.perform(get("/funnel/versions/{id}", id).with(user(both)))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "You are both a marketer and a sales rep: a sales rep who is not also a marketer"
                                        + " approves this marketing proposal.")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("id=\"approve\""))));
        mvc.perform(post("/funnel/versions/{id}/approve", id)
                        .param("comment", "Fine by both of me")
                        .with(user(both))
                        .with(csrf()))
                .andExpect(flash().attribute("flashError", "agreement.bothTeams.MARKETING"));
        assertThat(owner.count(
                        "select count(*) from agreement_version where id = ? and status = 'PROPOSED' and decided_by is null",
                        id))
                .isOne();
        assertThat(owner.count("select count(*) from agreement_version where id = ? and status = 'ACTIVE'", active))
                .isOne();

        mvc.perform(post("/funnel/versions/{id}/approve", id)
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "funnel.approved"));
        assertThat(in(workspace, () -> funnel.active().agreement().id())).isEqualTo(id);
    }

    @Test
    void anInconsistentProposalComesBackWithTheErrorsAtTheFieldsAndNothingIsSaved() throws Exception {
        TestWorkspace workspace = workspaces.create();
        var request = post("/funnel/proposals")
                .param("escalationHours", "10")
                .param("summary", "Faster")
                .with(user(workspace.salesRep()))
                .with(csrf());
        Stage[] stages = Stage.values();
        for (int i = 0; i < stages.length; i++) {
            request.param("stages[" + i + "].stage", stages[i].name());
            request.param(
                    "stages[" + i + "].owner",
                    stages[i] == Stage.IN_DISPUTE ? "LIAISON" : stages[i] == Stage.NURTURE ? "LIAISON" : "SALES");
            if (stages[i] == Stage.AWAITING_ACCEPTANCE) {
                request.param("stages[" + i + "].slaHours", "16");
            }
            if (stages[i] == Stage.WON) {
                request.param("stages[" + i + "].slaHours", "4");
            }
        }
        mvc.perform(request)
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        model().attributeHasFieldErrorCode("form", "escalationHours", "funnel.escalationAfterDecision"))
                .andExpect(model().attributeHasFieldErrorCode("form", "stages[1].owner", "funnel.teamOwns"))
                .andExpect(model().attributeHasFieldErrorCode(
                                "form", "stages[" + Stage.WON.ordinal() + "].slaHours", "funnel.terminalNoSla"))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "Escalation must come after the response time (16 business hours).")));
        assertThat(owner.count(
                        "select count(*) from agreement_version where tenant_id = ? and kind = 'FUNNEL'",
                        workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void anotherWorkspacesFunnelVersionIsNotFound() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        long theirVersion = in(theirs, () -> funnel.active().agreement().id());
        mvc.perform(get("/funnel/versions/{id}", theirVersion).with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/funnel/versions/{id}/approve", theirVersion)
                        .with(user(mine.salesRep()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/funnel/versions/{id}/comments", theirVersion)
                        .param("body", "hello")
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
    }
}
