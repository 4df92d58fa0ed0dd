package io.leadbridge.handoff;

import java.time.Duration;
import java.time.Instant;

/**
 * A handoff of a lead as the pages show it, with the business time left until the decision is due ({@code left},
 * negative once overdue) for one still awaiting a decision. {@code assignedByName}: who gave it to this rep when that
 * was not the marketer who handed the lead off (a reassignment, or the liaison's decision that handed it back, then
 * {@code handedBack}); null for a first handoff.
 */
public record HandoffView(
        long id,
        long leadId,
        long assigneeId,
        String assigneeName,
        long handedById,
        String handedByName,
        boolean roundRobin,
        boolean qualified,
        String overrideReason,
        Instant handedAt,
        Instant dueAt,
        Instant escalateAt,
        Status status,
        String decidedByName,
        Instant decidedAt,
        String reasonCode,
        String comment,
        Instant breachedAt,
        Instant escalatedAt,
        Duration left,
        boolean overdue,
        String assignedByName,
        boolean handedBack) {

    public enum Status {
        AWAITING,
        ACCEPTED,
        REJECTED,
        REASSIGNED,
        RETURNED
    }

    public boolean awaiting() {
        return status == Status.AWAITING;
    }

    public boolean escalated() {
        return escalatedAt != null;
    }

    /** Whole business hours left (or overdue by, when negative), for the clock's text. */
    public long leftHours() {
        return left == null ? 0 : Math.abs(left.toHours());
    }

    public int leftMinutes() {
        return left == null ? 0 : Math.abs(left.toMinutesPart());
    }
}
