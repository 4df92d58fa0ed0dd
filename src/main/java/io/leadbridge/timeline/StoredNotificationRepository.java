package io.leadbridge.timeline;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The workspace's notifications. Hibernate's tenant filter does not reach bulk statements, so every query names the
 * tenant itself (row-level security is the backstop, ADR 0001). The list and the bell's count are SQL read models of
 * {@link Notifications}.
 */
interface StoredNotificationRepository extends Repository<StoredNotification, Long> {

    StoredNotification save(StoredNotification notification);

    /** One of the recipient's notifications; empty when it is someone else's or does not exist. */
    @Query("""
            select n from StoredNotification n
            where n.tenantId = :tenant and n.recipientId = :recipient and n.id = :id
            """)
    Optional<StoredNotification> findOf(
            @Param("tenant") UUID tenant, @Param("recipient") long recipient, @Param("id") long id);

    /**
     * Marks all of the recipient's unread notifications read, in one statement; those read already keep when they were
     * read. Answers how many it marked.
     */
    @Modifying
    @Query("""
            update StoredNotification n set n.readAt = current_timestamp
            where n.tenantId = :tenant and n.recipientId = :recipient and n.readAt is null
            """)
    int markAllRead(@Param("tenant") UUID tenant, @Param("recipient") long recipient);
}
