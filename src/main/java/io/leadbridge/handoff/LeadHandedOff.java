package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A marketer handed a lead to a rep ({@code assignee}, id {@code assigneeId}), chosen or by round-robin: it moved
 * {@code from} → {@code to} and awaits the rep's decision. {@code override} is the reason given for a lead the criteria
 * do not qualify (null for a qualified one); {@code leadName} is how the lead was named at that moment.
 */
public record LeadHandedOff(
        UUID tenantId,
        long leadId,
        Actor marketer,
        Stage from,
        Stage to,
        String assignee,
        boolean roundRobin,
        String override,
        long assigneeId,
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
        return HandoffActivity.HANDED_OFF;
    }
}
