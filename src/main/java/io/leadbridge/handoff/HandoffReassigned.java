package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A marketer or the liaison ({@code by}) gave an awaiting handoff to another rep: from {@code previous} to {@code
 * assignee} (id {@code assigneeId}), with a {@code note} or null. The lead stays {@code from} = {@code to}, awaiting
 * acceptance.
 */
public record HandoffReassigned(
        UUID tenantId,
        long leadId,
        Actor by,
        Stage from,
        Stage to,
        String previous,
        String assignee,
        String note,
        long assigneeId,
        String leadName)
        implements LeadEvent {

    @Override
    public Long actorId() {
        return by.personId();
    }

    @Override
    public String actorLabel() {
        return by.label();
    }

    @Override
    public String timelineType() {
        return HandoffActivity.REASSIGNED;
    }
}
