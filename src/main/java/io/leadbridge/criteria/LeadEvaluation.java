package io.leadbridge.criteria;

import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Mode;
import java.time.Instant;
import java.util.List;

/**
 * How a lead fares against a criteria version, criterion by criterion ({@code evaluatedAt}: when this outcome was
 * written; a re-evaluation that finds the same outcome under a new version leaves it, see {@link Reevaluation}).
 */
public record LeadEvaluation(
        long versionId, int versionNumber, boolean qualified, int score, Instant evaluatedAt, List<Result> results) {

    /** One criterion: whether it counts (required or nice to have), what it asks for, and whether the lead meets it. */
    public record Result(Criterion criterion, Mode mode, String expectation, boolean met) {}
}
