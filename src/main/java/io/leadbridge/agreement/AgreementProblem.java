package io.leadbridge.agreement;

/** A rule of the agreement said no; {@link #messageCode()} explains it to the person. */
public class AgreementProblem extends RuntimeException {

    private final String messageCode;

    AgreementProblem(String messageCode) {
        super(messageCode);
        this.messageCode = messageCode;
    }

    public String messageCode() {
        return messageCode;
    }
}
