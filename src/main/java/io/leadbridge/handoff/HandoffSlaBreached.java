package io.leadbridge.handoff;

import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * The rep ({@code assigneeId}) did not decide on a lead handed to them by {@code handedBy} within the agreed business
 * hours. Noticed by the SLA watch: no actor.
 */
public record HandoffSlaBreached(UUID tenantId, long leadId, long assigneeId, long handedBy) implements LeadEvent {

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
        return HandoffActivity.SLA_BREACHED;
    }
}
