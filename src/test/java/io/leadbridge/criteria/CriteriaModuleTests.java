package io.leadbridge.criteria;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.agreement.AgreementActivated;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadView;
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
 * The criteria module with the modules it needs against real PostgreSQL: when a criteria version becomes active
 * ({@link AgreementActivated}, published by the agreement module), every lead of the workspace is evaluated again.
 */
// ALL_DEPENDENCIES: criteria's direct dependencies (agreement, account, tenant) need theirs in turn (timeline, web's
// PublicBaseUrl for account's pages). Criteria only implements lead's LeadEvaluator, so lead is not a dependency to
// bootstrap; it is added to have leads to evaluate, with privacy, which lead calls (erased people, the export log).
@ApplicationModuleTest(
        mode = BootstrapMode.ALL_DEPENDENCIES,
        extraIncludes = {"lead", "privacy"})
@Import({TestDatabaseConfiguration.class, OwnerDatabase.class, TestWorkspaces.class, TestLeads.class})
class CriteriaModuleTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    CriteriaManagement criteria;

    @Autowired
    AgreementManagement agreements;

    @Autowired
    OwnerDatabase owner;

    long finishedRuns(TestWorkspace workspace, long versionId) {
        return owner.count(
                "select count(*) from criteria_reevaluation where tenant_id = ? and version_id = ? and status = 'DONE'"
                        + " and total = 2 and done = 2",
                workspace.tenantId(),
                versionId);
    }

    /** A lead in manufacturing (qualified now and under the new criteria) and one in retail (qualified now only). */
    void twoLeads(TestWorkspace workspace) {
        leads.create(workspace.marketer());
        LeadInput retail = TestLeads.qualifiedLead();
        retail.setIndustry("RETAIL");
        LeadView created = leads.create(workspace.marketer(), retail);
        assertThat(owner.count("select count(*) from lead_evaluation where lead_id = ? and qualified", created.id()))
                .isEqualTo(1);
    }

    @Test
    void approvingCriteriaPublishesAgreementActivatedAndReevaluatesEveryLead(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        twoLeads(workspace);
        long proposal = CurrentTenant.callAs(
                        workspace.tenantId(),
                        () -> criteria.propose(CriteriaTests.manufacturingInDach(), null, workspace.marketer()))
                .agreement()
                .id();

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.stimulate(() -> agreements.approve(Kind.CRITERIA, proposal, null, workspace.salesRep()))
                        .andWaitForStateChange(() -> finishedRuns(workspace, proposal), runs -> runs == 1)
                        .andExpect(AgreementActivated.class)
                        .matching(activated -> activated.versionId() == proposal)
                        .toArriveAndVerify(activated -> {
                            assertThat(activated.tenantId()).isEqualTo(workspace.tenantId());
                            assertThat(activated.kind()).isEqualTo(Kind.CRITERIA);
                        }));

        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and version_id = ?",
                        workspace.tenantId(),
                        proposal))
                .isEqualTo(2);
        assertThat(owner.count(
                        "select count(*) from lead_evaluation where tenant_id = ? and qualified", workspace.tenantId()))
                .isEqualTo(1);
    }

    @Test
    void anAgreementActivatedEventAloneStartsTheReevaluation(Scenario scenario) {
        TestWorkspace workspace = workspaces.create();
        twoLeads(workspace);
        long active = CurrentTenant.callAs(workspace.tenantId(), () -> criteria.active())
                .agreement()
                .id();

        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> scenario.publish(new AgreementActivated(workspace.tenantId(), Kind.CRITERIA, active))
                        .andWaitForStateChange(() -> finishedRuns(workspace, active), runs -> runs == 1)
                        .andVerify(runs -> assertThat(owner.count(
                                        "select count(*) from lead_evaluation where tenant_id = ? and version_id = ?"
                                                + " and qualified",
                                        workspace.tenantId(),
                                        active))
                                .isEqualTo(2)));
    }
}
