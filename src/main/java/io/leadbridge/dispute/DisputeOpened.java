package io.leadbridge.dispute;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A marketer disputed a rejection with an {@code argument}: the lead moved {@code from} → {@code to} and the liaison
 * decides dispute {@code disputeId}. {@code rejectedBy} is the rep who rejected the lead.
 */
public record DisputeOpened(
        UUID tenantId,
        long leadId,
        Actor marketer,
        Stage from,
        Stage to,
        String argument,
        long disputeId,
        long rejectedBy,
        String leadName)
        implements LeadEvent {

    @Override
    public Long actorId() {
        return marketer.personId();
    }

    @Override
    public String actorLabel() {
        return marketer.label();
    }

    @Override
    public String timelineType() {
        return DisputeManagement.DISPUTED;
    }
}
