package io.leadbridge.config;

import io.leadbridge.tenant.CurrentTenant;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps Spring Modulith's event publication registry from piling up: every hour, the publications completed longer ago
 * than {@code leadbridge.events.keep-completed} (a week) are deleted through the registry; the incomplete ones stay
 * until their listener succeeds (docs/adr/0008). Completed publications are kept a while rather than deleted at once
 * (Modulith's {@code completion-mode=delete}) so that what a listener did stays traceable for a few days.
 *
 * <p>The registry deletes in a transaction, and a transaction needs a workspace here; {@code event_publication} has no
 * row-level security, so one delete in the scope of a workspace whose publications are due covers them all.
 */
@Component
public class CompletedPublicationsHousekeeping {

    private final CompletedEventPublications publications;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keep;

    CompletedPublicationsHousekeeping(
            CompletedEventPublications publications,
            JdbcClient jdbc,
            Clock clock,
            @Value("${leadbridge.events.keep-completed:P7D}") Duration keep) {
        this.publications = publications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.keep = keep;
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.events.housekeeping-interval:PT1H}",
            initialDelayString = "${leadbridge.events.housekeeping-interval:PT1H}")
    void deleteOldCompleted() {
        dueIn().ifPresent(workspace ->
                CurrentTenant.runAs(workspace, () -> publications.deletePublicationsOlderThan(keep)));
    }

    /** A workspace with publications completed longer ago than the registry keeps them, if there is any. */
    private Optional<UUID> dueIn() {
        return jdbc.sql("""
                        select cast(cast(serialized_event as jsonb) ->> 'tenantId' as uuid)
                        from event_publication
                        where completion_date < ?
                          and cast(serialized_event as jsonb) ->> 'tenantId' is not null
                        limit 1
                        """)
                .param(Timestamp.from(clock.instant().minus(keep)))
                .query(UUID.class)
                .optional();
    }
}
