package io.leadbridge.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * One lead in a rep's queue: who it is, the criteria at a glance, and the SLA clock: the business time {@code left}
 * (negative: overdue by), and whether the decision is {@code overdue} (its due time has passed). A lead handed back by
 * the liaison's decision on a dispute carries that decision ({@code handedBackNote}). {@code responseTime} is the
 * business time it was given (handed off to due), so the last quarter of it reads "due soon".
 *
 * <p>{@code assignedByName}: who gave it to this rep when that was not the marketer who handed the lead off (a
 * reassignment, or the liaison's decision that handed it back, then {@code handedBack}); {@code handedAt} is then the
 * moment of that reassignment or decision, and {@code firstHandedAt} when the marketer ({@code handedByName}) first
 * handed it off. Null for a first handoff.
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
        boolean overdue,
        Duration responseTime,
        String assignedByName,
        boolean handedBack,
        Instant firstHandedAt) {

    /** How urgent the decision is: on time, due soon (the last quarter of the response time) or overdue. */
    public enum Urgency {
        ON_TIME,
        DUE_SOON,
        OVERDUE
    }

    public Urgency urgency() {
        if (overdue) {
            return Urgency.OVERDUE;
        }
        return left.multipliedBy(4).compareTo(responseTime) <= 0 ? Urgency.DUE_SOON : Urgency.ON_TIME;
    }

    public boolean dueSoon() {
        return urgency() == Urgency.DUE_SOON;
    }

    public long leftHours() {
        return Math.abs(left.toHours());
    }

    public int leftMinutes() {
        return Math.abs(left.toMinutesPart());
    }
}
