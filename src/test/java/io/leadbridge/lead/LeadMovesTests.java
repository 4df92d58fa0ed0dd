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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    void aLeadReadAfterAMoveInTheSameTransactionIsAtItsNewStageAndVersion() {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());

        LeadView after = CurrentTenant.callAs(
                workspace.tenantId(),
                () -> new TransactionTemplate(transactionManager).execute(status -> {
                    LeadView before = leadManagement.lead(lead.id());
                    assertThat(leadManagement.move(
                                    LeadMove.handOff(lead.id(), before.version(), actor(workspace.marketer()))))
                            .isTrue();
                    return leadManagement.lead(lead.id());
                }));

        assertThat(after.stage()).isEqualTo(Stage.AWAITING_ACCEPTANCE);
        assertThat(after.version()).isEqualTo(lead.version() + 1);
        assertThat(row(lead.id()))
                .containsEntry("stage", "AWAITING_ACCEPTANCE")
                .containsEntry("version", lead.version() + 1);
    }

    @Test
    void aMoveOnALeadThisTransactionReadBeforeSomeoneElseMovedItIsNotMade() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = leads.create(workspace.marketer());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // Asked with the version it read, and asked with the version the database holds by then: neither moves
            // the stale copy this transaction holds.
            for (boolean withCurrentVersion : List.of(false, true)) {
                LeadView before = CurrentTenant.callAs(workspace.tenantId(), () -> leadManagement.lead(lead.id()));
                boolean moved = CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> new TransactionTemplate(transactionManager).execute(status -> {
                            LeadView seen = leadManagement.lead(lead.id());
                            Stage next = seen.stage() == Stage.NURTURE ? Stage.MARKETING_QUALIFIED : Stage.NURTURE;
                            try {
                                other.submit(() -> move(
                                                workspace,
                                                LeadMove.step(
                                                        lead.id(),
                                                        seen.version(),
                                                        next,
                                                        OwnerChange.keep(),
                                                        null,
                                                        actor(workspace.marketer()))))
                                        .get(30, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return leadManagement.move(LeadMove.step(
                                    lead.id(),
                                    withCurrentVersion ? seen.version() + 1 : seen.version(),
                                    Stage.DISQUALIFIED,
                                    OwnerChange.keep(),
                                    null,
                                    actor(workspace.marketer())));
                        }));

                assertThat(moved).isFalse();
                assertThat(row(lead.id()))
                        .containsEntry("version", before.version() + 1)
                        .doesNotContainEntry("stage", "DISQUALIFIED");
            }
        } finally {
            other.shutdown();
        }
    }

    @Test
    void ofTwoMovesAtOnceOnTheSameVersionExactlyOneIsMade() throws Exception {
        TestWorkspace workspace = workspaces.create();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                LeadView lead = leads.create(workspace.marketer());
                CyclicBarrier bothRead = new CyclicBarrier(2);
                List<Callable<Boolean>> moves = List.of(Stage.NURTURE, Stage.DISQUALIFIED).stream()
                        .<Callable<Boolean>>map(to -> () -> CurrentTenant.callAs(
                                workspace.tenantId(),
                                () -> new TransactionTemplate(transactionManager).execute(status -> {
                                    LeadView seen = leadManagement.lead(lead.id());
                                    try {
                                        bothRead.await(30, TimeUnit.SECONDS);
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    return leadManagement.move(LeadMove.step(
                                            lead.id(),
                                            seen.version(),
                                            to,
                                            OwnerChange.keep(),
                                            null,
                                            actor(workspace.marketer())));
                                })))
                        .toList();
                List<Boolean> outcomes = new java.util.ArrayList<>();
                for (Future<Boolean> future : pool.invokeAll(moves)) {
                    outcomes.add(future.get());
                }

                assertThat(outcomes).containsExactlyInAnyOrder(true, false);
                Map<String, Object> after = row(lead.id());
                assertThat(after).containsEntry("version", lead.version() + 1);
                assertThat(after.get("stage")).isEqualTo(outcomes.get(0) ? "NURTURE" : "DISQUALIFIED");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theStepsAlongTheFunnelEndAtTheTerminalStages() {
        assertThat(LeadMove.steps(Stage.OPPORTUNITY)).contains(Stage.WON);
        assertThat(LeadMove.steps(Stage.WON)).isEmpty();
        assertThat(LeadMove.steps(Stage.AWAITING_ACCEPTANCE)).isEmpty();
    }
}
