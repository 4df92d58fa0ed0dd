package io.leadbridge.lead;

/** The default funnel (the demand waterfall). The funnel module makes it a workspace's own agreement later. */
public enum Stage {
    NEW_INQUIRY,
    NURTURE,
    MARKETING_QUALIFIED,
    AWAITING_ACCEPTANCE,
    SALES_ACCEPTED,
    SALES_QUALIFIED,
    OPPORTUNITY,
    WON,
    LOST,
    DISQUALIFIED
}
