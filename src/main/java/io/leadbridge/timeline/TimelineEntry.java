package io.leadbridge.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One line of a lead's timeline, as the lead page shows it. */
public record TimelineEntry(
        long id,
        Instant occurredAt,
        String type,
        String actorName,
        List<FieldChange> changes,
        Map<String, String> details) {}
