package io.leadbridge.criteria;

import java.util.List;

/**
 * How the leads created in the last {@code days} days fare under a proposal compared with the active version.
 *
 * @param newlyQualified leads that qualify only under the proposal
 * @param droppingOut leads that qualify only under the active version
 */
public record WhatIf(
        int days,
        long leads,
        long qualifiedNow,
        long qualifiedProposed,
        long newlyQualified,
        long droppingOut,
        List<Example> newlyQualifiedExamples,
        List<Example> droppingOutExamples) {

    /** A lead to show as an example. */
    public record Example(long id, String name, String companyName) {}
}
