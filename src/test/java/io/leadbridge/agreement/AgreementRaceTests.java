package io.leadbridge.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two people acting on the same version at the same moment: exactly one of them wins, the other is told why, as they
 * would be had they acted a moment later.
 */
@IntegrationTest
class AgreementRaceTests {

    private static final int ROUNDS = 5;

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    AgreementManagement agreements;

    @Autowired
    OwnerDatabase owner;

    @Test
    void ofAnApprovalAndAWithdrawalAtOnceExactlyOneWinsAndTheOtherIsToldTheProposalIsNoLongerOpen() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            TestWorkspace workspace = workspaces.create();
            long active = in(workspace, () -> agreements.activeId(Kind.FUNNEL));
            long proposal = propose(workspace);

            List<String> outcomes = atOnce(
                    workspace,
                    () -> agreements.approve(Kind.FUNNEL, proposal, null, workspace.salesRep()),
                    () -> agreements.withdraw(Kind.FUNNEL, proposal, workspace.marketer()));

            assertThat(outcomes).containsExactlyInAnyOrder("done", "agreement.notOpen");
            String expected = outcomes.get(0).equals("done") ? "ACTIVE SUPERSEDED" : "WITHDRAWN ACTIVE";
            assertThat(statuses(proposal, active)).isEqualTo(expected);
        }
    }

    @Test
    void ofAnApprovalAndADeclineAtOnceExactlyOneWinsAndTheOtherIsToldTheProposalIsNoLongerOpen() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            TestWorkspace workspace = workspaces.create();
            long active = in(workspace, () -> agreements.activeId(Kind.FUNNEL));
            long proposal = propose(workspace);
            SignedInAccount secondRep = in(workspace, () -> workspaces.add("Sina Sales", Role.SALES_REP));

            List<String> outcomes = atOnce(
                    workspace,
                    () -> agreements.approve(Kind.FUNNEL, proposal, null, workspace.salesRep()),
                    () -> agreements.decline(Kind.FUNNEL, proposal, "Not like this.", secondRep));

            assertThat(outcomes).containsExactlyInAnyOrder("done", "agreement.notOpen");
            String expected = outcomes.get(0).equals("done") ? "ACTIVE SUPERSEDED" : "DECLINED ACTIVE";
            assertThat(statuses(proposal, active)).isEqualTo(expected);
        }
    }

    @Test
    void aDraftProposedInOneTabAndThrownAwayInAnotherAtOnceIsEitherProposedOrThrownAway() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            TestWorkspace workspace = workspaces.create();
            long active = in(workspace, () -> agreements.activeId(Kind.FUNNEL));
            String content = in(
                    workspace,
                    () -> agreements.active(Kind.FUNNEL).orElseThrow().content());
            long draft = in(
                            workspace,
                            () -> agreements.saveDraft(
                                    Kind.FUNNEL, null, active, content, "Draft", workspace.marketer()))
                    .id();

            List<String> outcomes = atOnce(
                    workspace,
                    () -> agreements.propose(Kind.FUNNEL, draft, active, content, "Now", workspace.marketer()),
                    () -> {
                        agreements.discardDraft(Kind.FUNNEL, draft, workspace.marketer());
                        return null;
                    });

            assertThat(outcomes).containsExactlyInAnyOrder("done", "agreement.notDraft");
            assertThat(owner.jdbc()
                            .sql("select status from agreement_version where id = ?")
                            .param(draft)
                            .query(String.class)
                            .single())
                    .isEqualTo(outcomes.get(0).equals("done") ? "PROPOSED" : "WITHDRAWN");
        }
    }

    @Test
    void aCommentIsAppendedWithItsAuthor() {
        TestWorkspace workspace = workspaces.create();
        long proposal = propose(workspace);

        in(workspace, () -> {
            agreements.comment(Kind.FUNNEL, proposal, "  Can we talk about the cap?  ", workspace.liaison());
            agreements.comment(Kind.FUNNEL, proposal, "Sure.", workspace.marketer());
            return null;
        });

        assertThat(in(workspace, () -> agreements.comments(proposal)))
                .extracting(AgreementComment::authorName, AgreementComment::body)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Lou Liaison", "Can we talk about the cap?"),
                        org.assertj.core.groups.Tuple.tuple("Mara Marketer", "Sure."));
    }

    /** The marketer proposes the active funnel again, on top of the active version. */
    private long propose(TestWorkspace workspace) {
        return in(workspace, () -> {
                    String content =
                            agreements.active(Kind.FUNNEL).orElseThrow().content();
                    return agreements.propose(Kind.FUNNEL, content, "Once more", workspace.marketer());
                })
                .id();
    }

    /** The statuses of the versions, in this order, separated by a space. */
    private String statuses(long... ids) {
        List<String> statuses = new ArrayList<>();
        for (long id : ids) {
            statuses.add(owner.jdbc()
                    .sql("select status from agreement_version where id = ?")
                    .param(id)
                    .query(String.class)
                    .single());
        }
        return String.join(" ", statuses);
    }

    /** Runs both actions at the same moment; each answers "done" or the message code it was refused with. */
    private List<String> atOnce(TestWorkspace workspace, Supplier<?> one, Supplier<?> other) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (Supplier<?> action : List.of(one, other)) {
                Callable<String> attempt = () -> {
                    start.await();
                    try {
                        in(workspace, action);
                        return "done";
                    } catch (Refusal refused) {
                        return refused.messageCode();
                    }
                };
                futures.add(pool.submit(attempt));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }
}
