package io.leadbridge.goal;

import io.leadbridge.goal.GoalManagement.PeriodKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A period's revenue goal as stored: the target, the bonus pool and marketing's share of it. It is written only by the
 * conditional statements of {@link RevenueGoalRepository}, which decide who wins when two admins save at once.
 */
@Entity
@Table(name = "revenue_goal")
class RevenueGoal {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Enumerated(EnumType.STRING)
    private PeriodKind periodKind;

    private LocalDate periodStart;
    private BigDecimal target;
    private BigDecimal bonusPool;
    private int marketingSharePercent;
    private Long setBy;
    private Instant setAt;

    @Version
    private long version;

    protected RevenueGoal() {}
}
