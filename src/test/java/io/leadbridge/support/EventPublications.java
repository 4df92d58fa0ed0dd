package io.leadbridge.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits, bounded, until a workspace's event publications are all completed: what the asynchronous listeners do after a
 * commit (a notification) is then in the database (docs/adr/0008).
 */
public final class EventPublications {

    /** Long enough for a loaded build machine; a listener that never completes fails the test. */
    private static final Duration AT_MOST = Duration.ofSeconds(30);

    private EventPublications() {}

    public static void awaitCompleted(OwnerDatabase owner, UUID tenantId) {
        awaitCompleted(owner.jdbc(), tenantId);
    }

    /** The same, for a test that reads the database as its owner through a {@link JdbcClient} of its own. */
    public static void awaitCompleted(JdbcClient owner, UUID tenantId) {
        await().atMost(AT_MOST).pollInterval(Duration.ofMillis(50)).until(() -> incomplete(owner, tenantId) == 0);
    }

    public static long incomplete(OwnerDatabase owner, UUID tenantId) {
        return incomplete(owner.jdbc(), tenantId);
    }

    static long incomplete(JdbcClient owner, UUID tenantId) {
        return owner.sql("select count(*) from event_publication where completion_date is null"
                        + " and cast(serialized_event as jsonb) ->> 'tenantId' = ?")
                .param(tenantId.toString())
                .query(Long.class)
                .single();
    }
}
