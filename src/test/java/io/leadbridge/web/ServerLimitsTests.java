package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What Tomcat refuses before the application sees it (headers over its limit), through the real server: a problem
 * under {@code /api/} like every API answer, a plain page elsewhere, never a report with a stack trace or the server's
 * version (issue 15, finding 10).
 */
@BrowserTest
class ServerLimitsTests {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anIdempotencyKeyOfTenKilobytesGetsAProblemAnswer() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/leads"))
                        .header("Authorization", "Bearer lb_whatever")
                        .header("Idempotency-Key", "k".repeat(10_000))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":400", "headers are larger than the server accepts");
    }

    @Test
    void aPageRequestWithHugeHeadersGetsAPlainAnswerWithoutAStackTrace() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/leads"))
                        .header("X-Padding", "p".repeat(30_000))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception", "at org.apache", "Apache Tomcat/");
    }
}
