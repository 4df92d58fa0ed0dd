package io.leadbridge.privacy;

import java.time.Instant;
import java.util.List;

/**
 * The leads of the current workspace that retention anonymises: untouched since a moment (neither edited nor given a
 * timeline entry — a handoff, a decision, a comment — since) and resting with marketing for good or for now (nurture,
 * rejected, disqualified), not anonymised yet. Answered by the lead module, which owns the leads and their stages; the
 * preview and the run ask the same query, so the run anonymises what the preview listed.
 */
public interface RetentionCandidates {

    /** A lead retention would anonymise: its stage (a code of the lead module's stages) and its last activity. */
    record Candidate(long leadId, String stage, Instant lastActivity) {}

    /** How many leads are untouched since {@code untouchedSince}. */
    long count(Instant untouchedSince);

    /** The first {@code limit} of them, longest untouched first. */
    List<Candidate> list(Instant untouchedSince, int limit);

    /**
     * The same first {@code limit}, their rows locked until the transaction ends and rows another transaction holds
     * skipped, so two runs at once never take the same lead.
     */
    List<Long> lock(Instant untouchedSince, int limit);
}
