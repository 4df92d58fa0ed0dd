package io.leadbridge.timeline;

import java.util.List;
import java.util.Map;

/**
 * The same thing happened to many leads at once (a CSV import): one timeline entry each, written with one set-based
 * insert.
 */
public record LeadActivities(
        List<Long> leadIds, String type, Long actorId, String actorLabel, Map<String, String> details) {

    public LeadActivities {
        leadIds = List.copyOf(leadIds);
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
