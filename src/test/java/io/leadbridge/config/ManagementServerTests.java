package io.leadbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.support.BrowserTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an operator and a stranger get from the two ports of a real server: Prometheus scrapes the management port
 * without a session, the public port has no metrics, and the public port's health and probes answer as before.
 */
@BrowserTest
class ManagementServerTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void prometheusScrapesTheManagementPortWithoutASessionAndSeesTheIntakeCounted() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        HttpResponse<String> before = get(managementPort, "/actuator/prometheus");
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(before.body()).contains("leadbridge_handoffs_total", "leadbridge_event_publications_pending");

        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/leads"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"a@example.com\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);

        String series = "leadbridge_intake_requests_total{outcome=\"refused\",request=\"single\"}";
        String after = get(managementPort, "/actuator/prometheus").body();
        assertThat(value(after, series) - value(before.body(), series)).isEqualTo(1);
    }

    @Test
    void thePublicPortHasNoMetrics() throws Exception {
        HttpResponse<String> response = get(port, "/actuator/prometheus");

        assertThat(response.statusCode()).isIn(401, 302, 404);
        assertThat(response.body()).doesNotContain("leadbridge_", "jvm_");
    }

    @Test
    void thePublicPortKeepsHealthAndItsProbesWithoutDetails() throws Exception {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(port, path);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
        assertThat(get(port, "/actuator/health/db").statusCode()).isNotEqualTo(200);
    }

    @Test
    void theManagementPortAnswersReadiness() throws Exception {
        HttpResponse<String> response = get(managementPort, "/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void everyAnswerNamesItsRequest() throws Exception {
        HttpResponse<String> given = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("X-Request-Id", "lb-edge-4711")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> insane = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("X-Request-Id", "x".repeat(65))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("lb-edge-4711");
        assertThat(insane.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String scrape, String series) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(series + " "))
                .map(line ->
                        Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0.0);
    }
}
