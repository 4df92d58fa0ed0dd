package io.leadbridge.handoff;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.lead.LeadPageContributor;
import io.leadbridge.lead.LeadView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** On a lead's page: its latest handoff with the clock, the rejection, and the handoff actions open to the reader. */
@Component
class HandoffLeadPanel implements LeadPageContributor {

    private final Handoffs handoffs;
    private final HandoffAssignment assignment;
    private final HandoffDecisions decisions;

    HandoffLeadPanel(Handoffs handoffs, HandoffAssignment assignment, HandoffDecisions decisions) {
        this.handoffs = handoffs;
        this.assignment = assignment;
        this.decisions = decisions;
    }

    @Override
    public Map<String, Object> contribute(LeadView lead, SignedInAccount reader) {
        HandoffView latest = handoffs.latestOf(lead.id()).orElse(null);
        boolean awaiting = latest != null && latest.awaiting();
        boolean canDecide = awaiting && latest.assigneeId() == reader.accountId();
        boolean canHandOff = assignment.mayHandOff(lead, reader);
        boolean canReassign = awaiting && (reader.has(Role.MARKETER) || reader.has(Role.LIAISON));
        Map<String, Object> model = new HashMap<>();
        model.put("handoff", latest);
        model.put("canDecide", canDecide);
        model.put("canHandOff", canHandOff);
        model.put("canReassign", canReassign);
        model.put("canReturn", awaiting && reader.has(Role.LIAISON));
        model.put("reasons", canDecide ? decisions.reasons() : List.of());
        model.put("reps", canHandOff || canReassign ? assignment.reps() : List.of());
        return model;
    }
}
