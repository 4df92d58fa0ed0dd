package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.timeline.FieldChange;
import io.leadbridge.timeline.LeadEvent;
import java.util.List;
import java.util.UUID;

/**
 * A person the workspace knew came back (the intake API with {@code onExisting} {@code update}): the lead took the
 * fields sent ({@code changes}, field by field as for an edit), with the {@code source} and {@code campaign} that
 * brought them back, and was evaluated again. {@code backToMarketing} says it was in nurture and qualifies now, so it
 * was marked re-engaged and the marketers are told. On the timeline as "engaged again".
 */
public record LeadReEngaged(
        UUID tenantId,
        long leadId,
        Actor actor,
        Channel channel,
        String source,
        String campaign,
        boolean backToMarketing,
        String leadName,
        List<FieldChange> changes)
        implements LeadEvent {

    public LeadReEngaged {
        changes = List.copyOf(changes);
    }

    @Override
    public Long actorId() {
        return actor.personId();
    }

    @Override
    public String actorLabel() {
        return actor.label();
    }

    @Override
    public String timelineType() {
        return LeadReturns.RE_ENGAGED;
    }
}
