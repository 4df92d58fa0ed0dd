package io.leadbridge.handoff.web;

import io.leadbridge.web.FormValues;

/** The handoff form: a rep (empty for round-robin), the override reason for an unqualified lead, the lead's version. */
public class HandoffForm {

    private String assignee;
    private String overrideReason;
    private Long version;

    /** The chosen rep's id, or null for round-robin (an id that is not a number is no rep of this workspace). */
    Long assigneeId() {
        return FormValues.id(assignee);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public String getOverrideReason() {
        return overrideReason;
    }

    public void setOverrideReason(String overrideReason) {
        this.overrideReason = overrideReason;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
