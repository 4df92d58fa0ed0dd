package io.leadbridge.dispute;

import java.time.Instant;

/** A dispute as pages show it: the rejected handoff it contests, marketing's argument, and the liaison's decision. */
public record DisputeView(
        long id,
        long leadId,
        String leadName,
        String companyName,
        long handoffId,
        Long criteriaVersionId,
        long rejectedById,
        String rejectedByName,
        Instant rejectedAt,
        String reasonCode,
        String rejectionComment,
        long openedById,
        String openedByName,
        Instant openedAt,
        String argument,
        Status status,
        String decidedByName,
        Instant decidedAt,
        String rationale,
        String newAssigneeName) {

    public enum Status {
        OPEN,
        UPHELD,
        OVERTURNED
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
