package io.leadbridge.lead;

import java.util.List;

/** Why a lead could not be saved. */
public sealed class LeadProblem extends RuntimeException {

    LeadProblem(String message) {
        super(message);
    }

    /** One field that is not right, and why, in the reader's language. */
    public record FieldProblem(String field, String message) {}

    /** Input that breaks a rule Bean Validation cannot see (such as an industry not on the workspace's list). */
    public static final class Invalid extends LeadProblem {
        private final List<FieldProblem> problems;

        Invalid(List<FieldProblem> problems) {
            super("Invalid lead: " + problems);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** A lead with this e-mail address exists already in the workspace. */
    public static final class Duplicate extends LeadProblem {
        private final long existingId;
        private final String existingName;

        Duplicate(long existingId, String existingName) {
            super("Duplicate of lead " + existingId);
            this.existingId = existingId;
            this.existingName = existingName;
        }

        public long existingId() {
            return existingId;
        }

        public String existingName() {
            return existingName;
        }
    }

    /** Someone saved the lead after the form was opened; nothing was overwritten. */
    public static final class ChangedMeanwhile extends LeadProblem {
        private final LeadView current;

        ChangedMeanwhile(LeadView current) {
            super("Lead changed meanwhile");
            this.current = current;
        }

        public LeadView current() {
            return current;
        }
    }
}
