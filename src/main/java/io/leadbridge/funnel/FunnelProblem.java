package io.leadbridge.funnel;

/** A move the funnel does not allow; {@link #messageCode()} says why, {@link #field()} where, if a field is wrong. */
public class FunnelProblem extends RuntimeException {

    private final String messageCode;
    private final String field;

    public FunnelProblem(String messageCode) {
        this(messageCode, null);
    }

    public FunnelProblem(String messageCode, String field) {
        super(messageCode);
        this.messageCode = messageCode;
        this.field = field;
    }

    public String messageCode() {
        return messageCode;
    }

    public String field() {
        return field;
    }

    /** The lead moved or changed since the person looked at it. */
    public boolean conflict() {
        return "funnel.changed".equals(messageCode);
    }
}
