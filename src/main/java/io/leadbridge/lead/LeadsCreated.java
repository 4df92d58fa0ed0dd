package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.timeline.LeadsEvent;
import java.util.List;
import java.util.UUID;

/**
 * Many leads came in at once, created by {@code creator}: a batch of the intake API ({@code channel} API) or a part of
 * a CSV import ({@code channel} IMPORT, from the file {@code file}). On the timeline as created or imported.
 */
public record LeadsCreated(UUID tenantId, List<Long> leadIds, Actor creator, Channel channel, String file)
        implements LeadsEvent {

    public LeadsCreated {
        leadIds = List.copyOf(leadIds);
    }

    @Override
    public Long actorId() {
        return creator.personId();
    }

    @Override
    public String actorLabel() {
        return creator.label();
    }

    @Override
    public String timelineType() {
        return channel == Channel.IMPORT ? LeadImports.IMPORTED : LeadManagement.CREATED;
    }

    /** A batch of the intake API has its entries committed with its leads (docs/adr/0023); an import after it. */
    @Override
    public boolean recordedWithTheDecision() {
        return channel != Channel.IMPORT;
    }
}
