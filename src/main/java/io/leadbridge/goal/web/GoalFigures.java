package io.leadbridge.goal.web;

import io.leadbridge.web.FormValues;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;

/**
 * The goal form's figures as people type them: amounts in their own notation ({@link FormValues#amount}, which no
 * Bean Validation constraint reads) and a whole percentage. Written here because they check exactly what the goal
 * form has always accepted.
 */
final class GoalFigures {

    private GoalFigures() {}

    /** An amount of money as typed; {@code positive}: more than zero; {@code blankIsZero}: empty means none. */
    @Constraint(validatedBy = AmountCheck.class)
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Amount {

        String message();

        boolean positive() default false;

        boolean blankIsZero() default false;

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A whole number from 0 to 100. */
    @Constraint(validatedBy = PercentCheck.class)
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Percent {

        String message();

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class AmountCheck implements ConstraintValidator<Amount, String> {

        private boolean positive;
        private boolean blankIsZero;

        @Override
        public void initialize(Amount amount) {
            positive = amount.positive();
            blankIsZero = amount.blankIsZero();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (blankIsZero && (value == null || value.isBlank())) {
                return true;
            }
            BigDecimal amount = FormValues.amount(value);
            return amount != null && (!positive || amount.signum() > 0);
        }
    }

    public static class PercentCheck implements ConstraintValidator<Percent, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            Integer percent = percent(value);
            return percent != null && percent >= 0 && percent <= 100;
        }
    }

    /** The whole number typed, or null when it is none. */
    static Integer percent(String value) {
        try {
            return Integer.parseInt(value == null ? "" : value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
