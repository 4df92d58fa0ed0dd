package io.leadbridge.config.web;

import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /actuator/health} and its probes on the public port, as before the actuator moved to a port of its own
 * (management.server.port): load balancers, the container's health check and orchestrators ask here. They get the
 * status and its HTTP code (503 when not UP), never details; the full health and the metrics are on the management
 * port. Boot's own "additional paths" for health groups allow a single path segment only ({@code /readyz}), which would
 * have moved the probes every deployment already asks.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class HealthProbes {

    private final HealthEndpointWebExtension health;

    HealthProbes(HealthEndpointWebExtension health) {
        this.health = health;
    }

    @GetMapping(value = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> health() {
        return answer(health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE));
    }

    @GetMapping(value = "/actuator/health/liveness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> liveness() {
        return group("liveness");
    }

    @GetMapping(value = "/actuator/health/readiness", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> readiness() {
        return group("readiness");
    }

    private ResponseEntity<Map<String, String>> group(String name) {
        return answer(health.health(ApiVersion.LATEST, WebServerNamespace.SERVER, SecurityContext.NONE, false, name));
    }

    private static ResponseEntity<Map<String, String>> answer(WebEndpointResponse<HealthDescriptor> response) {
        HealthDescriptor body = response.getBody();
        if (body == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.status(response.getStatus())
                .body(Map.of("status", body.getStatus().getCode()));
    }
}
