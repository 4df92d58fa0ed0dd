package io.leadbridge.criteria;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.Status;
import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.PurchaseTimeline;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class CriteriaTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    CriteriaManagement criteria;

    @Autowired
    AgreementManagement agreements;

    @Autowired
    Reevaluation reevaluation;

    @Autowired
    OwnerDatabase owner;

    @AfterEach
    void normalBatches() {
        reevaluation.batchSize(Reevaluation.BATCH);
    }

    static Criteria manufacturingInDach() {
        return new Criteria(
                50,
                5000,
                Mode.REQUIRED,
                List.of("MANUFACTURING"),
                Mode.REQUIRED,
                List.of(),
                Mode.OFF,
                List.of("DE", "AT", "CH"),
                Mode.NICE,
                40,
                Mode.NICE,
                Mode.OFF,
                Mode.OFF,
                Horizon.THIS_QUARTER,
                Mode.REQUIRED);
    }

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    LeadView lead(
            TestWorkspace workspace, int employees, String industry, String country, int score, PurchaseTimeline t) {
        LeadInput input = TestLeads.qualifiedLead();
        input.setEmployees(employees);
        input.setIndustry(industry);
        input.setCountry(country);
        input.setEngagementScore(score);
        input.setTimeline(t);
        return leads.create(workspace.marketer(), input);
    }

    @Test
    void aNewWorkspaceStartsWithAnActiveDefaultVersion() {
        TestWorkspace workspace = workspaces.create();

        CriteriaManagement.Version active = in(workspace, criteria::active);

        assertThat(active.agreement().number()).isEqualTo(1);
        assertThat(active.agreement().status()).isEqualTo(Status.ACTIVE);
        assertThat(active.criteria()).isEqualTo(Criteria.defaults());
    }

    @Test
    void onlySomeoneOfTheOtherTeamApprovesAndADeclinedProposalNeverBecomesActive() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount otherMarketer = in(workspace, () -> workspaces.add("Otto Marketer", Role.MARKETER));
        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), "Focus", workspace.marketer()))
                .agreement()
                .id();

        assertThatThrownBy(() ->
                        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, "", workspace.marketer())))
                .isInstanceOf(Refusal.class)
                .hasMessage("agreement.ownProposal");
        assertThatThrownBy(() -> in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, "", otherMarketer)))
                .hasMessage("agreement.otherTeamApproves");
        assertThatThrownBy(
                        () -> in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, "", workspace.liaison())))
                .hasMessage("agreement.liaisonCannotApprove");
        assertThatThrownBy(
                        () -> in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, "", workspace.admin())))
                .isInstanceOf(Refusal.class);

        in(workspace, () -> agreements.decline(Kind.CRITERIA, proposal, "Too narrow", workspace.salesRep()));
        assertThatThrownBy(() ->
                        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, "", workspace.salesRep())))
                .hasMessage("agreement.notOpen");
        assertThat(owner.jdbc()
                        .sql("select status || '|' || decision_comment from agreement_version where id = ?")
                        .param(proposal)
                        .query(String.class)
                        .single())
                .isEqualTo("DECLINED|Too narrow");
        assertThat(in(workspace, criteria::active).agreement().number()).isEqualTo(1);
    }

    @Test
    void someoneInBothTeamsDecidesNeitherTeamsProposal() {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount both = in(workspace, () -> workspaces.add("Bo Both", Role.MARKETER, Role.SALES_REP));
        long marketing = in(workspace, () -> criteria.propose(manufacturingInDach(), "Focus", workspace.marketer()))
                .agreement()
                .id();

        assertThatThrownBy(() -> in(workspace, () -> agreements.approve(Kind.CRITERIA, marketing, "", both)))
                .isInstanceOf(Refusal.class)
                .hasMessage("agreement.bothTeams.MARKETING");
        assertThatThrownBy(() -> in(workspace, () -> agreements.decline(Kind.CRITERIA, marketing, "", both)))
                .hasMessage("agreement.bothTeams.MARKETING");
        in(workspace, () -> agreements.withdraw(Kind.CRITERIA, marketing, workspace.marketer()));

        long sales = in(workspace, () -> criteria.propose(manufacturingInDach(), "Focus", workspace.salesRep()))
                .agreement()
                .id();
        assertThatThrownBy(() -> in(workspace, () -> agreements.approve(Kind.CRITERIA, sales, "", both)))
                .hasMessage("agreement.bothTeams.SALES");
        assertThat(in(workspace, criteria::active).agreement().number()).isEqualTo(1);
        in(workspace, () -> agreements.approve(Kind.CRITERIA, sales, "", workspace.marketer()));
        assertThat(in(workspace, criteria::active).agreement().id()).isEqualTo(sales);
    }

    @Test
    void approvalActivatesTheProposalSupersedesThePreviousAndNotifiesTheProposer() {
        TestWorkspace workspace = workspaces.create();
        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), "Focus", workspace.salesRep()))
                .agreement()
                .id();
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.proposalWaiting'",
                        workspace.marketer().accountId()))
                .isOne();

        in(
                workspace,
                () -> agreements.approve(
                        Kind.CRITERIA, proposal, "Agreed in the Monday meeting", workspace.marketer()));

        List<String> states = owner.jdbc()
                .sql(
                        "select number || ':' || status from agreement_version where tenant_id = ? and kind = 'CRITERIA' order by number")
                .param(workspace.tenantId())
                .query(String.class)
                .list();
        assertThat(states).containsExactly("1:SUPERSEDED", "2:ACTIVE");
        assertThat(owner.count(
                        "select count(*) from notification where recipient_id = ? and message_key = 'notification.proposalApproved'",
                        workspace.salesRep().accountId()))
                .isOne();
    }

    @Test
    void theProposerMayWithdraw() {
        TestWorkspace workspace = workspaces.create();
        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), null, workspace.marketer()))
                .agreement()
                .id();

        assertThatThrownBy(
                        () -> in(workspace, () -> agreements.withdraw(Kind.CRITERIA, proposal, workspace.salesRep())))
                .isInstanceOf(Refusal.class);
        in(workspace, () -> agreements.withdraw(Kind.CRITERIA, proposal, workspace.marketer()));

        assertThat(in(workspace, () -> agreements.version(Kind.CRITERIA, proposal))
                        .status())
                .isEqualTo(Status.WITHDRAWN);
    }

    @Test
    void twoApprovalsOfTwoProposalsAtOnceLeaveExactlyOneActiveVersion() throws Exception {
        for (int round = 0; round < 5; round++) {
            TestWorkspace workspace = workspaces.create();
            long first = in(workspace, () -> criteria.propose(manufacturingInDach(), "A", workspace.marketer()))
                    .agreement()
                    .id();
            long second = in(workspace, () -> criteria.propose(Criteria.defaults(), "B", workspace.marketer()))
                    .agreement()
                    .id();
            SignedInAccount secondRep = in(workspace, () -> workspaces.add("Sina Sales", Role.SALES_REP));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Callable<String>> approvals = List.of(
                        () -> approve(workspace, first, workspace.salesRep(), start),
                        () -> approve(workspace, second, secondRep, start));
                List<Future<String>> futures = new ArrayList<>();
                for (Callable<String> approval : approvals) {
                    futures.add(pool.submit(approval));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> future : futures) {
                    outcomes.add(future.get());
                }
                assertThat(outcomes).contains("approved");
            } finally {
                pool.shutdown();
            }
            assertThat(owner.count(
                            "select count(*) from agreement_version where tenant_id = ? and kind = 'CRITERIA' and status = 'ACTIVE'",
                            workspace.tenantId()))
                    .isOne();
        }
    }

    private String approve(TestWorkspace workspace, long id, SignedInAccount rep, CountDownLatch start)
            throws InterruptedException {
        start.await();
        try {
            in(workspace, () -> agreements.approve(Kind.CRITERIA, id, null, rep));
            return "approved";
        } catch (Refusal problem) {
            return problem.messageCode();
        }
    }

    @Test
    void eachLeadIsEvaluatedCriterionByCriterionForRequiredAndNiceToHave() {
        TestWorkspace workspace = workspaces.create();
        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), null, workspace.marketer()))
                .agreement()
                .id();
        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, null, workspace.salesRep()));

        LeadView fits = lead(workspace, 240, "MANUFACTURING", "FR", 20, PurchaseTimeline.NOW);
        LeadView tooSmall = lead(workspace, 40, "MANUFACTURING", "DE", 80, PurchaseTimeline.THIS_QUARTER);
        LeadView unknownTimeline = lead(workspace, 400, "MANUFACTURING", "AT", 90, PurchaseTimeline.UNKNOWN);

        LeadEvaluation fit =
                in(workspace, () -> criteria.evaluationOf(fits.id())).orElseThrow();
        assertThat(fit.qualified()).isTrue();
        assertThat(fit.versionNumber()).isEqualTo(2);
        assertThat(fit.results())
                .extracting(LeadEvaluation.Result::criterion, LeadEvaluation.Result::mode, LeadEvaluation.Result::met)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Criterion.EMPLOYEES, Mode.REQUIRED, true),
                        org.assertj.core.groups.Tuple.tuple(Criterion.INDUSTRY, Mode.REQUIRED, true),
                        org.assertj.core.groups.Tuple.tuple(Criterion.COUNTRY, Mode.NICE, false),
                        org.assertj.core.groups.Tuple.tuple(Criterion.ENGAGEMENT, Mode.NICE, false),
                        org.assertj.core.groups.Tuple.tuple(Criterion.TIMELINE, Mode.REQUIRED, true));
        assertThat(fit.score()).isEqualTo(60);

        LeadEvaluation small =
                in(workspace, () -> criteria.evaluationOf(tooSmall.id())).orElseThrow();
        assertThat(small.qualified()).isFalse();
        assertThat(small.score()).isEqualTo(80);
        assertThat(small.results().get(0).expectation()).isEqualTo("50–5,000");
        assertThat(in(workspace, () -> criteria.evaluationOf(unknownTimeline.id()))
                        .orElseThrow()
                        .qualified())
                .isFalse();
    }

    @Test
    void activatingAVersionReevaluatesAllLeadsInBatches() {
        TestWorkspace workspace = workspaces.create();
        List<LeadView> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(
                    lead(workspace, 100 + i, i % 2 == 0 ? "MANUFACTURING" : "RETAIL", "DE", 50, PurchaseTimeline.NOW));
        }
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and qualified", workspace.tenantId()))
                .isEqualTo(7);
        reevaluation.batchSize(3);

        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), null, workspace.marketer()))
                .agreement()
                .id();
        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, null, workspace.salesRep()));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> in(workspace, criteria::reevaluationProgress)
                        .map(p -> p.status().equals("DONE"))
                        .orElse(false));
        ReevaluationProgress progress =
                in(workspace, criteria::reevaluationProgress).orElseThrow();
        assertThat(progress.total()).isEqualTo(7);
        assertThat(owner.count(
                        "select count(*) from criteria_reevaluation where id = ? and heartbeat_at > started_at",
                        progress.id()))
                .as("each batch notes a heartbeat")
                .isOne();
        assertThat(progress.done()).isEqualTo(7);
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and version_id = ?",
                        workspace.tenantId(),
                        proposal))
                .isEqualTo(7);
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and qualified", workspace.tenantId()))
                .isEqualTo(4);
    }

    /** Each lead's evaluation row as the database holds it: its transaction id (xmin) and its version. */
    java.util.Map<Long, String> rows(TestWorkspace workspace) {
        return owner
                .jdbc()
                .sql("select lead_id, xmin::text || '/' || version_id as row from lead_evaluation where tenant_id = ?")
                .param(workspace.tenantId())
                .query((rs, n) -> java.util.Map.entry(rs.getLong("lead_id"), rs.getString("row")))
                .list()
                .stream()
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue));
    }

    @Test
    void aReevaluationWritesOnlyTheOutcomesThatChangeAndEndsAsAnEvaluationFromScratch() {
        TestWorkspace workspace = workspaces.create();
        // The default criteria: 50–5,000 employees required, a purchase this year required, the rest nice to have.
        LeadView shrinks = lead(workspace, 4500, "RETAIL", "DE", 80, PurchaseTimeline.NOW);
        LeadView justAbove = lead(workspace, 4001, "RETAIL", "DE", 10, PurchaseTimeline.THIS_YEAR);
        LeadView notReady = lead(workspace, 4800, "RETAIL", "DE", 50, PurchaseTimeline.UNKNOWN);
        LeadView small = lead(workspace, 240, "RETAIL", "DE", 50, PurchaseTimeline.NOW);
        LeadView atTheCeiling = lead(workspace, 4000, "RETAIL", "DE", 50, PurchaseTimeline.THIS_QUARTER);
        LeadView tooBig = lead(workspace, 6000, "RETAIL", "DE", 50, PurchaseTimeline.NOW);
        LeadView tooSmall = lead(workspace, 40, "RETAIL", "DE", 5, PurchaseTimeline.UNKNOWN);
        List<LeadView> all = List.of(shrinks, justAbove, notReady, small, atTheCeiling, tooBig, tooSmall);
        long before = in(workspace, () -> criteria.active().agreement().id());
        java.util.Map<Long, String> rowsBefore = rows(workspace);
        reevaluation.batchSize(2);

        Criteria d = Criteria.defaults();
        Criteria ceiling4000 = new Criteria(
                d.employeesMin(),
                4000,
                d.employeesMode(),
                d.industries(),
                d.industriesMode(),
                d.departments(),
                d.departmentsMode(),
                d.countries(),
                d.countriesMode(),
                d.minEngagement(),
                d.engagementMode(),
                d.projectPlannedMode(),
                d.budgetConfirmedMode(),
                d.timelineHorizon(),
                d.timelineMode());
        long proposal = in(workspace, () -> criteria.propose(ceiling4000, null, workspace.marketer()))
                .agreement()
                .id();
        in(workspace, () -> agreements.approve(Kind.CRITERIA, proposal, null, workspace.salesRep()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> in(workspace, criteria::reevaluationProgress)
                        .map(p -> p.status().equals("DONE"))
                        .orElse(false));
        assertThat(in(workspace, criteria::reevaluationProgress).orElseThrow().done())
                .isEqualTo(7);

        java.util.Map<Long, String> rowsAfter = rows(workspace);
        List<Long> changed = List.of(shrinks.id(), justAbove.id(), notReady.id());
        for (LeadView lead : all) {
            if (changed.contains(lead.id())) {
                assertThat(rowsAfter.get(lead.id()))
                        .as("the evaluation of lead %d, whose outcome changed, is written anew", lead.id())
                        .isNotEqualTo(rowsBefore.get(lead.id()))
                        .endsWith("/" + proposal);
            } else {
                assertThat(rowsAfter.get(lead.id()))
                        .as("the evaluation of lead %d, whose outcome stays, is left untouched", lead.id())
                        .isEqualTo(rowsBefore.get(lead.id()))
                        .endsWith("/" + before);
            }
        }
        assertThat(in(workspace, () -> criteria.evaluationOf(shrinks.id()))
                        .orElseThrow()
                        .qualified())
                .isFalse();
        assertThat(in(workspace, () -> criteria.evaluationOf(notReady.id()))
                        .orElseThrow()
                        .score())
                .isEqualTo(40);
        for (LeadView lead : all) {
            LeadEvaluation stored =
                    in(workspace, () -> criteria.evaluationOf(lead.id())).orElseThrow();
            LeadEvaluation fromScratch = in(workspace, () -> criteria.evaluationAgainst(lead.id(), proposal))
                    .orElseThrow();
            assertThat(stored.versionId())
                    .as("lead %d is evaluated against the new version, written anew or not", lead.id())
                    .isEqualTo(proposal);
            assertThat(stored.versionNumber()).isEqualTo(2);
            assertThat(stored.qualified()).isEqualTo(fromScratch.qualified());
            assertThat(stored.score()).isEqualTo(fromScratch.score());
            assertThat(stored.results()).isEqualTo(fromScratch.results());
        }
        assertThat(in(workspace, () -> criteria.evaluationOf(small.id()))
                        .orElseThrow()
                        .results()
                        .get(0)
                        .expectation())
                .isEqualTo("50–4,000");
    }

    @Test
    void anEvaluationTheRunHasNotPassedYetStaysWithItsVersion() {
        TestWorkspace workspace = workspaces.create();
        LeadView first = lead(workspace, 240, "RETAIL", "DE", 50, PurchaseTimeline.NOW);
        LeadView second = lead(workspace, 300, "RETAIL", "DE", 50, PurchaseTimeline.NOW);
        long active = in(workspace, () -> criteria.active().agreement().id());
        long proposal = in(workspace, () -> criteria.propose(manufacturingInDach(), null, workspace.marketer()))
                .agreement()
                .id();
        // The version becomes active, and its run (recorded by hand, not started) has passed the first lead only.
        owner.jdbc()
                .sql("update agreement_version set status = 'SUPERSEDED' where tenant_id = ? and id = ?")
                .params(workspace.tenantId(), active)
                .update();
        owner.jdbc()
                .sql("update agreement_version set status = 'ACTIVE' where tenant_id = ? and id = ?")
                .params(workspace.tenantId(), proposal)
                .update();
        owner.jdbc()
                .sql("insert into criteria_reevaluation (tenant_id, version_id, status, total, done, through_lead_id)"
                        + " values (?, ?, 'FAILED', 2, 1, ?)")
                .params(workspace.tenantId(), proposal, first.id())
                .update();

        assertThat(in(workspace, () -> criteria.evaluationOf(first.id()))
                        .orElseThrow()
                        .versionId())
                .isEqualTo(proposal);
        assertThat(in(workspace, () -> criteria.evaluationOf(second.id()))
                        .orElseThrow()
                        .versionId())
                .isEqualTo(active);
    }

    @Test
    void theWhatIfNumbersEqualADirectCount() {
        TestWorkspace workspace = workspaces.create();
        lead(workspace, 240, "MANUFACTURING", "DE", 50, PurchaseTimeline.NOW); // both
        lead(workspace, 240, "RETAIL", "DE", 50, PurchaseTimeline.NOW); // only now (industry)
        lead(workspace, 30, "MANUFACTURING", "DE", 50, PurchaseTimeline.NOW); // neither (size)
        lead(workspace, 240, "MANUFACTURING", "DE", 50, PurchaseTimeline.THIS_YEAR); // only now (timeline)
        Criteria proposal = manufacturingInDach();

        WhatIf whatIf = in(workspace, () -> criteria.whatIf(proposal, 30));

        assertThat(whatIf.leads()).isEqualTo(4);
        assertThat(whatIf.qualifiedNow())
                .isEqualTo(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and qualified", workspace.tenantId()))
                .isEqualTo(3);
        assertThat(whatIf.qualifiedProposed()).isEqualTo(1);
        assertThat(whatIf.newlyQualified()).isZero();
        assertThat(whatIf.droppingOut()).isEqualTo(2);
        assertThat(whatIf.droppingOutExamples()).hasSize(2);
    }

    @Test
    void anotherWorkspacesVersionsAreInvisible() {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        long proposal = in(theirs, () -> criteria.propose(manufacturingInDach(), null, theirs.marketer()))
                .agreement()
                .id();

        assertThatThrownBy(() -> in(mine, () -> criteria.version(proposal))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> in(mine, () -> agreements.approve(Kind.CRITERIA, proposal, null, mine.salesRep())))
                .isInstanceOf(NotFoundException.class);
        assertThat(in(mine, criteria::history)).hasSize(1);
    }
}
