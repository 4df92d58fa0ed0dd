package io.leadbridge.funnel;

import io.leadbridge.lead.Actor;
import io.leadbridge.lead.Stage;
import io.leadbridge.timeline.LeadEvent;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * Someone ({@code mover}) moved a lead a step along the funnel, {@code from} → {@code to}, with a {@code note} (or
 * null) and, for a won deal, its {@code dealValue} (else null).
 */
public record LeadStageChanged(
        UUID tenantId, long leadId, Actor mover, Stage from, Stage to, String note, BigDecimal dealValue)
        implements LeadEvent {

    @Override
    public Long actorId() {
        return mover.personId();
    }

    @Override
    public String actorLabel() {
        return mover.label();
    }

    @Override
    public String timelineType() {
        return FunnelManagement.STAGE_CHANGED;
    }
}
