package io.leadbridge.timeline;

import java.util.List;
import java.util.Map;

/**
 * Something happened to a lead. {@code type} is a short code ({@code CREATED}, {@code EDITED}, {@code IMPORTED},
 * {@code STAGE_CHANGED}, and later the handoff's), shown through the message {@code timeline.type.<code>}.
 *
 * @param actorId the person who acted, or null for an API client or the system
 * @param actorLabel how to name the actor when there is no person (an API key's name)
 * @param changes for edits: what changed, field by field
 * @param details further facts worth showing (e.g. the file a lead was imported from)
 */
public record LeadActivity(
        long leadId, String type, Long actorId, String actorLabel, List<Change> changes, Map<String, String> details) {

    public LeadActivity {
        changes = changes == null ? List.of() : List.copyOf(changes);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static LeadActivity of(long leadId, String type, Long actorId, String actorLabel) {
        return new LeadActivity(leadId, type, actorId, actorLabel, List.of(), Map.of());
    }

    /** One field of a lead, before and after. */
    public record Change(String field, String before, String after) {}
}
