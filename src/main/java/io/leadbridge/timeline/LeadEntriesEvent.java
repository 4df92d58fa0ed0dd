package io.leadbridge.timeline;

import io.leadbridge.tenant.TenantEvent;
import java.util.List;
import java.util.Map;

/**
 * The same kind of thing happened to many leads at once, each with its own facts and field changes (an import or a
 * batch of the intake API that updated leads which came back), as a typed past-tense record at the deciding module's
 * root. The timeline records one entry per lead with a single set-based insert once the decision has committed: the
 * record's own scalar facts (but the workspace), and each entry's facts and changes beside them.
 */
public interface LeadEntriesEvent extends TenantEvent {

    /** The person who acted, or null for an API client or the system. */
    Long actorId();

    /** How to name the actor when there is no person (an API key's name), or null. */
    String actorLabel();

    /** The entries' code on the timeline, shown through the message {@code timeline.type.<code>}. */
    String timelineType();

    /** One entry per lead. */
    List<Entry> entries();

    /** One lead's entry: its own facts and, as for an edit, what changed field by field. */
    record Entry(long leadId, Map<String, String> facts, List<FieldChange> changes) {

        public Entry {
            facts = Map.copyOf(facts);
            changes = List.copyOf(changes);
        }
    }
}
