package io.leadbridge.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A rule of LeadBridge said no. Either the person's input is wrong — {@link #fields()}, each with a message code of
 * the bundles and its arguments — or the action is refused as a whole ({@link #messageCode()}); {@link #conflict()}
 * when someone else changed the thing meanwhile (a page answers 409, as it does for an optimistic lock).
 *
 * <p>One type for every module, so one place turns it into a form's errors at the fields, a flash message or a
 * problem+json body (see {@code io.leadbridge.web.Refusals}).
 */
public class Refusal extends RuntimeException {

    /** One wrong field, the message code saying what is wrong with it, and the code's arguments. */
    public record FieldError(String field, String code, List<Object> arguments) {

        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(code, "code");
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }

        public FieldError(String field, String code) {
            this(field, code, List.of());
        }

        public Object[] argumentArray() {
            return arguments.toArray();
        }
    }

    private final String messageCode;
    private final List<Object> arguments;
    private final List<FieldError> fields;
    private final boolean conflict;

    protected Refusal(String messageCode, List<Object> arguments, List<FieldError> fields, boolean conflict) {
        super(messageCode);
        this.messageCode = Objects.requireNonNull(messageCode, "messageCode");
        this.arguments = List.copyOf(arguments);
        this.fields = List.copyOf(fields);
        this.conflict = conflict;
    }

    /** The action is refused as a whole, for the reason the message code names. */
    public static Refusal refused(String messageCode, Object... arguments) {
        return new Refusal(messageCode, Arrays.asList(arguments), List.of(), false);
    }

    /** Someone acted on the same thing since the person looked: their action is not applied. */
    public static Refusal conflict(String messageCode, Object... arguments) {
        return new Refusal(messageCode, Arrays.asList(arguments), List.of(), true);
    }

    /** One field is wrong. */
    public static Refusal field(String field, String code, Object... arguments) {
        return new Refusal(
                code, Arrays.asList(arguments), List.of(new FieldError(field, code, Arrays.asList(arguments))), false);
    }

    /** Several fields are wrong (at least one). */
    public static Refusal fields(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal of fields names at least one field");
        }
        FieldError first = errors.get(0);
        return new Refusal(first.code(), first.arguments(), errors, false);
    }

    public String messageCode() {
        return messageCode;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }

    /** The wrong fields; empty when the action is refused as a whole. */
    public List<FieldError> fields() {
        return fields;
    }

    /** The first wrong field's name, or null when the action is refused as a whole. */
    public String field() {
        return fields.isEmpty() ? null : fields.get(0).field();
    }

    public boolean conflict() {
        return conflict;
    }
}
