package io.leadbridge.agreement;

/** Where a version stands. */
public enum Status {
    DRAFT,
    PROPOSED,
    /** Proposed on a version that is no longer the active one: approving it would undo what was agreed since. */
    OUTDATED,
    ACTIVE,
    SUPERSEDED,
    DECLINED,
    WITHDRAWN
}
