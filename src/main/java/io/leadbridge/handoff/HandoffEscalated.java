package io.leadbridge.handoff;

import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A lead handed to the rep {@code assigneeId} is still undecided after the agreed escalation time: it goes to the
 * liaisons. Noticed by the SLA watch: no actor.
 */
public record HandoffEscalated(UUID tenantId, long leadId, long assigneeId) implements LeadEvent {

    @Override
    public Long actorId() {
        return null;
    }

    @Override
    public String actorLabel() {
        return null;
    }

    @Override
    public String timelineType() {
        return HandoffActivity.ESCALATED;
    }
}
