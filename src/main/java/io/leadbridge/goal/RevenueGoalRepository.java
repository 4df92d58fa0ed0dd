package io.leadbridge.goal;

import io.leadbridge.goal.GoalManagement.PeriodKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The revenue goals. Each change is one conditional statement, so that of two admins saving at once one wins and the
 * other is told. Hibernate's tenant filter does not reach native or bulk statements: each names the tenant itself
 * (row-level security is the backstop, ADR 0001).
 */
interface RevenueGoalRepository extends Repository<RevenueGoal, Long> {

    /**
     * Sets a period's first goal; answers 0, inserting nothing, when the period has one already. Native: PostgreSQL's
     * {@code on conflict do nothing} lets the loser of the race learn it without a failed, aborted transaction.
     */
    @Modifying
    @Query(value = """
                    insert into revenue_goal (tenant_id, period_kind, period_start, target, bonus_pool,
                        marketing_share_percent, set_by)
                    values (:tenant, :kind, :start, :target, :bonusPool, :share, :setBy)
                    on conflict (tenant_id, period_kind, period_start) do nothing
                    """, nativeQuery = true)
    int insertIfAbsent(
            @Param("tenant") UUID tenant,
            @Param("kind") String kind,
            @Param("start") LocalDate start,
            @Param("target") BigDecimal target,
            @Param("bonusPool") BigDecimal bonusPool,
            @Param("share") int marketingSharePercent,
            @Param("setBy") long setBy);

    /** Changes a period's goal if it is still at {@code version}; answers 0, changing nothing, otherwise. */
    @Modifying
    @Query("""
            update RevenueGoal g set g.target = :target, g.bonusPool = :bonusPool, g.marketingSharePercent = :share,
                g.setBy = :setBy, g.setAt = current_timestamp, g.version = g.version + 1
            where g.tenantId = :tenant and g.periodKind = :kind and g.periodStart = :start and g.version = :version
            """)
    int changeIfAt(
            @Param("tenant") UUID tenant,
            @Param("kind") PeriodKind kind,
            @Param("start") LocalDate start,
            @Param("version") long version,
            @Param("target") BigDecimal target,
            @Param("bonusPool") BigDecimal bonusPool,
            @Param("share") int marketingSharePercent,
            @Param("setBy") long setBy);

    /** Sets a period's goal whatever it was (PostgreSQL's upsert, for the demo workspace and tests). */
    @Modifying
    @Query(value = """
                    insert into revenue_goal (tenant_id, period_kind, period_start, target, bonus_pool,
                        marketing_share_percent, set_by)
                    values (:tenant, :kind, :start, :target, :bonusPool, :share, :setBy)
                    on conflict (tenant_id, period_kind, period_start) do update set target = excluded.target,
                        bonus_pool = excluded.bonus_pool,
                        marketing_share_percent = excluded.marketing_share_percent,
                        set_by = excluded.set_by, set_at = now(), version = revenue_goal.version + 1
                    """, nativeQuery = true)
    int upsert(
            @Param("tenant") UUID tenant,
            @Param("kind") String kind,
            @Param("start") LocalDate start,
            @Param("target") BigDecimal target,
            @Param("bonusPool") BigDecimal bonusPool,
            @Param("share") int marketingSharePercent,
            @Param("setBy") long setBy);
}
