package io.leadbridge.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * One lead in a rep's queue: who it is, the criteria at a glance, and the SLA clock: the business time {@code left}
 * (negative: overdue by), and whether the decision is {@code overdue} (its due time has passed). A lead handed back by
 * the liaison's decision on a dispute carries that decision ({@code handedBackNote}).
 */
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
        String handedBackNote,
        Duration left,
        boolean overdue) {

    public long leftHours() {
        return Math.abs(left.toHours());
    }

    public int leftMinutes() {
        return Math.abs(left.toMinutesPart());
    }
}
