package io.leadbridge.lead;

import java.util.List;

/**
 * Another module's judgement of a lead that must never lag behind its fields (the criteria's evaluation, ADR 0003):
 * the lead module calls every evaluator when it has written new or changed leads, <strong>in the same transaction,
 * before it commits</strong>, so a lead is never seen, listed or handed off without its evaluation, and a failing
 * evaluation rolls the write back. Not an event: it must not run after the commit, nor be retried on its own.
 */
public interface LeadEvaluator {

    /** Evaluates these leads, just created or changed, in the caller's transaction (which must exist). */
    void evaluate(List<Long> leadIds);
}
