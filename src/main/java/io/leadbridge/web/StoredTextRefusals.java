package io.leadbridge.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The last line of defence for text: when input that no check caught reaches PostgreSQL and it refuses to store it (a
 * NUL byte, a value longer than its column or than an index allows), the transaction is rolled back and the answer is
 * a 400 — a page, or a problem under {@code /api/} — not a 500. Every form and the API check their fields before this
 * (with the answer at the field); each time this fires it is logged and counted, and {@code HostileInputTests} fails
 * when it does, so a forgotten check is found.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class StoredTextRefusals {

    /**
     * SQL states of a value the database would not store: a character it cannot hold (22021, 22P05), too long for its
     * column (22001) or for an index (54000).
     */
    static final Set<String> REFUSED = Set.of("22021", "22P05", "22001", "54000");

    private static final Logger log = LoggerFactory.getLogger(StoredTextRefusals.class);

    private final AtomicLong refused = new AtomicLong();

    /** How often input reached the database unchecked since the start. */
    public long count() {
        return refused.get();
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> refused(DataAccessException e, HttpServletRequest request, HttpServletResponse response)
            throws DataAccessException, IOException {
        String state = sqlState(e);
        if (state == null || !REFUSED.contains(state)) {
            throw e;
        }
        refused.incrementAndGet();
        log.warn(
                "{} {}: the database refused a value that no check caught (SQL state {})",
                request.getMethod(),
                request.getRequestURI(),
                state);
        if (ProblemDetailsAdvice.isApi(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST,
                    "A value is too long or contains characters that cannot be stored (such as a NUL byte).");
            problem.setTitle("Invalid request");
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        response.sendError(HttpStatus.BAD_REQUEST.value());
        return null;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
