package io.leadbridge.agreement;

/** What an agreement is about. */
public enum Kind {
    CRITERIA,
    FUNNEL
}
