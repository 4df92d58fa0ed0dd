package io.leadbridge.config;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The event publication registry's part of a person's data: a completed publication keeps its event's JSON for a
 * week (comments, rationales and names among its fields), so an erasure deletes the completed publications of the
 * workspace whose event is about one of the leads. Incomplete ones stay: their listener still has to run (and then
 * writes into tables that the erasure already left anonymised — see docs/adr/0015). Nothing to export: what the events
 * said is in the timeline.
 */
@Component
class PublishedEventsPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    PublishedEventsPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of();
    }

    @Override
    public void erase(Subject subject) {
        String tenant = CurrentTenant.require().toString();
        // The events about a lead, and the notifications (PeopleNotified) that link to a page about one.
        jdbc.sql("""
                        delete from event_publication
                        where completion_date is not null
                          and cast(serialized_event as jsonb) ->> 'tenantId' = ?
                          and cast(serialized_event as jsonb) ->> 'leadId' = any(?)
                        """)
                .params(tenant, subject.leadIds().stream().map(String::valueOf).toArray(String[]::new))
                .update();
        jdbc.sql("""
                        delete from event_publication
                        where completion_date is not null
                          and cast(serialized_event as jsonb) ->> 'tenantId' = ?
                          and exists (select 1 from unnest(cast(? as text[])) as p (page)
                                      where strpos(serialized_event, '"link":"' || p.page || '"') > 0
                                         or strpos(serialized_event, '"link":"' || p.page || '#') > 0)
                        """).params(tenant, subject.pagePaths()).update();
    }
}
