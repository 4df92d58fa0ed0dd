package io.leadbridge.web;

import io.leadbridge.shared.Refusal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A {@link Refusal} as the API answers it: an RFC 9457 problem ({@code application/problem+json}) whose
 * {@code errors} name each wrong field with its message. {@link ProblemDetailsAdvice} answers every refusal under
 * {@code /api/} this way; an API with answers of its own (the lead intake's 400 and 409) builds them from the same
 * {@link #errors}.
 */
public final class ApiRefusals {

    private ApiRefusals() {}

    /** Each wrong field and its message, in the order the refusal names them. */
    public static List<Map<String, String>> errors(Refusal refusal, MessageSource messages, Locale locale) {
        return refusal.fields().stream()
                .map(error -> Map.of(
                        "field",
                        error.field(),
                        "message",
                        messages.getMessage(error.code(), error.argumentArray(), error.code(), locale)))
                .toList();
    }

    /** 409 when someone else changed the thing meanwhile, 422 for a rule the request breaks. */
    static ResponseEntity<Object> answer(Refusal refusal, MessageSource messages, Locale locale) {
        HttpStatus status = refusal.conflict() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status,
                refusal.fields().isEmpty()
                        ? messages.getMessage(refusal.messageCode(), refusal.arguments(), refusal.messageCode(), locale)
                        : "Some fields are not valid.");
        problem.setTitle(refusal.conflict() ? "Changed meanwhile" : "Request refused");
        if (!refusal.fields().isEmpty()) {
            problem.setProperty("errors", errors(refusal, messages, locale));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
