package io.leadbridge.lead;

import io.leadbridge.timeline.FieldChange;
import io.leadbridge.timeline.LeadEvent;
import java.util.List;
import java.util.UUID;

/** Someone ({@code editor}) edited a lead: what changed, field by field. */
public record LeadEdited(UUID tenantId, long leadId, Actor editor, List<FieldChange> changes) implements LeadEvent {

    public LeadEdited {
        changes = List.copyOf(changes);
    }

    @Override
    public Long actorId() {
        return editor.personId();
    }

    @Override
    public String actorLabel() {
        return editor.label();
    }

    @Override
    public String timelineType() {
        return LeadManagement.EDITED;
    }
}
