package io.leadbridge.handoff.web;

/** The handoff form: a rep (empty for round-robin), the override reason for an unqualified lead, the lead's version. */
public class HandoffForm {

    private String assignee;
    private String overrideReason;
    private Long version;

    /** The chosen rep's id, or null for round-robin (an id that is not a number is no rep of this workspace). */
    Long assigneeId() {
        return parseId(assignee);
    }

    static Long parseId(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
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
