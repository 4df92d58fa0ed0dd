package io.leadbridge.timeline;

import io.leadbridge.tenant.TenantEvent;
import java.util.List;

/**
 * The same thing happened to many leads at once (a CSV import, a batch of the intake API), as a typed past-tense record
 * at the deciding module's root. The timeline records one entry per lead with a single set-based insert once the
 * decision has committed; the record's own facts (its scalar components but the workspace) go into each entry.
 */
public interface LeadsEvent extends TenantEvent {

    List<Long> leadIds();

    /** The person who acted, or null for an API client or the system. */
    Long actorId();

    /** How to name the actor when there is no person (an API key's name), or null. */
    String actorLabel();

    /** The entries' code on the timeline, shown through the message {@code timeline.type.<code>}. */
    String timelineType();

    /** As {@link LeadEvent#recordedWithTheDecision()}: recorded in the deciding transaction, before it commits. */
    default boolean recordedWithTheDecision() {
        return false;
    }
}
