package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The lead's stage machine: a named move is made only from the stages it is legal from. */
@IntegrationTest
class LeadMovesTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    PlatformTransactionManager transactionManager;

    boolean move(TestWorkspace workspace, LeadMove move) {
        return CurrentTenant.callAs(
                workspace.tenantId(),
                () -> new TransactionTemplate(transactionManager).execute(status -> leadManagement.move(move)));
    }

    static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }

    Map<String, Object> row(long leadId) {
        return owner.jdbc()
                .sql(
                        "select stage, version, owner_id, (select count(*) from lead_event e where e.lead_id = l.id) as events"
                                + " from lead l where id = ?")
                .param(leadId)
                .query()
                .singleRow();
    }

    @Test
    void anIllegalMoveIsRefusedAndChangesNothing() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        Map<String, Object> before = row(lead.id());

        // A new inquiry awaits no decision: a rep cannot accept it.
        LeadMove accept = LeadMove.accept(
                lead.id(), lead.version(), workspace.salesRep().accountId(), actor(workspace.salesRep()));
        assertThatThrownBy(() -> move(workspace, accept)).isInstanceOfSatisfying(Refusal.class, refusal -> {
            assertThat(refusal.messageCode()).isEqualTo("funnel.moveNotAllowed");
            assertThat(refusal.conflict()).isFalse();
        });
        // Nor may a step skip the funnel: a new inquiry is not won.
        LeadMove won = LeadMove.step(
                lead.id(), lead.version(), Stage.WON, OwnerChange.keep(), null, actor(workspace.marketer()));
        assertThatThrownBy(() -> move(workspace, won)).isInstanceOf(Refusal.class);

        assertThat(row(lead.id())).isEqualTo(before);
        assertThat(row(lead.id())).containsEntry("stage", "NEW_INQUIRY");
    }

    @Test
    void aMoveOnAVersionSomeoneElseChangedIsNotMadeAndChangesNothing() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        assertThat(move(workspace, LeadMove.handOff(lead.id(), lead.version(), actor(workspace.marketer()))))
                .isTrue();
        Map<String, Object> before = row(lead.id());

        // The rep saw the lead before it was handed off.
        assertThat(move(
                        workspace,
                        LeadMove.accept(
                                lead.id(),
                                lead.version(),
                                workspace.salesRep().accountId(),
                                actor(workspace.salesRep()))))
                .isFalse();

        assertThat(row(lead.id())).isEqualTo(before);
        assertThat(row(lead.id())).containsEntry("stage", "AWAITING_ACCEPTANCE");
    }

    @Test
    void aLegalMoveMovesTheLeadAndGivesItItsOwner() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        move(workspace, LeadMove.handOff(lead.id(), lead.version(), actor(workspace.marketer())));

        assertThat(move(
                        workspace,
                        LeadMove.accept(
                                lead.id(),
                                lead.version() + 1,
                                workspace.salesRep().accountId(),
                                actor(workspace.salesRep()))))
                .isTrue();

        assertThat(row(lead.id()))
                .containsEntry("stage", "SALES_ACCEPTED")
                .containsEntry("version", lead.version() + 2)
                .containsEntry("owner_id", workspace.salesRep().accountId());
    }

    @Test
    void theStepsAlongTheFunnelEndAtTheTerminalStages() {
        assertThat(LeadMove.steps(Stage.OPPORTUNITY)).contains(Stage.WON);
        assertThat(LeadMove.steps(Stage.WON)).isEmpty();
        assertThat(LeadMove.steps(Stage.AWAITING_ACCEPTANCE)).isEmpty();
    }
}
