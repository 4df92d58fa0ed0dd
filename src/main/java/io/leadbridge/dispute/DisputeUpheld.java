package io.leadbridge.dispute;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * The liaison upheld the rejection disputed in {@code disputeId}, with a {@code rationale}: the lead moved {@code from}
 * → {@code to}, rejected again, with marketing. {@code rejectedBy} rejected it; {@code openedBy} disputed it.
 */
public record DisputeUpheld(
        UUID tenantId,
        long leadId,
        Actor liaison,
        Stage from,
        Stage to,
        String rationale,
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
        return DisputeManagement.UPHELD;
    }
}
