package io.leadbridge.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publications not yet completed (docs/adr/0008), as a gauge ({@code leadbridge.event.publications.pending},
 * and {@code ...stale}: those pending longer than {@code leadbridge.events.stale-after}) and as the health indicator
 * {@code eventPublications}, part of readiness. One query over the registry's index on {@code completion_date} counts
 * both, at most once per {@code leadbridge.events.count-every} however often Prometheus and the probes ask.
 *
 * <p>A backlog alone keeps the instance UP: listeners catch up, and the registry is shared by every instance, so
 * answering DOWN for a backlog would take the whole cluster out at once. DOWN means stuck: more than {@code
 * leadbridge.events.max-stale} publications pending longer than {@code stale-after} (the resubmission retries every
 * incomplete one each minute; so many that old means the listeners keep failing, and an operator must look).
 */
@Component("eventPublications")
class EventPublicationsBacklog implements HealthIndicator, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(EventPublicationsBacklog.class);

    record Counts(long pending, long stale, long countedAtNanos) {}

    private final JdbcClient jdbc;
    private final Duration staleAfter;
    private final long maxStale;
    private final Duration countEvery;
    private volatile Counts last;

    EventPublicationsBacklog(
            JdbcClient jdbc,
            @Value("${leadbridge.events.stale-after:10m}") Duration staleAfter,
            @Value("${leadbridge.events.max-stale:1000}") long maxStale,
            @Value("${leadbridge.events.count-every:10s}") Duration countEvery) {
        this.jdbc = jdbc;
        this.staleAfter = staleAfter;
        this.maxStale = maxStale;
        this.countEvery = countEvery;
    }

    @Override
    public Health health() {
        Counts counts = counts();
        Health.Builder health = counts.stale() > maxStale ? Health.down() : Health.up();
        return health.withDetail("pending", counts.pending())
                .withDetail("stale", counts.stale())
                .withDetail("staleAfter", staleAfter.toString())
                .withDetail("maxStale", maxStale)
                .build();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leadbridge.event.publications.pending", this, backlog -> backlog.gauge(false))
                .description("Event publications whose listener has not completed yet")
                .register(registry);
        Gauge.builder("leadbridge.event.publications.stale", this, backlog -> backlog.gauge(true))
                .description("Event publications pending longer than leadbridge.events.stale-after")
                .register(registry);
    }

    private double gauge(boolean stale) {
        try {
            Counts counts = counts();
            return stale ? counts.stale() : counts.pending();
        } catch (RuntimeException e) {
            log.debug("Counting the pending event publications failed", e);
            return Double.NaN;
        }
    }

    /** The counts of at most {@code countEvery} ago; one caller at a time asks the database for new ones. */
    Counts counts() {
        Counts counts = last;
        if (fresh(counts)) {
            return counts;
        }
        synchronized (this) {
            counts = last;
            if (fresh(counts)) {
                return counts;
            }
            // event_publication has no row-level security (V30): read without a transaction, with no workspace.
            counts = jdbc.sql("""
                            select count(*) as pending,
                                count(*) filter (where publication_date < now() - make_interval(secs => ?)) as stale
                            from event_publication where completion_date is null
                            """)
                    .param(staleAfter.toSeconds())
                    .query((rs, row) -> new Counts(rs.getLong("pending"), rs.getLong("stale"), System.nanoTime()))
                    .single();
            last = counts;
            return counts;
        }
    }

    private boolean fresh(Counts counts) {
        return counts != null && System.nanoTime() - counts.countedAtNanos() < countEvery.toNanos();
    }

    /** For tests: the next question counts again. */
    void forget() {
        last = null;
    }
}
