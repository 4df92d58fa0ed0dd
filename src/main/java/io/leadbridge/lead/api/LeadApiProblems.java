package io.leadbridge.lead.api;

import io.leadbridge.lead.Intake;
import io.leadbridge.lead.LeadProblem;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.ApiRefusals;
import io.leadbridge.web.PayloadTooLargeException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Every answer of the API that is not a success is an RFC 9457 problem ({@code application/problem+json}); invalid
 * input names each bad field. Bad input never ends in a 500.
 */
@RestControllerAdvice(assignableTypes = LeadApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class LeadApiProblems extends ResponseEntityExceptionHandler {

    private final MessageSource messages;

    LeadApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    static final URI INVALID = URI.create("https://leadbridge.io/problems/invalid-lead");

    // The lead intake answers its invalid input with 400 (not the 422 of other refusals), as it always has; the
    // errors are the refusal's, worded as every API refusal's are.
    @ExceptionHandler(LeadProblem.Invalid.class)
    ResponseEntity<Object> invalid(LeadProblem.Invalid problem) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid lead",
                "Some fields are not valid.",
                Map.of("errors", errors(problem)));
    }

    @ExceptionHandler(LeadProblem.InvalidRequest.class)
    ResponseEntity<Object> invalidRequest(LeadProblem.InvalidRequest problem) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                "Some fields are not valid.",
                Map.of("errors", errors(problem)));
    }

    private List<Map<String, String>> errors(Refusal refusal) {
        return ApiRefusals.errors(refusal, messages, LocaleContextHolder.getLocale());
    }

    @ExceptionHandler(LeadProblem.Duplicate.class)
    ResponseEntity<Object> duplicate(LeadProblem.Duplicate duplicate) {
        return problem(
                HttpStatus.CONFLICT,
                "Duplicate lead",
                "A lead with this " + duplicate.field() + " exists already in the workspace.",
                Map.of(
                        "field", duplicate.field(),
                        "existingId", duplicate.existingId(),
                        "existingLead", "/api/v1/leads/" + duplicate.existingId()));
    }

    /** A person with this address was erased in the workspace (issue 20): created again only when confirmed. */
    @ExceptionHandler(LeadProblem.ErasedPerson.class)
    ResponseEntity<Object> erasedPerson(LeadProblem.ErasedPerson erased) {
        return problem(
                HttpStatus.CONFLICT,
                "Erased person",
                "A person with this email was erased from the workspace. Send \"confirmErased\": true to create the"
                        + " lead again, only if the person gave new consent or another legal basis applies.",
                Map.of(
                        "code",
                        "erased-person",
                        "field",
                        "email",
                        "errors",
                        List.of(Map.of(
                                "field",
                                "email",
                                "message",
                                "belongs to a person erased from this workspace; confirmErased: true creates the"
                                        + " lead again"))));
    }

    /** Two returns of the same person at once, and this one lost twice: nothing was written; sending it again works. */
    @ExceptionHandler(LeadProblem.ChangedWhileReturning.class)
    ResponseEntity<Object> changedWhileReturning(LeadProblem.ChangedWhileReturning changed) {
        ResponseEntity<Object> answer = problem(
                HttpStatus.CONFLICT,
                "Lead changed meanwhile",
                "The existing lead was changed by another request while this one updated it; nothing was written."
                        + " Send the request again.",
                Map.of(
                        "retryable",
                        true,
                        "existingId",
                        changed.leadId(),
                        "existingLead",
                        "/api/v1/leads/" + changed.leadId()));
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(answer.getBody());
    }

    @ExceptionHandler(Intake.KeyReused.class)
    ResponseEntity<Object> keyReused(Intake.KeyReused e) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Idempotency key reused",
                "This Idempotency-Key (or externalId) was used for a different request. Use a new key for a new"
                        + " request.",
                Map.of());
    }

    @ExceptionHandler(Intake.KeyInFlight.class)
    ResponseEntity<Object> keyInFlight(Intake.KeyInFlight e) {
        ResponseEntity<Object> answer = problem(
                HttpStatus.CONFLICT,
                "Request in progress",
                "A request with this Idempotency-Key is still being processed. Retry in a moment.",
                Map.of("retryable", true));
        return ResponseEntity.status(answer.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(answer.getBody());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "There is no lead with this id.", Map.of());
    }

    /** {@code /api/v1/leads/abc}: an id that is no number names no lead (404, like an unknown id), not a bad request. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            return problem(HttpStatus.NOT_FOUND, "Not found", "There is no lead with this id.", Map.of());
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, "Body too large", tooLarge.getMessage(), Map.of());
            }
        }
        if (cause instanceof DatabindException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    "Some fields have the wrong type.",
                    Map.of("errors", List.of(Map.of("field", field, "message", "has the wrong type or format"))));
        }
        String detail = cause instanceof JacksonException jackson && jackson.getLocation() != null
                ? "The body is not valid JSON (line " + jackson.getLocation().getLineNr() + ", column "
                        + jackson.getLocation().getColumnNr() + ")."
                : "The body is missing or is not valid JSON.";
        return problem(HttpStatus.BAD_REQUEST, "Malformed request", detail, Map.of());
    }

    private static String path(DatabindException mismatch) {
        List<String> parts = new ArrayList<>();
        for (JacksonException.Reference reference : mismatch.getPath()) {
            if (reference.getPropertyName() != null) {
                parts.add((parts.isEmpty() ? "" : ".") + reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                parts.add("[" + reference.getIndex() + "]");
            }
        }
        return String.join("", parts);
    }

    private static ResponseEntity<Object> problem(
            HttpStatus status, String title, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
