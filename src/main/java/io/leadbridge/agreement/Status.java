package io.leadbridge.agreement;

/** Where a version stands. */
public enum Status {
    DRAFT,
    PROPOSED,
    ACTIVE,
    SUPERSEDED,
    DECLINED,
    WITHDRAWN
}
