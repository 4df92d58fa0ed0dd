package io.leadbridge.lead.web;

import io.leadbridge.text.PlainText;
import io.leadbridge.timeline.Comments;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A comment on a lead's thread. One error at a time, as a person fixes them: write something, then only storable
 * characters, then not too much.
 */
@GroupSequence({CommentForm.class, CommentForm.Plain.class, CommentForm.Length.class})
public class CommentForm {

    interface Plain {}

    interface Length {}

    @NotBlank(message = "{comment.required}")
    @PlainText(multiline = true, groups = Plain.class)
    @Size(max = Comments.MAX_LENGTH, message = "{comment.tooLong}", groups = Length.class)
    private String body;

    public String getBody() {
        return body;
    }

    /** Counted and kept without the blank lines and spaces around it, as the thread shows it. */
    public void setBody(String body) {
        this.body = body == null ? null : body.strip();
    }
}
