package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A rep rejected a lead handed to them, for the rejection reason {@code reason} (and a {@code comment}, or null): it
 * moved {@code from} → {@code to} and waits for marketing's answer. {@code handedBy} handed it off.
 */
public record HandoffRejected(
        UUID tenantId,
        long leadId,
        Actor rep,
        Stage from,
        Stage to,
        String reason,
        String comment,
        long handedBy,
        String leadName)
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
        return HandoffActivity.REJECTED;
    }
}
