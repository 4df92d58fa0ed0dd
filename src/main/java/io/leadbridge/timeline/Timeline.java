package io.leadbridge.timeline;

import io.leadbridge.tenant.CurrentTenant;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Writes and reads lead timelines. */
@Service
public class Timeline {

    static final int PAGE = 200;

    /** Components of a {@link LeadEvent} that say where and who, not what happened. */
    private static final Set<String> NOT_FACTS = Set.of("tenantId", "leadId", "leadIds", "entries");

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ActivityFeed feed;

    Timeline(JdbcClient jdbc, ObjectMapper json, ActivityFeed feed) {
        this.jdbc = jdbc;
        this.json = json;
        this.feed = feed;
    }

    /**
     * Records a module's decision once it has committed, in a transaction of its own in the event's workspace, and
     * announces it on the activity feed after that. Synchronously, on the committing thread: the person who acted sees
     * the entry on the page they are sent to next (docs/adr/0008). Spring Modulith's registry keeps the publication
     * until this succeeded, so a failure is retried, never lost, and never undoes the decision. The tenant module sets
     * the event's workspace before the transaction begins. An event {@link LeadEvent#recordedWithTheDecision() recorded
     * with the decision} is not for this listener (and so gets no publication in the registry).
     */
    @TransactionalEventListener(condition = "!#root.args[0].recordedWithTheDecision()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(LeadEvent event) {
        record(event);
    }

    /**
     * Records a decision that only creates (a new lead) in the deciding transaction, before it commits: the entry
     * commits with the lead or not at all, so it can be neither lost nor left behind, and costs one insert instead of
     * a publication, its two updates and three transactions after the commit (docs/adr/0023).
     */
    @EventListener(condition = "#root.args[0].recordedWithTheDecision()")
    @Transactional(propagation = Propagation.MANDATORY)
    public void withTheDecision(LeadEvent event) {
        record(event);
    }

    private void record(LeadEvent event) {
        String details = details(event, event.changes());
        jdbc.sql("""
                insert into lead_event (tenant_id, lead_id, actor_id, actor_label, type, details)
                values (?, ?, ?, ?, ?, cast(? as jsonb))
                """)
                .params(
                        event.tenantId(),
                        event.leadId(),
                        event.actorId(),
                        event.actorLabel(),
                        event.timelineType(),
                        details)
                .update();
        // The feed's notification is sent when this transaction commits (NOTIFY is transactional).
        feed.announce(event.leadId(), event.timelineType());
    }

    /**
     * Records what happened to many leads at once, one entry each with a single set-based insert, once it has committed
     * (as {@link #on(LeadEvent)}).
     */
    @TransactionalEventListener(condition = "!#root.args[0].recordedWithTheDecision()")
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(LeadsEvent event) {
        record(event);
    }

    /** As {@link #withTheDecision(LeadEvent)}, for many leads at once: one set-based insert in the deciding transaction. */
    @EventListener(condition = "#root.args[0].recordedWithTheDecision()")
    @Transactional(propagation = Propagation.MANDATORY)
    public void withTheDecision(LeadsEvent event) {
        record(event);
    }

    private void record(LeadsEvent event) {
        if (event.leadIds().isEmpty()) {
            return;
        }
        String details = details(event, List.of());
        if (event.leadIds().size() > 1_000) {
            // The foreign-key checks look the new leads up with plans this connection may have cached when the table
            // was small (a sequential scan each): plan them again, for the index.
            jdbc.sql("discard plans").update();
        }
        jdbc.sql("""
                        insert into lead_event (tenant_id, lead_id, actor_id, actor_label, type, details)
                        select ?, t.lead_id, ?, ?, ?, cast(? as jsonb)
                        from unnest(cast(? as bigint[])) as t (lead_id)
                        """)
                .params(
                        event.tenantId(),
                        event.actorId(),
                        event.actorLabel(),
                        event.timelineType(),
                        details,
                        event.leadIds().toArray(Long[]::new))
                .update();
    }

