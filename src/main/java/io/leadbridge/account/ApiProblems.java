package io.leadbridge.account;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** RFC 9457 answers written before any controller runs (authentication, access). */
final class ApiProblems {

    private ApiProblems() {}

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
