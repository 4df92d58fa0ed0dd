package io.leadbridge.webhook;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhook module's part of a person's data: the deliveries whose body is about the lead (the lead as the intake
 * API shows it, comments, rationales), with the endpoint that received each. An erasure replaces such a body's
 * {@code data} with the lead's id and {@code "erased": true}; a delivery still pending then sends that.
 */
@Component
class WebhookPersonalData implements PersonalData {

    /** The deliveries about these leads: the lead in the body, or its id where the lead was gone. */
    private static final String ABOUT = """
            d.tenant_id = ? and (cast(d.body as jsonb) #>> '{data,lead,id}' = any(?)
                                 or cast(d.body as jsonb) #>> '{data,leadId}' = any(?))
            """;

    private final JdbcClient jdbc;

    WebhookPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static String[] ids(Subject subject) {
        return subject.leadIds().stream().map(String::valueOf).toArray(String[]::new);
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of(new Section(
                "webhookDeliveries",
                jdbc.sql("""
                                select d.id, d.endpoint_id, e.url as endpoint_url, d.event_type, d.body, d.created_at,
                                       d.state, d.last_attempt_at
                                from webhook_delivery d
                                join webhook_endpoint e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
                                where """ + " " + ABOUT + " order by d.created_at, d.id")
                        .params(CurrentTenant.require(), ids(subject), ids(subject))
                        .query(Rows::row)
                        .list()));
    }

    @Override
    public void erase(Subject subject) {
        jdbc.sql("""
                        update webhook_delivery d
                        set body = jsonb_set(cast(d.body as jsonb), '{data}', jsonb_build_object(
                            'leadId', coalesce(cast(d.body as jsonb) #> '{data,lead,id}', cast(d.body as jsonb) #> '{data,leadId}'),
                            'erased', true))::text
                        where """ + " " + ABOUT)
                .params(CurrentTenant.require(), ids(subject), ids(subject))
                .update();
    }
}
