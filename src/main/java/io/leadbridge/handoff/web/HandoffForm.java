package io.leadbridge.handoff.web;

import io.leadbridge.text.PlainText;
import io.leadbridge.web.FormValues;
import jakarta.validation.constraints.Size;

/** The handoff form: a rep (empty for round-robin), the override reason for an unqualified lead, the lead's version. */
public class HandoffForm {

    /** The longest override reason a handoff keeps. */
    static final int OVERRIDE_MAX = 1000;

    private String assignee;

    @Size(max = OVERRIDE_MAX, message = "{handoff.overrideTooLong}")
    @PlainText(multiline = true)
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
