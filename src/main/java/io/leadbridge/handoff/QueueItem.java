package io.leadbridge.handoff;

import java.time.Duration;
import java.time.Instant;

/** One lead in a rep's queue: who it is, the criteria at a glance, and the SLA clock. */
public record QueueItem(
        long handoffId,
        long leadId,
        long leadVersion,
        String leadName,
        String companyName,
        String industry,
        Integer employees,
        String country,
        Boolean qualifiedNow,
        Integer score,
        boolean qualifiedAtHandoff,
        String overrideReason,
        String handedByName,
        Instant handedAt,
        Instant dueAt,
        Instant escalatedAt,
        Duration left) {

    public boolean overdue() {
        return left.isNegative();
    }

    public long leftHours() {
        return Math.abs(left.toHours());
    }

    public int leftMinutes() {
        return Math.abs(left.toMinutesPart());
    }
}
