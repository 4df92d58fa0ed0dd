package io.leadbridge.account.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A new password must not be one of the most common ones ({@link CommonPasswords}). */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotCommonPassword.Check.class)
@interface NotCommonPassword {

    String message() default "{validation.password.common}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<NotCommonPassword, String> {
        @Override
        public boolean isValid(String password, ConstraintValidatorContext context) {
            return !CommonPasswords.contains(password);
        }
    }
}
