package io.leadbridge.handoff;

import java.util.List;

/**
 * The handoff said no. Either the person's input is wrong ({@link #fields()}, each with a message code), or the
 * action is refused as a whole ({@link #messageCode()}) — {@link #conflict()} when the lead changed meanwhile.
 */
public class HandoffProblem extends RuntimeException {

    public static final String CHANGED = "handoff.changed";

    /** One wrong field and what is wrong with it. */
    public record FieldError(String field, String code) {}

    private final String messageCode;
    private final List<FieldError> fields;

    HandoffProblem(String messageCode, List<FieldError> fields) {
        super(messageCode);
        this.messageCode = messageCode;
        this.fields = List.copyOf(fields);
    }

    static HandoffProblem refused(String messageCode) {
        return new HandoffProblem(messageCode, List.of());
    }

    public static HandoffProblem changed() {
        return refused(CHANGED);
    }

    static HandoffProblem field(String field, String code) {
        return new HandoffProblem(code, List.of(new FieldError(field, code)));
    }

    static HandoffProblem fields(List<FieldError> errors) {
        return new HandoffProblem(errors.get(0).code(), errors);
    }

    public String messageCode() {
        return messageCode;
    }

    public List<FieldError> fields() {
        return fields;
    }

    public boolean conflict() {
        return CHANGED.equals(messageCode);
    }
}
