package io.leadbridge.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestDatabaseConfiguration;
import io.leadbridge.tenant.CurrentTenant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.modulith.test.Scenario;

/**
 * The handoff module on its own (with the modules it needs) against real PostgreSQL: a rep's decision publishes its
 * typed event with the facts, and the marketer's notification follows after the commit.
 */
// ALL_DEPENDENCIES: handoff's direct dependencies (account, lead, timeline, tenant) need theirs in turn (web's
// PublicBaseUrl for account's pages); criteria is added so a lead is evaluated, and handed off qualified, as in the
// app.
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "criteria")
@Import({TestDatabaseConfiguration.class, OwnerDatabase.class, TestWorkspaces.class, TestLeads.class})
class HandoffModuleTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    OwnerDatabase owner;

    /** A lead the workspace's marketer handed to its rep. */
    LeadView handedOff(TestWorkspace workspace) {
        LeadView lead = leads.create(workspace.marketer());
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> assignment.handOff(
                        lead.id(), lead.version(), workspace.salesRep().accountId(), null, workspace.marketer()));
        return lead;
    }

    long notifications(SignedInAccount recipient, String messageKey, long leadId) {
        return owner.count(
                "select count(*) from notification where recipient_id = ? and message_key = ? and link = ?",
                recipient.accountId(),
                messageKey,
                "/leads/" + leadId);
    }

    @Test
    void acceptingPublishesHandoffAcceptedAndTellsTheMarketer(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = handedOff(workspace);

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.stimulate(() -> decisions.accept(lead.id(), null, rep))
                        .andWaitForStateChange(
                                () -> notifications(workspace.marketer(), "notification.handoffAccepted", lead.id()),
                                count -> count == 1)
                        .andExpect(HandoffAccepted.class)
                        .matching(accepted -> accepted.leadId() == lead.id())
                        .toArriveAndVerify(accepted -> {
                            assertThat(accepted.tenantId()).isEqualTo(workspace.tenantId());
                            assertThat(accepted.rep()).isEqualTo(Actor.person(rep.accountId(), rep.getDisplayName()));
                            assertThat(accepted.from()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
                            assertThat(accepted.to()).isEqualTo(Stage.SALES_ACCEPTED);
                            assertThat(accepted.handedBy())
                                    .isEqualTo(workspace.marketer().accountId());
                            assertThat(accepted.leadName()).isEqualTo(lead.displayName());
                        }));

        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'ACCEPTED'", lead.id()))
                .isEqualTo(1);
        assertThat(owner.count(
                        "select count(*) from lead where id = ? and stage = 'SALES_ACCEPTED' and owner_id = ?",
                        lead.id(),
                        rep.accountId()))
                .isEqualTo(1);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = ?",
                        lead.id(),
                        HandoffActivity.ACCEPTED))
                .isEqualTo(1);
    }

    @Test
    void rejectingPublishesHandoffRejectedAndTellsTheMarketer(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = handedOff(workspace);

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.stimulate(
                                () -> decisions.reject(lead.id(), null, "NOT_READY", "Project only next year", rep))
                        .andWaitForStateChange(
                                () -> notifications(workspace.marketer(), "notification.handoffRejected", lead.id()),
                                count -> count == 1)
                        .andExpect(HandoffRejected.class)
                        .matching(rejected -> rejected.leadId() == lead.id())
                        .toArriveAndVerify(rejected -> {
                            assertThat(rejected.tenantId()).isEqualTo(workspace.tenantId());
                            assertThat(rejected.rep()).isEqualTo(Actor.person(rep.accountId(), rep.getDisplayName()));
                            assertThat(rejected.from()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
                            assertThat(rejected.to()).isEqualTo(Stage.REJECTED);
                            assertThat(rejected.reason()).isEqualTo("NOT_READY");
                            assertThat(rejected.comment()).isEqualTo("Project only next year");
                            assertThat(rejected.handedBy())
                                    .isEqualTo(workspace.marketer().accountId());
                            assertThat(rejected.leadName()).isEqualTo(lead.displayName());
                        }));

        assertThat(owner.count(
                        "select count(*) from handoff where lead_id = ? and status = 'REJECTED'"
                                + " and reason_code = 'NOT_READY' and comment = 'Project only next year'",
                        lead.id()))
                .isEqualTo(1);
        assertThat(owner.count("select count(*) from lead where id = ? and stage = 'REJECTED'", lead.id()))
                .isEqualTo(1);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = ?",
                        lead.id(),
                        HandoffActivity.REJECTED))
                .isEqualTo(1);
    }

    @Test
    void undoingPublishesDecisionUndoneAndTellsTheMarketer(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = handedOff(workspace);
        CurrentTenant.runAs(workspace.tenantId(), () -> decisions.accept(lead.id(), null, rep));

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.stimulate(() -> decisions.undo(lead.id(), rep))
                        .andWaitForStateChange(
                                () -> notifications(workspace.marketer(), "notification.acceptUndone", lead.id()),
                                count -> count == 1)
                        .andExpect(DecisionUndone.class)
                        .matching(undone -> undone.leadId() == lead.id())
                        .toArriveAndVerify((undone, result) -> {
                            assertThat(result).isEqualTo(new HandoffDecisions.Undone(lead.id(), "ACCEPTED"));
                            assertThat(undone.tenantId()).isEqualTo(workspace.tenantId());
                            assertThat(undone.rep()).isEqualTo(Actor.person(rep.accountId(), rep.getDisplayName()));
                            assertThat(undone.from()).isEqualTo(Stage.SALES_ACCEPTED);
                            assertThat(undone.to()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
                            assertThat(undone.undone()).isEqualTo("ACCEPTED");
                            assertThat(undone.handedBy())
                                    .isEqualTo(workspace.marketer().accountId());
                            assertThat(undone.leadName()).isEqualTo(lead.displayName());
                        }));

        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'AWAITING'", lead.id()))
                .isEqualTo(1);
        assertThat(owner.count("select count(*) from lead where id = ? and stage = 'AWAITING_ACCEPTANCE'", lead.id()))
                .isEqualTo(1);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = ?",
                        lead.id(),
                        HandoffActivity.UNDONE))
                .isEqualTo(1);
    }
}
