package io.leadbridge.agreement.web;

/** A kind's proposal form: its own content, and the reason for the change every proposal gives. */
public interface ProposalForm {

    String getSummary();

    void setSummary(String summary);
}
