package io.leadbridge.lead;

import java.time.Instant;
import java.util.List;

/**
 * One page of the lead list with the cursors to its neighbours, and how many leads match (counted up to {@link
 * #COUNT_LIMIT}, so a page stays fast on a workspace with a million leads).
 */
public record LeadPage(List<Row> rows, String previousCursor, String nextCursor, long matching) {

    public static final long COUNT_LIMIT = 10_000;

    public long countLimit() {
        return COUNT_LIMIT;
    }

    public boolean matchingCapped() {
        return matching > COUNT_LIMIT;
    }

    /** A line of the list. */
    public record Row(
            long id,
            String name,
            String email,
            String companyName,
            Stage stage,
            String source,
            Integer engagementScore,
            String ownerName,
            Instant createdAt) {}
}
