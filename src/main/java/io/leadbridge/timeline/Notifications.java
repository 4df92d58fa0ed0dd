package io.leadbridge.timeline;

import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * In-app notifications: something needs a person. Written in the transaction of what caused them, and marked read,
 * through {@link StoredNotificationRepository}; the list and the bell's count are SQL read models (ADR 0009).
 */
@Service
public class Notifications {

    static final int LIST_SIZE = 50;

    private final JdbcClient jdbc;
    private final StoredNotificationRepository stored;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notifications(
            JdbcClient jdbc,
            StoredNotificationRepository stored,
            ObjectMapper json,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.stored = stored;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** A notification as the list shows it; the text is the message {@code messageKey} with {@code arguments}. */
    public record Notification(
            long id, String messageKey, List<String> arguments, String link, Instant createdAt, boolean read) {}

    @Transactional(propagation = Propagation.MANDATORY)
    public void notify(Collection<Long> recipients, String messageKey, List<String> arguments, String link) {
        String args = json.writeValueAsString(arguments);
        java.util.Optional<NotificationKind> kind = NotificationKind.of(messageKey);
        List<PeopleNotified.Item> items = new java.util.ArrayList<>();
        for (Long recipient : recipients) {
            StoredNotification notification = stored.save(new StoredNotification(recipient, messageKey, args, link));
            if (recipient != null && kind.isPresent()) {
                items.add(new PeopleNotified.Item(
                        notification.id(),
                        recipient,
                        kind.get(),
                        messageKey,
                        java.util.Collections.unmodifiableList(new java.util.ArrayList<>(arguments)),
                        link));
            }
        }
        if (!items.isEmpty()) {
            events.publishEvent(new PeopleNotified(CurrentTenant.require(), List.copyOf(items)));
        }
        Set<Long> notified = recipients.stream()
                .filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        if (!notified.isEmpty()) {
            events.publishEvent(new NotificationsChanged(CurrentTenant.require(), notified));
        }
    }

    @Transactional(readOnly = true)
    public List<Notification> of(long recipient) {
        return jdbc.sql("""
                        select id, message_key, arguments::text as arguments, link, created_at, read_at is not null as read
                        from notification where tenant_id = ? and recipient_id = ?
                        order by created_at desc, id desc limit ?
                        """)
                .params(CurrentTenant.require(), recipient, LIST_SIZE)
                .query((rs, row) -> new Notification(
                        rs.getLong("id"),
                        rs.getString("message_key"),
                        json.readValue(rs.getString("arguments"), new TypeReference<List<String>>() {}),
                        rs.getString("link"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getBoolean("read")))
                .list();
    }

    @Transactional(readOnly = true)
    public int unread(long recipient) {
        return jdbc.sql(
                        "select count(*) from notification where tenant_id = ? and recipient_id = ? and read_at is null")
                .params(CurrentTenant.require(), recipient)
                .query(Integer.class)
                .single();
    }

    /** Marks one of the recipient's notifications read; answers whether it was theirs. */
    @Transactional
    public boolean markRead(long recipient, long id) {
        Optional<StoredNotification> notification = stored.findOf(CurrentTenant.require(), recipient, id);
        notification.ifPresent(n -> n.markRead(clock.instant()));
        events.publishEvent(new NotificationsChanged(CurrentTenant.require(), Set.of(recipient)));
        return notification.isPresent();
    }

    @Transactional
    public void markAllRead(long recipient) {
        stored.markAllRead(CurrentTenant.require(), recipient);
        events.publishEvent(new NotificationsChanged(CurrentTenant.require(), Set.of(recipient)));
    }
}
