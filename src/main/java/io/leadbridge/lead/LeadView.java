package io.leadbridge.lead;

import java.math.BigDecimal;
import java.time.Instant;

/** A lead as pages and other modules see it. */
public record LeadView(
        long id,
        LeadInput data,
        String displayName,
        Stage stage,
        Long ownerId,
        String ownerName,
        BigDecimal dealValue,
        String createdByName,
        Instant createdAt,
        Instant updatedAt,
        long version,
        Instant reEngagedAt,
        LeadOrigin origin) {

    /** Whether the lead came back and was put in front of marketing again since {@code since}. */
    public boolean reEngagedSince(Instant since) {
        return reEngagedAt != null && !reEngagedAt.isBefore(since);
    }
}
