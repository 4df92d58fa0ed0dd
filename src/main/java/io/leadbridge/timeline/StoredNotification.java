package io.leadbridge.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.TenantId;

/**
 * A notification as stored: for whom, the message key with its arguments, where it leads, and once read, when. Only
 * whether it was read ever changes. Named apart from {@link Notifications.Notification}, the record the list shows.
 */
@Entity
@Table(name = "notification")
class StoredNotification {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(updatable = false)
    private Long recipientId;

    @Column(updatable = false)
    private String messageKey;

    /**
     * The message's arguments, a JSON array of strings as the application's Jackson writes it ({@link Notifications}).
     * Kept as the JSON text and cast to {@code jsonb} on the way in, so that Hibernate needs no JSON mapper of its own
     * (its mapping would use a Jackson 2 that is only on the class path by way of Flyway).
     */
    @Column(columnDefinition = "jsonb", updatable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    private String arguments;

    @Column(updatable = false)
    private String link;

    /** Set by the database when the notification is written. */
    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    private Instant readAt;

    protected StoredNotification() {}

    StoredNotification(Long recipientId, String messageKey, String arguments, String link) {
        this.recipientId = recipientId;
        this.messageKey = messageKey;
        this.arguments = arguments;
        this.link = link;
    }

    Long id() {
        return id;
    }

    /** Marks it read at {@code now}; one read already keeps when it was first read. */
    void markRead(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }
}
