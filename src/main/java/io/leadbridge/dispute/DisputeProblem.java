package io.leadbridge.dispute;

/** A dispute rule said no: {@link #messageCode()} explains it; {@link #field()} names the wrong field, if one is. */
public class DisputeProblem extends RuntimeException {

    private final String messageCode;
    private final String field;

    DisputeProblem(String messageCode, String field) {
        super(messageCode);
        this.messageCode = messageCode;
        this.field = field;
    }

    static DisputeProblem refused(String messageCode) {
        return new DisputeProblem(messageCode, null);
    }

    static DisputeProblem field(String field, String messageCode) {
        return new DisputeProblem(messageCode, field);
    }

    public String messageCode() {
        return messageCode;
    }

    public String field() {
        return field;
    }

    /** Someone acted on the lead or the dispute since the person looked. */
    public boolean conflict() {
        return messageCode.equals("dispute.changed");
    }
}
