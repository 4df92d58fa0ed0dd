package io.leadbridge.handoff.web;

import io.leadbridge.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The rep's rejection: a reason of the workspace's list, a comment (which some reasons need), the lead's version as
 * the rep saw it. Whether the reason is one of the list and needs a comment is the decision's own rule.
 */
public class RejectForm {

    /** The longest comment a rejection keeps. */
    static final int COMMENT_MAX = 2000;

    @NotBlank(message = "{handoff.reasonRequired}")
    private String reason;

    @Size(max = COMMENT_MAX, message = "{handoff.commentTooLong}")
    @PlainText(multiline = true)
    private String comment;

    private Long version;

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
