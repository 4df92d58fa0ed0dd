package io.leadbridge.metrics;

import io.leadbridge.lead.LeadCreated;
import io.leadbridge.lead.LeadsCreated;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The intake API's writes by outcome ({@code leadbridge.intake.requests}, tagged {@code request}: single or batch, and
 * {@code outcome}: created, replayed, duplicate, invalid, refused, error), read from the answer's status where it
 * leaves the server, so refusals before the controller (a wrong key, a body too large, the throttle) count too; and
 * the leads created by channel ({@code leadbridge.leads}: form, api, import — an import's rows), from the lead
 * module's events once they committed.
 */
@Configuration(proxyBeanMethods = false)
class IntakeMeters {

    static final String SINGLE = "/api/v1/leads";
    static final String BATCH = "/api/v1/leads/batch";

    @Bean
    FilterRegistrationBean<IntakeOutcomes> intakeOutcomes(MeterRegistry registry) {
        var registration = new FilterRegistrationBean<>(new IntakeOutcomes(registry));
        registration.addUrlPatterns(SINGLE, BATCH);
        // Outside Spring Security and the body limit, so what they refuse is counted.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    LeadsCreatedCounter leadsCreatedCounter(MeterRegistry registry) {
        return new LeadsCreatedCounter(registry);
    }

    static String outcome(int status, boolean replayed) {
        if (replayed) {
            return "replayed";
        }
        if (status >= 200 && status < 300) {
            return "created";
        }
        return switch (status) {
            case 409 -> "duplicate";
            case 400, 422 -> "invalid";
            case 401, 403, 413, 415, 429 -> "refused";
            default -> status >= 500 ? "error" : "other";
        };
    }

    static class IntakeOutcomes extends OncePerRequestFilter {

        private final MeterRegistry registry;

        IntakeOutcomes(MeterRegistry registry) {
            this.registry = registry;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !"POST".equals(request.getMethod());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String kind = request.getRequestURI().endsWith("/batch") ? "batch" : "single";
            boolean failed = true;
            try {
                chain.doFilter(request, response);
                failed = false;
            } finally {
                String outcome = failed
                        ? "error"
                        : outcome(response.getStatus(), "true".equals(response.getHeader("Idempotent-Replayed")));
                Counter.builder("leadbridge.intake.requests")
                        .description("Intake API writes by outcome")
                        .tag("request", kind)
                        .tag("outcome", outcome)
                        .register(registry)
                        .increment();
            }
        }
    }

    /** Leads created, by channel, counted once their transaction committed (see {@link DecisionMeters}). */
    static class LeadsCreatedCounter {

        private final MeterRegistry registry;

        LeadsCreatedCounter(MeterRegistry registry) {
            this.registry = registry;
        }

        @EventListener
        void on(LeadCreated event) {
            count(event.channel().name(), 1);
        }

        @EventListener
        void on(LeadsCreated event) {
            count(event.channel().name(), event.leadIds().size());
        }

        private void count(String channel, int leads) {
            Counter counter = Counter.builder("leadbridge.leads")
                    .description("Leads created, by channel (an import's rows: import)")
                    .tag("channel", channel.toLowerCase(Locale.ROOT))
                    .register(registry);
            DecisionMeters.afterCommit(() -> counter.increment(leads));
        }
    }
}
