package io.leadbridge.handoff.web;

import io.leadbridge.handoff.QueueItem;
import io.leadbridge.tenant.Formats;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Turns the queue's items into the rows the template writes ({@link QueueRow}): the reader's language, the workspace's
 * zone, the date formats and the fixed texts are looked up once per page, not once per row and expression.
 */
@Component
class QueueRows {

    private final Formats formats;
    private final DueMoments dueMoments;
    private final MessageSource messages;

    QueueRows(Formats formats, DueMoments dueMoments, MessageSource messages) {
        this.formats = formats;
        this.dueMoments = dueMoments;
        this.messages = messages;
    }

    /** A page of rows; {@code contextPath} prefixes the links, as Thymeleaf's {@code @{/…}} would. */
    List<QueueRow> of(List<QueueItem> items, String contextPath) {
        Page page = new Page(contextPath);
        List<QueueRow> rows = new ArrayList<>(items.size());
        for (QueueItem item : items) {
            rows.add(page.row(item, item.leadVersion()));
        }
        return rows;
    }

    /** One row, its form carrying {@code version} (what the rep's form sent, or the lead's current version). */
    QueueRow of(QueueItem item, Long version, String contextPath) {
        return new Page(contextPath).row(item, version != null ? version : item.leadVersion());
    }

    /** What every row of one page shares. */
    private final class Page {

        private final String contextPath;
        private final Locale locale = LocaleContextHolder.getLocale();
        private final DateTimeFormatter dateTime = formats.dateTimeFormatter();
        private final DueMoments.Calendar calendar = dueMoments.forPage();
        private final String qualified;
        private final String notQualified;

        Page(String contextPath) {
            this.contextPath = contextPath;
            this.qualified = text("criteria.evaluation.qualified");
            this.notQualified = text("criteria.evaluation.notQualified");
        }

        QueueRow row(QueueItem item, long version) {
            long id = item.leadId();
            String leadUrl = contextPath + "/leads/" + id;
            List<String> details = new ArrayList<>(3);
            if (item.industry() != null && !item.industry().isEmpty()) {
                details.add(" · " + text("industry." + item.industry()));
            }
            if (item.employees() != null && item.employees() != 0) {
                details.add(" · " + text("queue.employees", item.employees()));
            }
            if (item.country() != null && !item.country().isEmpty()) {
                details.add(" · " + item.country());
            }
            QueueItem.Urgency urgency = item.urgency();
            boolean overdue = item.overdue();
            String css = overdue
                    ? "queue-item table-danger"
                    : urgency == QueueItem.Urgency.DUE_SOON ? "queue-item table-warning" : "queue-item";
            String handedBy;
            String firstHandedOff = null;
            if (item.assignedByName() == null) {
                handedBy = item.handedByName();
            } else {
                handedBy = item.handedBack()
                        ? text("queue.handedBackBy", item.assignedByName())
                        : text("queue.reassignedBy", item.assignedByName());
                firstHandedOff = item.firstHandedAt() != null
                        ? text("queue.firstHandedOff", item.handedByName(), dateTime.format(item.firstHandedAt()))
                        : text("queue.firstHandedOffBy", item.handedByName());
            }
            return new QueueRow(
                    id,
                    version,
                    "handoff-" + id,
                    css,
                    leadUrl,
                    leadUrl + "/accept",
                    contextPath + "/sales/queue/" + id + "/reject",
                    leadUrl + "/reject",
                    item.leadName(),
                    item.companyName(),
                    details,
                    item.qualifiedNow() == null
                            ? null
                            : item.qualifiedNow() ? "badge text-bg-success" : "badge text-bg-warning",
                    item.qualifiedNow() == null ? null : item.qualifiedNow() ? qualified : notQualified,
                    item.score() == null ? null : text("criteria.evaluation.score", item.score()),
                    !item.qualifiedAtHandoff(),
                    item.overrideReason(),
                    item.handedBackNote() == null ? null : text("queue.handedBack", item.handedBackNote()),
                    handedBy,
                    dateTime.format(item.handedAt()),
                    firstHandedOff,
                    urgency.name(),
                    overdue ? text("queue.overdueSince", calendar.of(item.dueAt())) : null,
                    urgency == QueueItem.Urgency.DUE_SOON,
                    overdue ? "small time-left" : "time-left",
                    overdue
                            ? text("queue.overdueBusiness", item.leftHours(), item.leftMinutes())
                            : text("queue.timeLeftBusiness", item.leftHours(), item.leftMinutes()),
                    overdue ? null : text("queue.dueAt", calendar.of(item.dueAt())),
                    overdue ? null : dateTime.format(item.dueAt()),
                    item.escalatedAt() != null);
        }

        private String text(String code, Object... args) {
            return messages.getMessage(code, args.length == 0 ? null : args, locale);
        }
    }
}
