package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * The liaison sent an undecided handoff back to marketing with a {@code note}: the lead moved {@code from} → {@code
 * to}. {@code handedBy} had handed it off.
 */
public record LeadReturnedToMarketing(
        UUID tenantId, long leadId, Actor liaison, Stage from, Stage to, String note, long handedBy, String leadName)
        implements LeadEvent {

    @Override
    public Long actorId() {
        return liaison.personId();
    }

    @Override
    public String actorLabel() {
        return liaison.label();
    }

    @Override
    public String timelineType() {
        return HandoffActivity.RETURNED;
    }
}
