package io.leadbridge.web;

import io.leadbridge.shared.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * A {@link Refusal} no controller turned into its page: under {@code /api/} an RFC 9457 problem naming each wrong field
 * (see {@link ApiRefusals}); a page's refusal is the page's to show, so it goes on as an error. Spring MVC's own errors (wrong method, wrong media type, no such route, bad parameter): under {@code /api/} an RFC
 * 9457 problem, everywhere else the friendly error page of the layout. A path variable of the wrong type
 * ({@code /leads/abc}) names nothing that exists: not found (404), like an id of no lead.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler(Refusal.class)
    ResponseEntity<Object> refused(Refusal refusal, HttpServletRequest request) {
        if (!isApi(request)) {
            throw refusal;
        }
        MessageSource messages = getMessageSource();
        return ApiRefusals.answer(
                refusal, messages == null ? new StaticMessageSource() : messages, LocaleContextHolder.getLocale());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof MethodArgumentTypeMismatchException mismatch
                && mismatch.getParameter().hasParameterAnnotation(PathVariable.class)) {
            Object body = createProblemDetail(ex, HttpStatus.NOT_FOUND, "Not found.", null, null, request);
            return handleExceptionInternal(ex, body, headers, HttpStatus.NOT_FOUND, request);
        }
        return super.handleTypeMismatch(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && isApi(servlet.getRequest())) {
            ResponseEntity<Object> problem = super.handleExceptionInternal(ex, body, headers, statusCode, request);
            return problem == null
                    ? null
                    : ResponseEntity.status(problem.getStatusCode())
                            .headers(problem.getHeaders())
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .body(problem.getBody());
        }
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null) {
            try {
                HttpServletResponse response = servlet.getResponse();
                headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
                response.sendError(statusCode.value());
            } catch (IOException e) {
                // the client went away
            }
        }
        return null;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
