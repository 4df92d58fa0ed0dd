package io.leadbridge.text;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person can read and PostgreSQL can store: no NUL, no other control characters (C0, DEL, C1), no unpaired
 * surrogates, no Unicode non-characters — except tab and line breaks where a field holds several lines ({@code
 * multiline}). Null is fine (other constraints say whether a value is required).
 */
@Documented
@Constraint(validatedBy = PlainTexts.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "{validation.plainText}";

    /** Whether tab and line breaks are allowed (a comment, an argument); otherwise the text is one line. */
    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
