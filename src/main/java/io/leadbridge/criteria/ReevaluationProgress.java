package io.leadbridge.criteria;

import java.time.Instant;

/** Where the re-evaluation of all leads after an activation stands. */
public record ReevaluationProgress(
        long id, int versionNumber, String status, int total, int done, Instant startedAt, Instant finishedAt) {

    public int percent() {
        return total == 0 ? 100 : (int) Math.min(100, 100L * done / total);
    }

    public boolean running() {
        return status.equals("RUNNING");
    }
}
