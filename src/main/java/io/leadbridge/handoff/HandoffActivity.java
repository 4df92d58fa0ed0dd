package io.leadbridge.handoff;

/** The types of the entries handoff writes to a lead's timeline. */
public final class HandoffActivity {

    public static final String HANDED_OFF = "HANDED_OFF";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String REASSIGNED = "REASSIGNED";
    public static final String SLA_BREACHED = "SLA_BREACHED";
    public static final String ESCALATED = "ESCALATED";
    public static final String RETURNED = "RETURNED_TO_MARKETING";
    public static final String UNDONE = "DECISION_UNDONE";

    private HandoffActivity() {}
}
