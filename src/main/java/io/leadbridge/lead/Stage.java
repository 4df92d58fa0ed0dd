package io.leadbridge.lead;

/** The stages of the funnel (the demand waterfall), in order; the funnel agreement says who owns each. */
public enum Stage {
    NEW_INQUIRY,
    NURTURE,
    MARKETING_QUALIFIED,
    AWAITING_ACCEPTANCE,
    /** Rejected by sales; waits for marketing's answer (recycle, disqualify or dispute). */
    REJECTED,
    /** Marketing disputes the rejection; the liaison decides. */
    IN_DISPUTE,
    SALES_ACCEPTED,
    SALES_QUALIFIED,
    OPPORTUNITY,
    WON,
    LOST,
    DISQUALIFIED;

    public boolean terminal() {
        return this == WON || this == LOST || this == DISQUALIFIED;
    }
}
