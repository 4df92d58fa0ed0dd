package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/** A lead came in through {@code channel} (a form, the API), created by {@code creator}. */
public record LeadCreated(UUID tenantId, long leadId, Actor creator, Channel channel) implements LeadEvent {

    @Override
    public Long actorId() {
        return creator.personId();
    }

    @Override
    public String actorLabel() {
        return creator.label();
    }

    @Override
    public String timelineType() {
        return LeadManagement.CREATED;
    }

    /** The lead's first entry commits with the lead (docs/adr/0023). */
    @Override
    public boolean recordedWithTheDecision() {
        return true;
    }
}
