package io.leadbridge.lead;

import java.time.Instant;
import java.util.List;

/**
 * One page of the lead list with the cursors to its neighbours, and how many leads match: exactly, or — when the
 * filters are more than the database keeps counts for and more than {@link #countLimit()} leads match — "more than
 * that many", with the database's estimate of the total where it has one (counting every match would cost a large
 * workspace a walk over hundreds of thousands of index entries on every page).
 *
 * @param matching the number of leads that match; when {@link #matchingCapped()}, {@code countLimit + 1}
 * @param matchingCapped whether more than {@link #countLimit()} leads match and they were not all counted
 * @param countLimit how far the list counts its matches exactly
 * @param estimate when capped, the planner's estimate of all the matches, rounded to two significant digits, if it is
 *     above {@link #countLimit()}; null otherwise
 */
public record LeadPage(
        List<Row> rows,
        String previousCursor,
        String nextCursor,
        long matching,
        boolean matchingCapped,
        long countLimit,
        Long estimate) {

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
