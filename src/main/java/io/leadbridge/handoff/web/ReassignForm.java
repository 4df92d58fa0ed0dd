package io.leadbridge.handoff.web;

import io.leadbridge.text.PlainText;
import io.leadbridge.web.FormValues;
import jakarta.validation.constraints.Size;

/** Giving an awaiting handoff to another rep: the rep, an optional note, the lead's version as the person saw it. */
public class ReassignForm {

    /** The longest note a reassignment keeps. */
    static final int NOTE_MAX = 1000;

    private String assignee;

    @Size(max = NOTE_MAX, message = "{handoff.noteTooLong}")
    @PlainText(multiline = true)
    private String note;

    private Long version;

    /** The chosen rep's id (an id that is not a number is no rep of this workspace). */
    Long assigneeId() {
        return FormValues.id(assignee);
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
