package io.leadbridge.account;

import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The workspace's API keys. The changes that two requests may make at once are conditional statements; Hibernate's
 * tenant filter does not reach bulk or native statements, so each names the tenant itself (row-level security is the
 * backstop, ADR 0001).
 */
interface StoredKeyRepository extends Repository<StoredKey, UUID> {

    StoredKey save(StoredKey key);

    boolean existsById(UUID id);

    /** Revokes a key not yet revoked; a key revoked already keeps who revoked it first, and when. */
    @Modifying
    @Query("""
            update StoredKey k set k.revokedAt = current_timestamp, k.revokedBy = :revokedBy
            where k.tenantId = :tenant and k.id = :id and k.revokedAt is null
            """)
    int revokeIfActive(@Param("tenant") UUID tenant, @Param("id") UUID id, @Param("revokedBy") long revokedBy);

    /**
     * Notes a key's use unless it was noted less than a minute ago. Native: the minute is measured against the
     * database's transaction time with PostgreSQL's interval arithmetic.
     */
    @Modifying
    @Query(value = """
                    update api_key set last_used_at = now()
                    where tenant_id = :tenant and id = :id
                      and (last_used_at is null or last_used_at < now() - interval '1 minute')
                    """, nativeQuery = true)
    int noteUse(@Param("tenant") UUID tenant, @Param("id") UUID id);
}
