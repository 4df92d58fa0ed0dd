package io.leadbridge.lead;

/**
 * What a lead sent for a person the workspace has already (the same e-mail address, in any case) does: refused as a
 * duplicate, as it always was, or an update of the existing lead with the fields sent (issue 19).
 */
public enum OnExisting {
    REJECT,
    UPDATE
}
