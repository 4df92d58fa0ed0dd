package io.leadbridge.handoff;

import java.time.Instant;
import java.util.List;

/**
 * A page of a rep's queue, most urgent first; {@code nextAfterDue}/{@code nextAfterId} continue after it (keyset), and
 * the counts cover the whole queue.
 */
public record QueuePage(List<QueueItem> items, long awaiting, long overdue, Instant nextAfterDue, Long nextAfterId) {

    public boolean hasMore() {
        return nextAfterId != null;
    }
}
