package io.leadbridge.support;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.tenant.CurrentTenant;
import org.springframework.boot.test.context.TestComponent;

/**
 * Leads at a step of their handoff, for an {@link IntegrationTest}: a fresh qualified lead ({@link TestLeads}) that the
 * workspace's marketer handed to a rep, or that the rep then rejected, made through the handoff module's public API as
 * the people would. Each comes back as the lead module shows it afterwards (its stage and version now). Inject it:
 * {@code @Autowired TestHandoffs given;}.
 */
@TestComponent
public class TestHandoffs {

    /** The reason and comment of {@link #rejected(TestWorkspace)}'s rejection. */
    public static final String REJECTION_REASON = "NOT_READY";

    public static final String REJECTION_COMMENT = "Project only next year";

    private final TestLeads leads;
    private final LeadManagement leadManagement;
    private final HandoffAssignment assignment;
    private final HandoffDecisions decisions;

    TestHandoffs(
            TestLeads leads, LeadManagement leadManagement, HandoffAssignment assignment, HandoffDecisions decisions) {
        this.leads = leads;
        this.leadManagement = leadManagement;
        this.assignment = assignment;
        this.decisions = decisions;
    }

    /** A new lead the workspace's marketer handed to {@code rep}: awaiting the rep's decision. */
    public LeadView handedOff(TestWorkspace workspace, SignedInAccount rep) {
        return handedOff(workspace, workspace.marketer(), rep);
    }

    /** A new lead the workspace's marketer handed to the workspace's sales rep: awaiting the rep's decision. */
    public LeadView handedOff(TestWorkspace workspace) {
        return handedOff(workspace, workspace.salesRep());
    }

    /**
     * A new lead handed to the workspace's sales rep and rejected by them, as not ready with the comment "Project only
     * next year": back with marketing, who may dispute the rejection.
     */
    public LeadView rejected(TestWorkspace workspace) {
        return rejected(workspace, workspace.marketer());
    }

    /** As {@link #rejected(TestWorkspace)}, but handed off by {@code handedOffBy} (a marketer) instead. */
    public LeadView rejected(TestWorkspace workspace, SignedInAccount handedOffBy) {
        LeadView lead = handedOff(workspace, handedOffBy, workspace.salesRep());
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> decisions.reject(lead.id(), null, REJECTION_REASON, REJECTION_COMMENT, workspace.salesRep()));
        return lead(workspace, lead.id());
    }

    private LeadView handedOff(TestWorkspace workspace, SignedInAccount by, SignedInAccount rep) {
        LeadView lead = leads.create(workspace.marketer());
        CurrentTenant.callAs(
                workspace.tenantId(), () -> assignment.handOff(lead.id(), null, rep.accountId(), null, by));
        return lead(workspace, lead.id());
    }

    private LeadView lead(TestWorkspace workspace, long id) {
        return CurrentTenant.callAs(workspace.tenantId(), () -> leadManagement.lead(id));
    }
}
