package io.leadbridge.lead;

/** When the lead means to buy, as far as anyone knows. */
public enum PurchaseTimeline {
    NOW,
    THIS_QUARTER,
    THIS_YEAR,
    UNKNOWN
}
