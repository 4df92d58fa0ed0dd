package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.HandoffView.Status;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.EventPublications;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.support.Together;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Handing leads to sales and sales' decision, against real PostgreSQL: the rules, fairness and races. */
@IntegrationTest
class HandoffTests {

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
    RepQueue repQueue;

    @Autowired
    AccountManagement accounts;

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
    void aQualifiedLeadGoesToTheChosenRepWithTheClockRunning() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        SignedInAccount rep = workspace.salesRep();

        HandoffView handoff = in(
                workspace,
                () -> assignment.handOff(lead.id(), lead.version(), rep.accountId(), null, workspace.marketer()));

        assertThat(handoff.status()).isEqualTo(Status.AWAITING);
        assertThat(handoff.assigneeId()).isEqualTo(rep.accountId());
        assertThat(handoff.qualified()).isTrue();
        assertThat(handoff.overrideReason()).isNull();
        assertThat(handoff.dueAt()).isAfter(handoff.handedAt());
        assertThat(handoff.escalateAt()).isAfter(handoff.dueAt());
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(events(lead.id(), HandoffActivity.HANDED_OFF)).isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.handedToYou'",
                        rep.accountId()))
                .isEqualTo(1);
        assertThat(in(workspace, () -> repQueue.queue(rep.accountId(), null, null)).items().stream()
                        .map(QueueItem::leadId))
                .containsExactly(lead.id());
    }

    @Test
    void anUnqualifiedLeadNeedsAWrittenOverrideAndTheReasonIsRecorded() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer(), TestLeads.unqualifiedLead());

        assertThatThrownBy(() -> in(
                        workspace,
                        () -> assignment.handOff(
                                lead.id(), null, workspace.salesRep().accountId(), " ", workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        problem -> assertThat(problem.fields())
                                .extracting(Refusal.FieldError::field)
                                .containsExactly("overrideReason"));
        mvc.perform(post("/leads/{id}/handoff", lead.id())
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("overrideReason", "")
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString(
                                "This lead does not meet the criteria: write why it should go to sales anyway.")));
        assertThat(owner.count("select count(*) from handoff where lead_id = ?", lead.id()))
                .isZero();
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.NEW_INQUIRY);

        String why = "Met the CEO at the trade fair; a second plant is being planned.";
        mvc.perform(post("/leads/{id}/handoff", lead.id())
                        .param("assignee", Long.toString(workspace.salesRep().accountId()))
                        .param("overrideReason", why)
                        .with(user(workspace.marketer()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "handoff.handedOff"));

        Map<String, Object> row = owner.jdbc()
                .sql("select qualified, override_reason, status from handoff where lead_id = ?")
                .param(lead.id())
                .query()
                .singleRow();
        assertThat(row).containsEntry("qualified", false).containsEntry("override_reason", why);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = 'HANDED_OFF' and details->'facts'->>'override' = ?",
                        lead.id(),
                        why))
                .isEqualTo(1);
    }

    @Test
    void roundRobinSharesConcurrentHandoffsFairlyAndSkipsRepsWhoAreAwayOrDeactivated() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount first = workspace.salesRep();
        SignedInAccount second = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        SignedInAccount third = in(workspace, () -> workspaces.add("Timo Sales", Role.SALES_REP));
        SignedInAccount away = in(workspace, () -> workspaces.add("Ulla Away", Role.SALES_REP));
        SignedInAccount gone = in(workspace, () -> workspaces.add("Vera Gone", Role.SALES_REP));
        in(workspace, () -> accounts.markAway(away.accountId(), true));
        in(workspace, () -> {
            accounts.deactivate(gone.accountId(), workspace.admin().accountId());
            return null;
        });
        List<Long> leadIds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            leadIds.add(leads.create(workspace.marketer()).id());
        }

        List<Callable<HandoffView>> work = leadIds.stream()
                .<Callable<HandoffView>>map(id ->
                        () -> in(workspace, () -> assignment.handOff(id, null, null, null, workspace.marketer())))
                .toList();
        List<HandoffView> done =
                runTogether(work).stream().map(HandoffTests::value).toList();

        Map<Long, Long> perRep =
                done.stream().collect(Collectors.groupingBy(HandoffView::assigneeId, Collectors.counting()));
        assertThat(perRep)
                .containsOnlyKeys(first.accountId(), second.accountId(), third.accountId())
                .containsValues(4L, 4L, 4L);
        assertThat(done).allMatch(HandoffView::roundRobin);
    }

    @Test
    void roundRobinStopsAtTheAgreedDailyCap() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount second = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        owner.jdbc().sql("""
                        update agreement_version set content = jsonb_set(content, '{roundRobinCapPerDay}', '1')
                        where tenant_id = ? and kind = 'FUNNEL' and status = 'ACTIVE'
                        """).param(workspace.tenantId()).update();
        List<Long> assignees = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            LeadView lead = leads.create(workspace.marketer());
            assignees.add(in(workspace, () -> assignment.handOff(lead.id(), null, null, null, workspace.marketer()))
                    .assigneeId());
        }
        assertThat(assignees).containsExactlyInAnyOrder(workspace.salesRep().accountId(), second.accountId());

        LeadView third = leads.create(workspace.marketer());
        assertThatThrownBy(() ->
                        in(workspace, () -> assignment.handOff(third.id(), null, null, null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        problem -> assertThat(problem.messageCode()).isEqualTo("handoff.noRepAvailable"));
        // Choosing a rep by name is not capped: the cap is for round-robin only.
        assertThat(in(
                                workspace,
                                () -> assignment.handOff(
                                        third.id(), null, second.accountId(), null, workspace.marketer()))
                        .assigneeId())
                .isEqualTo(second.accountId());
    }

    @Test
    void aRepMarksThemselvesAwayAndBackOnTheirQueue() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(post("/sales/away")
                        .param("away", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "queue.markedAway"));
        assertThat(in(workspace, () -> accounts.person(workspace.salesRep().accountId()))
                        .away())
                .isTrue();
        mvc.perform(get("/sales/queue").with(user(workspace.salesRep())))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("You are marked away")));
        mvc.perform(post("/sales/away")
                        .param("away", "false")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "queue.markedBack"));
        assertThat(in(workspace, () -> accounts.person(workspace.salesRep().accountId()))
                        .away())
                .isFalse();
    }

    @Test
    void aRepWhoIsAwayCannotBeChosen() {
        TestWorkspace workspace = workspaces.create();
        in(workspace, () -> accounts.markAway(workspace.salesRep().accountId(), true));
        LeadView lead = leads.create(workspace.marketer());
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> assignment.handOff(
                                lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        problem -> assertThat(problem.fields())
                                .containsExactly(new Refusal.FieldError("assignee", "handoff.repAway")));
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> assignment.handOff(
                                lead.id(), null, workspace.liaison().accountId(), null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        problem -> assertThat(problem.fields())
                                .containsExactly(new Refusal.FieldError("assignee", "handoff.notARep")));
    }

    @Test
    void acceptingMakesTheLeadSalesAcceptedAndTheRepsOwn() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/accept", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashSuccess", "handoff.accepted"));

        LeadView accepted = lead(workspace, lead.id());
        assertThat(accepted.stage()).isEqualTo(Stage.SALES_ACCEPTED);
        assertThat(accepted.ownerId()).isEqualTo(workspace.salesRep().accountId());
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'ACCEPTED'", lead.id()))
                .isEqualTo(1);
        assertThat(events(lead.id(), HandoffActivity.ACCEPTED)).isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.handoffAccepted'",
                        workspace.marketer().accountId()))
                .isEqualTo(1);
    }

    @Test
    void onlyTheRepItWasHandedToDecides() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount other = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/accept", lead.id()).with(user(other)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "handoff.notYours"));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
    }

    @Test
    void rejectingNeedsAReasonFromTheListAndACommentWhereTheReasonAsksForOne() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", "")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Choose a reason from the list.")));
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", "NOT_A_REASON")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", "OTHER")
                        .param("comment", "  ")
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Please describe the reason.")));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(events(lead.id(), HandoffActivity.REJECTED)).isZero();

        mvc.perform(post("/leads/{id}/reject", lead.id())
                        .param("reason", "NO_BUDGET")
                        .param("comment", "Budget frozen until Q3.")
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Rejected (No budget)")));

        LeadView rejected = lead(workspace, lead.id());
        assertThat(rejected.stage()).isEqualTo(Stage.REJECTED);
        assertThat(rejected.ownerId()).isNull();
        Map<String, Object> row = owner.jdbc()
                .sql("select status, reason_code, comment, decided_by from handoff where lead_id = ?")
                .param(lead.id())
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("status", "REJECTED")
                .containsEntry("reason_code", "NO_BUDGET")
                .containsEntry("comment", "Budget frozen until Q3.")
                .containsEntry("decided_by", workspace.salesRep().accountId());
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = 'REJECTED' and details->'facts'->>'reason' = 'NO_BUDGET'",
                        lead.id()))
                .isEqualTo(1);
        EventPublications.awaitCompleted(owner, workspace.tenantId());
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.handoffRejected'",
                        workspace.marketer().accountId()))
                .isEqualTo(1);
        // The marketer sees the rejection with its reason on the lead.
        mvc.perform(get("/leads/{id}", lead.id()).with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("No budget")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Budget frozen until Q3.")));
    }

    @Test
    void twentyConcurrentAcceptsForOneLeadMakeExactlyOneSuccessAndNineteenClearConflicts() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        List<Callable<Integer>> clicks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clicks.add(() -> mvc.perform(post("/leads/{id}/accept", lead.id())
                            .param("version", Long.toString(lead.version()))
                            .header("HX-Request", "true")
                            .with(user(workspace.salesRep()))
                            .with(csrf()))
                    .andReturn()
                    .getResponse()
                    .getStatus());
        }
        List<Integer> statuses =
                runTogether(clicks).stream().map(HandoffTests::value).toList();

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'ACCEPTED'", lead.id()))
                .isEqualTo(1);
        assertThat(events(lead.id(), HandoffActivity.ACCEPTED)).isEqualTo(1);
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
        // A losing click is told what happened, in the row it clicked in.
        mvc.perform(post("/leads/{id}/accept", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This lead changed a moment ago")));
    }

    @Test
    void aRepAcceptingWhileMarketingReassignsEndsWithExactlyOneOfThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        for (int round = 0; round < 5; round++) {
            LeadView lead = given.handedOff(workspace);
            List<Future<Object>> results = runTogether(List.of(
                    () -> in(workspace, () -> {
                        decisions.accept(lead.id(), lead.version(), workspace.salesRep());
                        return "accepted";
                    }),
                    () -> in(
                            workspace,
                            () -> assignment.reassign(
                                    lead.id(),
                                    lead.version(),
                                    sara.accountId(),
                                    "Sven is ill",
                                    workspace.marketer()))));
            List<Object> outcomes = results.stream().map(HandoffTests::outcome).toList();
            assertThat(outcomes.stream().filter(o -> o instanceof Refusal p && p.conflict()))
                    .as(
                            "outcomes %s",
                            outcomes.stream()
                                    .map(o -> o instanceof Refusal p ? p.messageCode() : String.valueOf(o))
                                    .toList())
                    .hasSize(1);
            LeadView after = lead(workspace, lead.id());
            if (outcomes.get(0).equals("accepted")) {
                assertThat(after.stage()).isEqualTo(Stage.SALES_ACCEPTED);
                assertThat(owner.count("select count(*) from handoff where lead_id = ?", lead.id()))
                        .isEqualTo(1);
            } else {
                assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
                assertThat(owner.jdbc()
                                .sql("select assignee_id from handoff where lead_id = ? and status = 'AWAITING'")
                                .param(lead.id())
                                .query(Long.class)
                                .single())
                        .isEqualTo(sara.accountId());
            }
        }
    }

    @Test
    void twoReassignmentsAtOnceEndWithExactlyOneOfThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        SignedInAccount sam = in(workspace, () -> workspaces.add("Sam Sales", Role.SALES_REP));
        for (int round = 0; round < 5; round++) {
            LeadView lead = given.handedOff(workspace);
            List<Future<Object>> results = runTogether(List.of(
                    () -> in(
                            workspace,
                            () -> assignment.reassign(
                                    lead.id(), lead.version(), sara.accountId(), "Sven is ill", workspace.marketer())),
                    () -> in(
                            workspace,
                            () -> assignment.reassign(
                                    lead.id(), lead.version(), sam.accountId(), "Sven is away", workspace.liaison()))));
            List<Object> outcomes = results.stream().map(HandoffTests::outcome).toList();
            assertThat(outcomes.stream().filter(o -> o instanceof HandoffView))
                    .as("outcomes %s", outcomes)
                    .hasSize(1);
            assertThat(outcomes.stream().filter(o -> o instanceof Refusal p && p.conflict()))
                    .as("outcomes %s", outcomes)
                    .hasSize(1);
            long winner = outcomes.stream()
                    .filter(o -> o instanceof HandoffView)
                    .map(o -> ((HandoffView) o).assigneeId())
                    .findFirst()
                    .orElseThrow();
            assertThat(owner.count(
                            "select count(*) from handoff where lead_id = ? and status = 'REASSIGNED'", lead.id()))
                    .isEqualTo(1);
            assertThat(owner.jdbc()
                            .sql("select assignee_id from handoff where lead_id = ? and status = 'AWAITING'")
                            .param(lead.id())
                            .query(Long.class)
                            .single())
                    .isEqualTo(winner);
            assertThat(events(lead.id(), HandoffActivity.REASSIGNED)).isEqualTo(1);
        }
    }

    @Test
    void theLiaisonReturningALeadWhileTheRepAcceptsEndsWithExactlyOneOfThem() throws Exception {
        TestWorkspace workspace = workspaces.create();
        for (int round = 0; round < 5; round++) {
            LeadView lead = given.handedOff(workspace);
            List<Future<Object>> results = runTogether(List.of(
                    () -> in(workspace, () -> {
                        decisions.accept(lead.id(), lead.version(), workspace.salesRep());
                        return "accepted";
                    }),
                    () -> in(workspace, () -> {
                        decisions.returnToMarketing(
                                lead.id(), lead.version(), "Nobody in sales can take it.", workspace.liaison());
                        return "returned";
                    })));
            List<Object> outcomes = results.stream().map(HandoffTests::outcome).toList();
            assertThat(outcomes.stream().filter(o -> o instanceof Refusal p && p.conflict()))
                    .as("outcomes %s", outcomes)
                    .hasSize(1);
            boolean accepted = outcomes.get(0).equals("accepted");
            assertThat(accepted ^ outcomes.get(1).equals("returned"))
                    .as("outcomes %s", outcomes)
                    .isTrue();
            assertThat(lead(workspace, lead.id()).stage())
                    .isEqualTo(accepted ? Stage.SALES_ACCEPTED : Stage.MARKETING_QUALIFIED);
            assertThat(owner.jdbc()
                            .sql("select status from handoff where lead_id = ?")
                            .param(lead.id())
                            .query(String.class)
                            .single())
                    .isEqualTo(accepted ? "ACCEPTED" : "RETURNED");
        }
    }

    @Test
    void aStaleFormIsRefusedAndNothingChanges() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);

        mvc.perform(post("/leads/{id}/accept", lead.id())
                        .param("version", Long.toString(lead.version() - 1))
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "handoff.changed"));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'AWAITING'", lead.id()))
                .isEqualTo(1);
    }

    @Test
    void onlyLeadsStillWithMarketingAreHandedOffAndOnlyOnce() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        assertThatThrownBy(() -> in(
                        workspace,
                        () -> assignment.handOff(
                                lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer())))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        problem -> assertThat(problem.messageCode()).isEqualTo("handoff.alreadyAwaiting"));
        assertThat(owner.count("select count(*) from handoff where lead_id = ?", lead.id()))
                .isEqualTo(1);
    }

    @Test
    void anotherWorkspacesLeadIsNotFoundForEveryHandoffRoute() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        LeadView their = given.handedOff(theirs);

        mvc.perform(get("/leads/{id}/handoff", their.id()).with(user(mine.marketer())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/handoff", their.id())
                        .with(user(mine.marketer()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/accept", their.id())
                        .with(user(mine.salesRep()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/reject", their.id())
                        .param("reason", "NO_BUDGET")
                        .with(user(mine.salesRep()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/sales/queue/{id}/reject", their.id()).with(user(mine.salesRep())))
                .andExpect(status().isNotFound());
        mvc.perform(get("/sales/queue/{id}/reject", their.id())
                        .header("HX-Request", "true")
                        .with(user(mine.salesRep())))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/reassign", their.id())
                        .param("assignee", Long.toString(mine.salesRep().accountId()))
                        .with(user(mine.liaison()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/leads/{id}/stage", their.id())
                        .param("to", "NURTURE")
                        .with(user(mine.liaison()))
                        .with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(lead(theirs, their.id()).stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        // Nor does their handoff show in anyone's queue here.
        mvc.perform(get("/sales/queue").with(user(mine.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString("handoff-" + their.id()))));
    }

    @Test
    void theQueueShowsTheMostUrgentFirstWithItsClock() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView later = given.handedOff(workspace);
        LeadView sooner = given.handedOff(workspace);
        owner.jdbc()
                .sql(
                        "update handoff set handed_at = handed_at - interval '30 days', due_at = now() - interval '2 days',"
                                + " escalate_at = now() + interval '1 day' where lead_id = ?")
                .param(sooner.id())
                .update();

        String page = mvc.perform(get("/sales/queue").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page.indexOf("handoff-" + sooner.id())).isLessThan(page.indexOf("handoff-" + later.id()));
        assertThat(page).contains("1 overdue").contains("Overdue").contains("2 leads await your decision");
    }

    @Test
    void theQueueOpensARowsRejectFormOnDemandAndSaysSoWhenTheLeadNoLongerWaits() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.handedOff(workspace);
        SignedInAccount other = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));

        // The queue carries the button, not the form.
        String queue = mvc.perform(get("/sales/queue").with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(queue)
                .contains("href=\"/sales/queue/" + lead.id() + "/reject\"")
                .doesNotContain("name=\"reason\"");

        // In the page (htmx): the row again, with the reasons, the lead's version and the focus on the reason.
        String row = mvc.perform(get("/sales/queue/{id}/reject", lead.id())
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(row)
                .startsWith("<tr")
                .contains("id=\"handoff-" + lead.id() + "\"")
                .contains("name=\"reason\"")
                .contains("autofocus")
                .contains("No budget")
                .contains("name=\"version\" value=\"" + lead.version() + "\"")
                .doesNotContain("open-reject");

        // Without JavaScript: the lead's reject page, without an error before anything was sent.
        mvc.perform(get("/sales/queue/{id}/reject", lead.id()).with(user(workspace.salesRep())))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"reject-form\"")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(
                                org.hamcrest.Matchers.containsString("Please correct the marked fields"))));

        // Another rep's lead, or one already decided, is not offered for rejection.
        mvc.perform(get("/sales/queue/{id}/reject", lead.id())
                        .header("HX-Request", "true")
                        .with(user(other)))
                .andExpect(status().isConflict())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("changed a moment ago")));
        mvc.perform(post("/leads/{id}/accept", lead.id())
                        .param("version", Long.toString(lead.version()))
                        .with(user(workspace.salesRep()))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/sales/queue/{id}/reject", lead.id())
                        .header("HX-Request", "true")
                        .with(user(workspace.salesRep())))
                .andExpect(status().isConflict())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("changed a moment ago")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("name=\"reason\""))));
        mvc.perform(get("/sales/queue/{id}/reject", lead.id()).with(user(workspace.salesRep())))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("flashError", "handoff.changed"));
        assertThat(lead(workspace, lead.id()).stage()).isEqualTo(Stage.SALES_ACCEPTED);
    }

    static <T> List<Future<T>> runTogether(List<Callable<T>> work) throws InterruptedException {
        return Together.run(work);
    }

    static <T> T value(Future<T> future) {
        return Together.value(future);
    }

    /** The task's result, or the Refusal it ended with. */
    static Object outcome(Future<?> future) {
        try {
            return future.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Refusal problem) {
                return problem;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theParticipantsOfALeadsHandoffsAreWhoHandedItOffAndWhoDecidedEachHandoff() {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        SignedInAccount sara = in(workspace, () -> workspaces.add("Sara Sales", Role.SALES_REP));
        LeadView lead = leads.create(workspace.marketer());
        LeadView untouched = leads.create(workspace.marketer());
        LeadView their = leads.create(other.marketer());
        in(
                workspace,
                () -> assignment.handOff(
                        lead.id(), null, workspace.salesRep().accountId(), null, workspace.marketer()));
        in(workspace, () -> assignment.reassign(lead.id(), null, sara.accountId(), null, workspace.liaison()));
        in(workspace, () -> {
            decisions.reject(lead.id(), null, "NOT_READY", null, sara);
            return null;
        });
        in(other, () -> assignment.handOff(their.id(), null, other.salesRep().accountId(), null, other.marketer()));

        List<Handoffs.Participant> participants =
                in(workspace, () -> handoffs.participants(List.of(lead.id(), untouched.id(), their.id())));

        assertThat(participants)
                .containsExactlyInAnyOrder(
                        new Handoffs.Participant(lead.id(), workspace.marketer().accountId(), Handoffs.Part.HANDED_OFF),
                        new Handoffs.Participant(lead.id(), workspace.liaison().accountId(), Handoffs.Part.REASSIGNED),
                        new Handoffs.Participant(lead.id(), sara.accountId(), Handoffs.Part.REJECTED));
    }
}