    /**
     * Records what happened to many leads at once, each with its own facts and changes, one entry each with a single
     * set-based insert, once it has committed (as {@link #on(LeadEvent)}).
     */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(LeadEntriesEvent event) {
        if (event.entries().isEmpty()) {
            return;
        }
        Long[] leadIds = new Long[event.entries().size()];
        String[] details = new String[leadIds.length];
        for (int i = 0; i < leadIds.length; i++) {
            LeadEntriesEvent.Entry entry = event.entries().get(i);
            leadIds[i] = entry.leadId();
            details[i] = details(event, entry.changes(), entry.facts());
        }
        jdbc.sql("""
                        insert into lead_event (tenant_id, lead_id, actor_id, actor_label, type, details)
                        select ?, t.lead_id, ?, ?, ?, cast(t.details as jsonb)
                        from unnest(cast(? as bigint[]), cast(? as text[])) as t (lead_id, details)
                        """)
                .params(event.tenantId(), event.actorId(), event.actorLabel(), event.timelineType(), leadIds, details)
                .update();
    }

    /**
     * The entry's details: the event record's scalar components (text, numbers, flags, stages) but the workspace and
     * the lead, in the order declared, as {@code facts}; an edit's {@code changes} beside them.
     */
    private String details(Object event, List<FieldChange> changes) {
        return details(event, changes, Map.of());
    }

    /** The same, with facts of the entry's own after the record's. */
    private String details(Object event, List<FieldChange> changes, Map<String, String> own) {
        Map<String, String> facts = new LinkedHashMap<>();
        RecordComponent[] components = event.getClass().getRecordComponents();
        for (RecordComponent component : components == null ? new RecordComponent[0] : components) {
            if (NOT_FACTS.contains(component.getName())) {
                continue;
            }
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + component, e);
            }
            if (value instanceof BigDecimal decimal) {
                facts.put(component.getName(), decimal.toPlainString());
            } else if (value instanceof Enum<?> constant) {
                facts.put(component.getName(), constant.name());
            } else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                facts.put(component.getName(), value.toString());
            }
        }
        facts.putAll(own);
        Map<String, Object> details = new LinkedHashMap<>();
        if (!changes.isEmpty()) {
            details.put("changes", changes);
        }
        if (!facts.isEmpty()) {
            details.put("facts", facts);
        }
        return json.writeValueAsString(details);
    }

    /**
     * Records an entry dated in the past, for history the product did not live through (the demo workspace's seed);
     * everything that happens records itself by publishing a {@link LeadEvent}.
     */
    @Transactional
    public void recordAt(long leadId, Instant occurredAt, Long actorId, String type, Map<String, String> facts) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!facts.isEmpty()) {
            details.put("facts", facts);
        }
        jdbc.sql("""
                        insert into lead_event (tenant_id, lead_id, occurred_at, actor_id, type, details)
                        values (?, ?, ?, ?, ?, cast(? as jsonb))
                        """)
                .params(
                        CurrentTenant.require(),
                        leadId,
                        Timestamp.from(occurredAt),
                        actorId,
                        type,
                        json.writeValueAsString(details))
                .update();
    }

    /** Moves the lead's entries of this type to another time, as if they had happened then (the demo's seed). */
    @Transactional
    public void redate(long leadId, String type, Instant occurredAt) {
        jdbc.sql("update lead_event set occurred_at = ? where tenant_id = ? and lead_id = ? and type = ?")
                .params(Timestamp.from(occurredAt), CurrentTenant.require(), leadId, type)
                .update();
    }

    /** The lead's most recent entries, newest first. */
    @Transactional(readOnly = true)
    public List<TimelineEntry> of(long leadId) {
        return jdbc.sql("""
                        select e.id, e.occurred_at, e.type, coalesce(a.display_name, e.actor_label) as actor,
                               e.details::text as details
                        from lead_event e left join account_person a on a.tenant_id = e.tenant_id and a.id = e.actor_id
                        where e.tenant_id = ? and e.lead_id = ?
                        order by e.occurred_at desc, e.id desc
                        limit ?
                        """)
                .params(CurrentTenant.require(), leadId, PAGE)
                .query((rs, row) -> {
                    JsonNode details = json.readTree(rs.getString("details"));
                    List<FieldChange> changes = new ArrayList<>();
                    if (details.has("changes")) {
                        changes = json.convertValue(details.get("changes"), new TypeReference<>() {});
                    }
                    Map<String, String> facts = Map.of();
                    if (details.has("facts")) {
                        facts = json.convertValue(details.get("facts"), new TypeReference<>() {});
                    }
                    return new TimelineEntry(
                            rs.getLong("id"),
                            rs.getTimestamp("occurred_at").toInstant(),
                            rs.getString("type"),
                            rs.getString("actor"),
                            changes,
                            facts);
                })
                .list();
    }
}
