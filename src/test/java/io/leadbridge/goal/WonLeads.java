package io.leadbridge.goal;

import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;

/** Won leads for the goal's tests, the two ways a lead is won: after marketing's handoff, or by sales alone. */
record WonLeads(
        TestHandoffs given, TestLeads leads, HandoffDecisions decisions, FunnelManagement funnel, OwnerDatabase owner) {

    /** A lead handed off, accepted and won by the rep, through the product's own actions. */
    long throughTheHandoff(TestWorkspace workspace, String value) {
        LeadView lead = given.handedOff(workspace);
        CurrentTenant.callAs(workspace.tenantId(), () -> {
            decisions.accept(lead.id(), null, workspace.salesRep());
            return null;
        });
        for (Stage next : new Stage[] {Stage.SALES_QUALIFIED, Stage.OPPORTUNITY, Stage.WON}) {
            CurrentTenant.callAs(
                    workspace.tenantId(),
                    () -> funnel.move(lead.id(), next, null, new BigDecimal(value), null, workspace.salesRep()));
        }
        return lead.id();
    }

    /** A lead sales found itself (never handed off) and won. */
    long bySalesAlone(TestWorkspace workspace, String value) {
        LeadView lead = leads.create(workspace.marketer());
        owner.jdbc()
                .sql("update lead set stage = 'OPPORTUNITY', owner_id = ? where id = ?")
                .params(workspace.salesRep().accountId(), lead.id())
                .update();
        CurrentTenant.callAs(
                workspace.tenantId(),
                () -> funnel.move(lead.id(), Stage.WON, null, new BigDecimal(value), null, workspace.salesRep()));
        return lead.id();
    }
}
