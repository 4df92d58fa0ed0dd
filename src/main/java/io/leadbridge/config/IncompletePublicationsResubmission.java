package io.leadbridge.config;

import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.TenantEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Retries the listeners that failed (or never finished, say in a crash): every minute, each publication of Spring
 * Modulith's registry that is still incomplete a while after it was published is handed to its listener again, in the
 * event's workspace (docs/adr/0008). The registry itself has no workspace; the workspaces with work waiting are found by
 * plain SQL first, so each resubmission runs in a transaction of its own workspace.
 */
@Component
public class IncompletePublicationsResubmission {

    private static final Logger log = LoggerFactory.getLogger(IncompletePublicationsResubmission.class);

    private final IncompleteEventPublications publications;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration after;

    IncompletePublicationsResubmission(
            IncompleteEventPublications publications,
            JdbcClient jdbc,
            Clock clock,
            @Value("${leadbridge.events.resubmit-after:PT1M}") Duration after) {
        this.publications = publications;
        this.jdbc = jdbc;
        this.clock = clock;
        this.after = after;
    }

    @Scheduled(
            fixedDelayString = "${leadbridge.events.resubmission-interval:PT1M}",
            initialDelayString = "${leadbridge.events.resubmission-interval:PT1M}")
    void resubmit() {
        Instant before = clock.instant().minus(after);
        for (UUID tenant : waiting(before)) {
            try {
                resubmit(tenant, before);
            } catch (RuntimeException e) {
                log.warn("Resubmitting the incomplete event publications of workspace {} failed", tenant, e);
            }
        }
    }

    /** Hands the workspace's publications still incomplete, published before {@code before}, to their listeners again. */
    public void resubmit(UUID tenant, Instant before) {
        CurrentTenant.runAs(
                tenant,
                () -> publications.resubmitIncompletePublications(publication -> of(tenant, publication, before)));
    }

    /** The workspaces with publications still incomplete, published before {@code before}. */
    List<UUID> waiting(Instant before) {
        return jdbc.sql("""
                        select distinct cast(t.tenant as uuid)
                        from event_publication p, lateral (select cast(p.serialized_event as jsonb) ->> 'tenantId') t (tenant)
                        where p.completion_date is null and p.publication_date < ? and t.tenant is not null
                        """)
                .param(java.sql.Timestamp.from(before))
                .query(UUID.class)
                .list();
    }

    private static boolean of(UUID tenant, EventPublication publication, Instant before) {
        return publication.getEvent() instanceof TenantEvent event
                && tenant.equals(event.tenantId())
                && publication.getPublicationDate().isBefore(before);
    }
}
