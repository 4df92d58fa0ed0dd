package io.leadbridge.dispute;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * The liaison overturned the rejection disputed in {@code disputeId}, with a {@code rationale}: the lead moved {@code
 * from} → {@code to}, handed back to sales, to the rep {@code assignee}. {@code rejectedBy} rejected it; {@code openedBy}
 * disputed it.
 */
public record DisputeOverturned(
        UUID tenantId,
        long leadId,
        Actor liaison,
        Stage from,
        Stage to,
        String rationale,
        String assignee,
        long disputeId,
        long rejectedBy,
        long openedBy,
        String leadName)
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
        return DisputeManagement.OVERTURNED;
    }
}
