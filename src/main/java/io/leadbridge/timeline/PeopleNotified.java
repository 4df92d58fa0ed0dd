package io.leadbridge.timeline;

import io.leadbridge.tenant.TenantEvent;
import java.util.List;
import java.util.UUID;

/**
 * People were notified in the app: one item per notification written, with its kind, so that what else reaches them
 * (a mail) follows after the commit. Published by {@link Notifications#notify} in the transaction that wrote them.
 */
public record PeopleNotified(UUID tenantId, List<Item> items) implements TenantEvent {

    /** One notification as written: its id, for whom, of what kind, its text's key and arguments, where it leads. */
    public record Item(
            long notificationId,
            long recipientId,
            NotificationKind kind,
            String messageKey,
            List<String> arguments,
            String link) {}
}
