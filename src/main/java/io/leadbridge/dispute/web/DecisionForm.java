package io.leadbridge.dispute.web;

import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.text.PlainText;
import io.leadbridge.web.FormValues;
import jakarta.validation.GroupSequence;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The liaison's decision on a dispute: uphold or overturn, a rationale both teams read, and (if overturned) the rep the
 * lead goes back to. Storable characters are checked once the rationale is long enough and not too long.
 */
@GroupSequence({DecisionForm.class, DecisionForm.Plain.class})
public class DecisionForm {

    interface Plain {}

    static final int MAX_RATIONALE = 4000;

    @NotNull(message = "{dispute.outcomeRequired}")
    @Pattern(regexp = "UPHOLD|OVERTURN", message = "{dispute.outcomeRequired}")
    private String outcome;

    @NotNull(message = "{dispute.rationaleRequired}")
    @Size(min = DisputeManagement.MIN_RATIONALE, message = "{dispute.rationaleRequired}")
    @Size(max = MAX_RATIONALE, message = "{dispute.rationaleTooLong}")
    @PlainText(multiline = true, groups = Plain.class)
    private String rationale;

    private String assignee;

    /** A fresh form: overturned, the lead goes back to the rep who rejected it unless the liaison picks another. */
    static DecisionForm backTo(long repId) {
        DecisionForm form = new DecisionForm();
        form.setAssignee(Long.toString(repId));
        return form;
    }

    Outcome chosen() {
        return Outcome.valueOf(outcome);
    }

    /** The chosen rep, or null for the rep who rejected the lead. */
    Long assigneeId() {
        return FormValues.id(assignee);
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getRationale() {
        return rationale;
    }

    /** Counted and kept without the blank lines and spaces around it. */
    public void setRationale(String rationale) {
        this.rationale = rationale == null ? null : rationale.strip();
    }

    public String getAssignee() {
        return assignee;
    }

    public void setAssignee(String assignee) {
        this.assignee = assignee;
    }
}
