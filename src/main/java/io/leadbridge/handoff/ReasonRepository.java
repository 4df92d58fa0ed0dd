package io.leadbridge.handoff;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The workspace's rejection reasons. Every query names the tenant itself: Hibernate's tenant filter does not reach
 * native or bulk statements, and the table's key is the tenant with the code (row-level security is the backstop, ADR
 * 0001).
 */
interface ReasonRepository extends Repository<Reason, String> {

    /** Saves a reason and writes it at once, so that a label taken meanwhile is refused where the admin added it. */
    Reason saveAndFlush(Reason reason);

    @Query("select r from Reason r where r.tenantId = :tenant order by r.position, r.code")
    List<Reason> findAllInOrder(@Param("tenant") UUID tenant);

    @Query("select r from Reason r where r.tenantId = :tenant and r.code = :code")
    Optional<Reason> find(@Param("tenant") UUID tenant, @Param("code") String code);

    /** The workspace's own reasons, the ones with a label as typed. */
    @Query("select r from Reason r where r.tenantId = :tenant and r.label is not null")
    List<Reason> findLabelled(@Param("tenant") UUID tenant);

    /**
     * Makes one workspace's admins adding reasons at the same moment take turns, until the transaction ends. Native:
     * a PostgreSQL advisory lock, since the reason to be added has no row to lock yet.
     */
    @Query(value = """
                    select 1 from (select pg_advisory_xact_lock(hashtextextended('rejection_reason:' || :tenant, 0)))
                        as locked
                    """, nativeQuery = true)
    int lockForAdding(@Param("tenant") String tenant);

    /** The number of the next reason of the workspace's own ({@code CUSTOM_<n>}). */
    @Query("""
            select coalesce(max(cast(substring(r.code, 8) as Integer)), 0) + 1 from Reason r
            where r.tenantId = :tenant and substring(r.code, 1, 7) = 'CUSTOM_'
            """)
    int nextCustomNumber(@Param("tenant") UUID tenant);

    @Query("select coalesce(max(r.position), 0) + 1 from Reason r where r.tenantId = :tenant")
    int nextPosition(@Param("tenant") UUID tenant);

    /**
     * Locks the workspace's other active reasons, so two admins switching off the last two cannot both succeed.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select r from Reason r where r.tenantId = :tenant and r.active = true and r.code <> :code")
    List<Reason> lockOthersActive(@Param("tenant") UUID tenant, @Param("code") String code);
}
