package io.leadbridge.lead;

import io.leadbridge.shared.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a lead could not be saved: a {@link Refusal} like every other, whose kinds carry what the lead's pages and the
 * API show besides the message (the existing lead of a duplicate, the lead as saved meanwhile).
 */
public abstract sealed class LeadProblem extends Refusal {

    /** The code of a field error whose only argument is its text, already in the reader's language. */
    public static final String WORDED = "lead.invalidField";

    LeadProblem(String messageCode, List<Object> arguments, List<FieldError> fields, boolean conflict) {
        super(messageCode, arguments, fields, conflict);
    }

    private static List<FieldError> worded(List<FieldProblem> problems) {
        return problems.stream()
                .map(p -> new FieldError(p.field(), WORDED, List.of(p.message())))
                .toList();
    }

    /** One field that is not right, and why, in the reader's language. */
    public record FieldProblem(String field, String message) {}

    /**
     * One field that is not right, as a code of the message bundles and its arguments (positional ones named {@code
     * "0"}, {@code "1"}, …; Bean Validation's by their attribute, such as {@code "max"}), to be put into words in
     * whichever language the reader reads, when it is read.
     */
    record CodedProblem(String field, String code, Map<String, Object> arguments) {

        static CodedProblem of(String field, String code, Object... arguments) {
            Map<String, Object> named = new LinkedHashMap<>();
            for (int i = 0; i < arguments.length; i++) {
                named.put(Integer.toString(i), arguments[i]);
            }
            return new CodedProblem(field, code, named);
        }
    }

    /** Input that breaks a rule Bean Validation cannot see (such as an industry not on the workspace's list). */
    public static final class Invalid extends LeadProblem {
        private final List<FieldProblem> problems;

        public Invalid(List<FieldProblem> problems) {
            super(WORDED, List.of(), worded(problems), false);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** A request that is wrong before it is a lead (a field of the API request outside the lead's own fields). */
    public static final class InvalidRequest extends LeadProblem {
        private final FieldProblem problem;

        public InvalidRequest(String field, String message) {
            super(WORDED, List.of(), worded(List.of(new FieldProblem(field, message))), false);
            this.problem = new FieldProblem(field, message);
        }

        public FieldProblem problem() {
            return problem;
        }
    }

    /** A lead with this e-mail address (or external id) exists already in the workspace. */
    public static final class Duplicate extends LeadProblem {
        private final long existingId;
        private final String existingName;
        private final String field;

        Duplicate(long existingId, String existingName, String field) {
            super(
                    code(field),
                    List.of(existingName),
                    List.of(new FieldError(field, code(field), List.of(existingName))),
                    false);
            this.existingId = existingId;
            this.existingName = existingName;
            this.field = field;
        }

        private static String code(String field) {
            return field.equals("email") ? "lead.duplicate" : "lead.duplicateExternalId";
        }

        /** The field that makes it a duplicate: {@code email} or {@code externalId}. */
        @Override
        public String field() {
            return field;
        }

        public long existingId() {
            return existingId;
        }

        public String existingName() {
            return existingName;
        }
    }

    /**
     * A person with this e-mail address was erased in the workspace (issue 20): a lead for them is created again only
     * when the request confirms it ({@link LeadInput#getConfirmErased()}).
     */
    public static final class ErasedPerson extends LeadProblem {

        public static final String CODE = "lead.erasedPerson";

        ErasedPerson() {
            super(CODE, List.of(), List.of(new FieldError("email", CODE)), false);
        }
    }

    /** Someone saved the lead after the form was opened; nothing was overwritten. */
    public static final class ChangedMeanwhile extends LeadProblem {
        private final LeadView current;

        ChangedMeanwhile(LeadView current) {
            super("lead.changedMeanwhile", List.of(), List.of(), true);
            this.current = current;
        }

        public LeadView current() {
            return current;
        }
    }

    /**
     * The lead that a returning person's data was to update changed while the update was prepared (the same person
     * came back twice at once); nothing was written, and sending it again applies it to the lead as it is now.
     */
    public static final class ChangedWhileReturning extends LeadProblem {
        private final long leadId;

        ChangedWhileReturning(long leadId) {
            super("lead.changedWhileReturning", List.of(), List.of(), true);
            this.leadId = leadId;
        }

        public long leadId() {
            return leadId;
        }
    }
}
