package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.util.UUID;

/**
 * A rep took back their decision ({@code undone}: {@code ACCEPTED} or {@code REJECTED}) within the undo window: the lead
 * moved {@code from} → {@code to} and awaits their decision again. {@code handedBy} handed it off.
 */
public record DecisionUndone(
        UUID tenantId, long leadId, Actor rep, Stage from, Stage to, String undone, long handedBy, String leadName)
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
        return HandoffActivity.UNDONE;
    }

    boolean acceptanceUndone() {
        return HandoffActivity.ACCEPTED.equals(undone);
    }
}
