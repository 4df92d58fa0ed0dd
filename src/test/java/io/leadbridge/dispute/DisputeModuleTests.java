package io.leadbridge.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
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
 * The dispute module with the modules it needs against real PostgreSQL: opening a dispute publishes {@link
 * DisputeOpened} with its facts, and the liaisons and the rep who rejected the lead are told after the commit.
 */
// ALL_DEPENDENCIES: dispute uses handoff, lead, criteria, account, timeline and the dashboards directly, and those
// need theirs in turn (web's PublicBaseUrl for account's pages, funnel and goal for the dashboards).
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
@Import({TestDatabaseConfiguration.class, OwnerDatabase.class, TestWorkspaces.class, TestLeads.class})
class DisputeModuleTests {

    static final String ARGUMENT = "The rep never called: the budget was confirmed in the webinar follow-up.";

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    HandoffAssignment assignment;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    DisputeManagement disputes;

    @Autowired
    OwnerDatabase owner;

    @Test
    void openingADisputePublishesDisputeOpenedAndTellsTheLiaisonAndTheRep(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount marketer = workspace.marketer();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = leads.create(marketer);
        CurrentTenant.runAs(workspace.tenantId(), () -> {
            assignment.handOff(lead.id(), null, rep.accountId(), null, marketer);
            decisions.reject(lead.id(), null, "NOT_READY", "Project only next year", rep);
        });

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.stimulate(() -> disputes.dispute(lead.id(), null, ARGUMENT, marketer))
                        .andWaitForStateChange(
                                () -> owner.count(
                                        "select count(*) from notification where message_key = 'notification.disputeOpened'"
                                                + " and recipient_id in (?, ?) and link like '/disputes/%'",
                                        workspace.liaison().accountId(), rep.accountId()),
                                count -> count == 2)
                        .andExpect(DisputeOpened.class)
                        .matching(opened -> opened.leadId() == lead.id())
                        .toArriveAndVerify((opened, dispute) -> {
                            assertThat(opened.disputeId()).isEqualTo(dispute.id());
                            assertThat(opened.tenantId()).isEqualTo(workspace.tenantId());
                            assertThat(opened.marketer())
                                    .isEqualTo(Actor.person(marketer.accountId(), marketer.getDisplayName()));
                            assertThat(opened.from()).isEqualTo(Stage.REJECTED);
                            assertThat(opened.to()).isEqualTo(Stage.IN_DISPUTE);
                            assertThat(opened.argument()).isEqualTo(ARGUMENT);
                            assertThat(opened.rejectedBy()).isEqualTo(rep.accountId());
                            assertThat(opened.leadName()).isEqualTo(lead.displayName());
                            assertThat(owner.count(
                                            "select count(*) from dispute where id = ? and lead_id = ? and status = 'OPEN'"
                                                    + " and opened_by = ? and argument = ?",
                                            dispute.id(),
                                            lead.id(),
                                            marketer.accountId(),
                                            ARGUMENT))
                                    .isEqualTo(1);
                            assertThat(owner.count(
                                            "select count(*) from notification where message_key = 'notification.disputeOpened'"
                                                    + " and link = ?",
                                            "/disputes/" + dispute.id()))
                                    .isEqualTo(2);
                        }));

        assertThat(owner.count("select count(*) from lead where id = ? and stage = 'IN_DISPUTE'", lead.id()))
                .isEqualTo(1);
        assertThat(owner.count(
                        "select count(*) from lead_event where lead_id = ? and type = ?",
                        lead.id(),
                        DisputeManagement.DISPUTED))
                .isEqualTo(1);
    }
}
