package io.leadbridge.config;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.tenant.CurrentTenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event publication registry's part of a person's data. A completed publication keeps its event's JSON for a week
 * (comments, rationales and names among its fields), so an erasure deletes the completed publications of the workspace
 * whose event is about one of the leads. An incomplete one must stay (its listener still has to run), so its event is
 * rewritten instead: every free text about the erased leads becomes {@link PersonalData#ERASED}, and the codes, ids
 * and numbers its listener needs stay (docs/adr/0015). Nothing to export: what the events said is in the timeline.
 *
 * <p>Which of the events' text fields are free text is {@link #FREE_TEXT}; every other text field of an event is a code
 * or a colleague's name and is kept ({@link #KEPT}). {@code PublishedEventsPersonalDataTests} fails for an event whose
 * text field is in neither list, so a new event cannot carry a person's words past an erasure unnoticed.
 */
@Component
class PublishedEventsPersonalData implements PersonalData {

    /** The events' fields (at any depth) that hold what people wrote or a lead's name: erased. */
    static final Set<String> FREE_TEXT = Set.of(
            "leadName",
            "comment",
            "argument",
            "rationale",
            "note",
            "override",
            "before",
            "after",
            "facts",
            "arguments");

    /** The events' text fields that hold codes, file names or colleagues' names: kept. */
    static final Set<String> KEPT = Set.of(
            "label",
            "reason",
            "assignee",
            "previous",
            "undone",
            "source",
            "campaign",
            "file",
            "field",
            "messageKey",
            "link");

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    PublishedEventsPersonalData(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<Section> export(Subject subject) {
        return List.of();
    }

    @Override
    public void erase(Subject subject) {
        String tenant = CurrentTenant.require().toString();
        String[] leadIds = subject.leadIds().stream().map(String::valueOf).toArray(String[]::new);
        // The events about a lead, and the notifications (PeopleNotified) that link to a page about one.
        jdbc.sql("""
                        delete from event_publication
                        where completion_date is not null
                          and cast(serialized_event as jsonb) ->> 'tenantId' = ?
                          and cast(serialized_event as jsonb) ->> 'leadId' = any(?)
                        """).params(tenant, leadIds).update();
        jdbc.sql("""
                        delete from event_publication
                        where completion_date is not null
                          and cast(serialized_event as jsonb) ->> 'tenantId' = ?
                          and exists (select 1 from unnest(cast(? as text[])) as p (page)
                                      where strpos(serialized_event, '"link":"' || p.page || '"') > 0
                                         or strpos(serialized_event, '"link":"' || p.page || '#') > 0)
                        """).params(tenant, subject.pagePaths()).update();
        rewriteIncomplete(tenant, leadIds, subject);
    }

    /**
     * The incomplete publications about the leads: locked (a listener completing one meanwhile waits for the erasure's
     * commit), their free texts erased, written back. Events about several leads (an import's returning leads) lose
     * only the erased leads' entries' texts; a notification only the texts of items that link to a page about them.
     */
    private void rewriteIncomplete(String tenant, String[] leadIds, Subject subject) {
        List<Map.Entry<UUID, String>> candidates = jdbc.sql("""
                        select id, serialized_event from event_publication
                        where completion_date is null
                          and cast(serialized_event as jsonb) ->> 'tenantId' = ?
                          and (cast(serialized_event as jsonb) ->> 'leadId' = any(?)
                               or strpos(serialized_event, '"entries"') > 0
                               or strpos(serialized_event, '"link"') > 0)
                        for update
                        """)
                .params(tenant, leadIds)
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        Set<Long> leads = subject.leadIds();
        Set<String> pages = Set.of(subject.pagePaths());
        for (Map.Entry<UUID, String> publication : candidates) {
            JsonNode event = json.reader()
                    .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(publication.getValue());
            if (scrubAbout(event, leads, pages)) {
                jdbc.sql("update event_publication set serialized_event = ? where id = ?")
                        .params(json.writeValueAsString(event), publication.getKey())
                        .update();
            }
        }
    }

    /** Erases the free texts of every object in the tree that is about one of the leads; whether anything changed. */
    static boolean scrubAbout(JsonNode node, Set<Long> leads, Set<String> pages) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            if (isAbout(object, leads, pages)) {
                return scrub(object);
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                changed |= scrubAbout(field.getValue(), leads, pages);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= scrubAbout(element, leads, pages);
            }
        }
        return changed;
    }

    private static boolean isAbout(ObjectNode object, Set<Long> leads, Set<String> pages) {
        JsonNode leadId = object.get("leadId");
        if (leadId != null && leadId.isIntegralNumber() && leads.contains(leadId.asLong())) {
            return true;
        }
        JsonNode link = object.get("link");
        if (link != null && link.isString()) {
            String page = link.asString();
            int anchor = page.indexOf('#');
            return pages.contains(anchor < 0 ? page : page.substring(0, anchor));
        }
        return false;
    }

    /** Replaces every free text at any depth below the object; whether anything changed. */
    private static boolean scrub(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (FREE_TEXT.contains(field.getKey())) {
                    changed |= erase(object, field.getKey(), value);
                } else {
                    changed |= scrub(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= scrub(element);
            }
        }
        return changed;
    }

    /** A free text, or every text in a list or map of them, erased. */
    private static boolean erase(ObjectNode parent, String key, JsonNode value) {
        if (value.isString()) {
            if (ERASED.equals(value.asString())) {
                return false;
            }
            parent.put(key, ERASED);
            return true;
        }
        boolean changed = false;
        if (value instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isString() && !ERASED.equals(list.get(i).asString())) {
                    list.set(i, list.stringNode(ERASED));
                    changed = true;
                }
            }
        } else if (value instanceof ObjectNode map) {
            for (Map.Entry<String, JsonNode> entry : map.properties()) {
                if (entry.getValue().isString()
                        && !ERASED.equals(entry.getValue().asString())) {
                    map.put(entry.getKey(), ERASED);
                    changed = true;
                }
            }
        }
        return changed;
    }
}
