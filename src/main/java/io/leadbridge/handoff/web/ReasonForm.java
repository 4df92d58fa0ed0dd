package io.leadbridge.handoff.web;

/**
 * A rejection reason as the admin adds or changes it: its label (the workspace's own reasons only), whether it needs a
 * comment, whether sales may choose it. The list's rules (label length, plain text, unique, one reason stays active)
 * are {@code RejectionReasons}' own.
 */
public class ReasonForm {

    private String label;
    private boolean commentRequired;
    private boolean active;

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public boolean isCommentRequired() {
        return commentRequired;
    }

    public void setCommentRequired(boolean commentRequired) {
        this.commentRequired = commentRequired;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
