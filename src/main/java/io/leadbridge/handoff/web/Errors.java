package io.leadbridge.handoff.web;

import jakarta.validation.ConstraintViolation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.server.ResponseStatusException;

/** A form's errors as handoff's templates show them: field name → message code (the first per field). */
final class Errors {

    private Errors() {}

    static Map<String, String> of(BindingResult result) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (result != null) {
            result.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(), code(e)));
        }
        return errors;
    }

    /**
     * The message code of an error: a refusal's own code, or the code a Bean Validation constraint names as its message
     * ({@code "{handoff.commentTooLong}"}), so both read alike in the templates and in a flash.
     */
    static String code(ObjectError error) {
        if (error.contains(ConstraintViolation.class)) {
            String template = error.unwrap(ConstraintViolation.class).getMessageTemplate();
            if (template.startsWith("{") && template.endsWith("}")) {
                return template.substring(1, template.length() - 1);
            }
        }
        return error.getCode();
    }

    /**
     * A hidden field that does not bind (a version that is no number) comes from no page of ours: a malformed request,
     * answered 400 as it was when the version was a request parameter.
     */
    static void requireBound(BindingResult result) {
        if (result.getFieldErrors().stream().anyMatch(FieldError::isBindingFailure)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
    }
}
