package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A rep accepted a lead handed to them: it moved {@code from} → {@code to} and is theirs. {@code handedBy} handed it
 * off; {@code leadName} is how the lead was named at that moment.
 */
public record HandoffAccepted(
        UUID tenantId, long leadId, Actor rep, Stage from, Stage to, long handedBy, String leadName)
        implements LeadEvent {

    @Override
    public Long actorId() {
        return rep.personId();
    }

    @Override
    public String actorLabel() {
        return rep.label();
    }

    @Override
    public String timelineType() {
        return HandoffActivity.ACCEPTED;
    }
}
