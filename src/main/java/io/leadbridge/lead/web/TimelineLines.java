package io.leadbridge.lead.web;

import io.leadbridge.tenant.Formats;
import io.leadbridge.timeline.FieldChange;
import io.leadbridge.timeline.TimelineEntry;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The lead page's timeline, each entry shaped for the template once in Java ({@link Line}): its title, who, when and
 * the lines its facts give, in the reader's language and the workspace's zone. The template wrote each entry with about
 * twenty expressions (a map look-up and a message each), up to 200 entries a page; now it writes plain values. The
 * texts are the ones the template wrote, from the same message keys and in the same order.
 */
@Component
class TimelineLines {

    private static final String NONE = "—";

    private final MessageSource messages;
    private final Formats formats;

    TimelineLines(MessageSource messages, Formats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    /** A line under the entry's title: its CSS class and its text. */
    record Text(String css, String text) {}

    /** A field an edit changed: the field's name, before and after ({@code —} for none). */
    record Change(String field, String before, String after) {}

    /**
     * One entry as the template writes it. The rejection reason's label stays the template's (the handoff module names
     * reasons, {@code @rejectionReasons}), between {@code lines} and {@code linesAfterReason}.
     */
    record Line(
            String type,
            String title,
            String actor,
            String datetime,
            String when,
            List<Text> lines,
            String reason,
            List<Text> linesAfterReason,
            List<Change> changes) {}

    List<Line> of(List<TimelineEntry> entries) {
        Locale locale = LocaleContextHolder.getLocale();
        DateTimeFormatter dateTime = formats.dateTimeFormatter();
        String system = text(locale, "timeline.system");
        List<Line> lines = new ArrayList<>(entries.size());
        for (TimelineEntry entry : entries) {
            lines.add(line(entry, locale, dateTime, system));
        }
        return lines;
    }

    private Line line(TimelineEntry entry, Locale locale, DateTimeFormatter dateTime, String system) {
        Map<String, String> d = entry.details();
        String type = entry.type();
        List<Text> before = new ArrayList<>(2);
        List<Text> after = new ArrayList<>(0);
        String channel = d.get("channel");
        if (truthy(channel)) {
            before.add(small(text(locale, "timeline.channel." + channel)));
        }
        boolean reEngaged = "RE_ENGAGED".equals(type);
        if (reEngaged && (d.get("source") != null || d.get("campaign") != null)) {
            before.add(
                    small(text(locale, "timeline.reEngagedFrom", orNone(d.get("source")), orNone(d.get("campaign")))));
        }
        if (reEngaged && "true".equals(d.get("backToMarketing"))) {
            before.add(new Text("small fw-semibold", text(locale, "timeline.backToMarketing")));
        }
        String from = d.get("from");
        if (from != null && !from.equals(d.get("to"))) {
            before.add(small(text(
                    locale, "timeline.stages", text(locale, "stage." + from), text(locale, "stage." + d.get("to")))));
        }
        String assignee = d.get("assignee");
        String previous = d.get("previous");
        if (assignee != null && previous == null) {
            before.add(small(
                    "DISPUTE_OVERTURNED".equals(type)
                            ? text(locale, "timeline.handedBackTo", assignee)
                            : text(locale, "timeline.handedTo", assignee)
                                    + ("true".equals(d.get("roundRobin"))
                                            ? " · " + text(locale, "handoff.byRoundRobin")
                                            : "")));
        }
        if (previous != null) {
            before.add(small(text(locale, "timeline.reassigned", previous, assignee)));
        }
        if (d.get("override") != null) {
            before.add(small(text(locale, "timeline.override", d.get("override"))));
        }
        if (d.get("comment") != null) {
            after.add(new Text("small fst-italic", d.get("comment")));
        }
        if (d.get("note") != null) {
            after.add(new Text("small fst-italic", d.get("note")));
        }
        if (d.get("argument") != null) {
            after.add(small(text(locale, "timeline.argument", d.get("argument"))));
        }
        if (d.get("rationale") != null) {
            after.add(small(text(locale, "timeline.rationale", d.get("rationale"))));
        }
        if (d.get("dealValue") != null) {
            after.add(small(text(locale, "timeline.dealValue", formats.amount(d.get("dealValue")))));
        }
        List<Change> changes = new ArrayList<>(entry.changes().size());
        for (FieldChange change : entry.changes()) {
            changes.add(new Change(
                    text(locale, "lead.field." + change.field()), orNone(change.before()), orNone(change.after())));
        }
        return new Line(
                type,
                text(locale, "timeline.type." + type),
                entry.actorName() != null ? entry.actorName() : system,
                entry.occurredAt().toString(),
                dateTime.format(entry.occurredAt()),
                before,
                d.get("reason"),
                after,
                changes);
    }

    private static Text small(String text) {
        return new Text("small", text);
    }

    private static String orNone(String value) {
        return value != null ? value : NONE;
    }

    /** Whether Thymeleaf's {@code th:if} would show a text: not null and not "false", "off" or "no". */
    private static boolean truthy(String value) {
        return value != null
                && !"false".equalsIgnoreCase(value)
                && !"off".equalsIgnoreCase(value)
                && !"no".equalsIgnoreCase(value);
    }

    /** A message as Thymeleaf's {@code #{…}} writes it, also for a key the bundles lack ({@code ??key_locale??}). */
    private String text(Locale locale, String code, Object... args) {
        try {
            return messages.getMessage(code, args.length == 0 ? null : args, locale);
        } catch (NoSuchMessageException e) {
            return "??" + code + "_" + locale + "??";
        }
    }
}
