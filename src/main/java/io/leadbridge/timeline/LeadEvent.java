package io.leadbridge.timeline;

import io.leadbridge.tenant.TenantEvent;
import java.util.List;

/**
 * Something a module decided about a lead, as a typed past-tense record at that module's root ({@code HandoffAccepted},
 * {@code HandoffRejected}, …). The timeline records it once the decision has committed: the record's own facts (its
 * scalar components but the workspace and the lead) go into the entry's details, and an edit's field changes
 * ({@link #changes()}) beside them, as {@link Timeline} reads them back.
 *
 * <p>The publishers depend on the timeline (they implement this), not the timeline on them: they still use its
 * notifications and live signals, and Spring Modulith allows no cycle between modules.
 */
public interface LeadEvent extends TenantEvent {

    long leadId();

    /** The person who acted, or null for an API client or the system. */
    Long actorId();

    /** How to name the actor when there is no person (an API key's name), or null. */
    String actorLabel();

    /** The entry's code on the timeline, shown through the message {@code timeline.type.<code>}. */
    String timelineType();

    /** For an edit: what changed, field by field; nothing for other events. */
    default List<FieldChange> changes() {
        return List.of();
    }

    /**
     * Whether the timeline records the entry in the deciding transaction itself, before it commits, instead of after
     * the commit: for a decision that only creates (a new lead), whose entry then commits with it or not at all and
     * needs no publication in the event publication registry (docs/adr/0023). False for every other decision.
     */
    default boolean recordedWithTheDecision() {
        return false;
    }
}
