package io.leadbridge.timeline;

import io.leadbridge.privacy.PersonalData;
import io.leadbridge.privacy.Rows;
import io.leadbridge.tenant.CurrentTenant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The timeline's part of a person's data: the entries on the lead (their facts and changes), the comments on it and
 * the notifications that link to it. An erasure keeps every entry, comment and notification (so counts and the
 * activity feed's shape stay), but replaces each free text — comments, names, arguments, rationales, notes, the before
 * and after of edits — with {@link PersonalData#ERASED}; codes (stages, reasons, channels), numbers and flags stay.
 */
@Component
class TimelinePersonalData implements PersonalData {

    /** Facts that are free text whatever they look like. */
    private static final Set<String> FREE_TEXT_FACTS =
            Set.of("leadName", "argument", "note", "comment", "rationale", "assignee", "previous");

    /** A code (a stage, a reason, a channel) or a number or a flag: nothing about a person. */
    private static final Pattern NOT_PERSONAL = Pattern.compile("^([A-Z][A-Z0-9_]*|-?[0-9]+(\\.[0-9]+)?|true|false)$");

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    TimelinePersonalData(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<Section> export(Subject subject) {
        Long[] ids = subject.ids();
        var tenant = CurrentTenant.require();
        return List.of(
                new Section(
                        "timeline",
                        jdbc.sql("""
                                        select id, lead_id, occurred_at, actor_id, actor_label, type, details
                                        from lead_event where tenant_id = ? and lead_id = any(?) order by occurred_at, id
                                        """).params(tenant, ids).query(Rows::row).list()),
                new Section(
                        "comments",
                        jdbc.sql("""
                                        select id, lead_id, author_id, body, created_at
                                        from lead_comment where tenant_id = ? and lead_id = any(?) order by created_at, id
                                        """).params(tenant, ids).query(Rows::row).list()),
                new Section(
                        "notifications",
                        jdbc.sql("""
                                        select id, recipient_id, message_key, arguments, link, created_at, read_at
                                        from notification where tenant_id = ? and split_part(link, '#', 1) = any(?) order by created_at, id
                                        """)
                                .params(tenant, subject.pagePaths())
                                .query(Rows::row)
                                .list()));
    }

    @Override
    public void erase(Subject subject) {
        Long[] ids = subject.ids();
        var tenant = CurrentTenant.require();
        List<Map.Entry<Long, String>> entries = jdbc.sql(
                        "select id, details::text from lead_event where tenant_id = ? and lead_id = any(?)")
                .params(tenant, ids)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list();
        for (Map.Entry<Long, String> entry : entries) {
            String erased = erasedDetails(entry.getValue());
            if (!erased.equals(entry.getValue())) {
                jdbc.sql("update lead_event set details = cast(? as jsonb) where tenant_id = ? and id = ?")
                        .params(erased, tenant, entry.getKey())
                        .update();
            }
        }
        jdbc.sql("update lead_comment set body = ? where tenant_id = ? and lead_id = any(?)")
                .params(ERASED, tenant, ids)
                .update();
        jdbc.sql("""
                        update notification set arguments = (select coalesce(jsonb_agg(to_jsonb(cast(? as text))), '[]'::jsonb)
                                                             from jsonb_array_elements(arguments))
                        where tenant_id = ? and split_part(link, '#', 1) = any(?)
                        """).params(ERASED, tenant, subject.pagePaths()).update();
    }

    /** The entry's details with every free text replaced. */
    String erasedDetails(String details) {
        JsonNode root = json.readTree(details);
        if (!(root instanceof ObjectNode object)) {
            return details;
        }
        if (object.get("facts") instanceof ObjectNode facts) {
            for (Iterator<String> names = facts.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                JsonNode value = facts.get(name);
                if (value != null && !value.isNull() && !keeps(name, value.asString())) {
                    facts.put(name, ERASED);
                }
            }
        }
        if (object.get("changes") != null && object.get("changes").isArray()) {
            for (JsonNode change : object.get("changes")) {
                if (change instanceof ObjectNode c) {
                    for (String side : List.of("before", "after")) {
                        JsonNode value = c.get(side);
                        if (value != null
                                && !value.isNull()
                                && !NOT_PERSONAL.matcher(value.asString()).matches()) {
                            c.put(side, ERASED);
                        }
                    }
                }
            }
        }
        return json.writeValueAsString(object);
    }

    private static boolean keeps(String name, String value) {
        return !FREE_TEXT_FACTS.contains(name) && NOT_PERSONAL.matcher(value).matches();
    }
}
