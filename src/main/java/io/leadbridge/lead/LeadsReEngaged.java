package io.leadbridge.lead;

import io.leadbridge.lead.LeadManagement.Channel;
import io.leadbridge.timeline.LeadEntriesEvent;
import java.util.List;
import java.util.UUID;

/**
 * Many people the workspace knew came back at once (a batch of the intake API, or a part of a CSV import from the file
 * {@code file}, with "update existing leads"): each lead took the fields sent and was evaluated again. Each entry
 * carries the lead's source and campaign as sent, its name, whether it went back to marketing ({@code backToMarketing}:
 * in nurture and qualifying now), and its changes. On the timeline as "engaged again", one entry per lead.
 */
public record LeadsReEngaged(UUID tenantId, Actor actor, Channel channel, String file, List<Entry> entries)
        implements LeadEntriesEvent {

    public LeadsReEngaged {
        entries = List.copyOf(entries);
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
