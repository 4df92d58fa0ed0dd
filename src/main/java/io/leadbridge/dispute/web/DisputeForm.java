package io.leadbridge.dispute.web;

import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.text.PlainText;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Marketing's dispute of a rejection: the argument the liaison weighs, and the lead's version the marketer saw. One
 * error at a time, in the order a person fixes them: write something, then enough (and not too much), then only
 * storable characters.
 */
@GroupSequence({DisputeForm.class, DisputeForm.Length.class, DisputeForm.Plain.class})
public class DisputeForm {

    interface Length {}

    interface Plain {}

    static final int MAX_ARGUMENT = 4000;

    private Long version;

    @NotBlank(message = "{dispute.argumentRequired}")
    @Size(min = DisputeManagement.MIN_ARGUMENT, message = "{dispute.argumentTooShort}", groups = Length.class)
    @Size(max = MAX_ARGUMENT, message = "{dispute.argumentTooLong}", groups = Length.class)
    @PlainText(multiline = true, groups = Plain.class)
    private String argument;

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public String getArgument() {
        return argument;
    }

    /** Counted and kept without the blank lines and spaces around it. */
    public void setArgument(String argument) {
        this.argument = argument == null ? null : argument.strip();
    }
}
