package io.leadbridge.handoff;

import io.leadbridge.handoff.HandoffView.Status;
import io.leadbridge.tenant.BusinessHours.Calendar;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * A lead handed to a sales rep, with its SLA clock and, once made, the decision on it. A handoff is created by {@link
 * HandoffAssignment} (a first handoff, or one that continues the previous after a reassignment or the liaison's
 * decision); the decisions that close or reopen it are the conditional statements of {@link HandoffRepository}, which
 * decide who wins when two people act at once. The pages read handoffs as {@link HandoffView}s and {@link QueueItem}s,
 * never as entities.
 */
@Entity
@Table(name = "handoff")
class Handoff {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(updatable = false)
    private long leadId;

    @Column(updatable = false)
    private long handedBy;

    @Column(updatable = false)
    private long assigneeId;

    @Column(updatable = false)
    private boolean roundRobin;

    @Column(updatable = false)
    private boolean qualified;

    @Column(updatable = false)
    private Long criteriaVersionId;

    @Column(updatable = false)
    private String overrideReason;

    @Column(updatable = false)
    private Instant handedAt;

    private Instant dueSoonAt;
    private Instant dueAt;
    private Instant escalateAt;

    @Enumerated(EnumType.STRING)
    private Status status;

    private Long decidedBy;
    private Instant decidedAt;
    private String reasonCode;
    private String comment;
    private Instant breachedAt;
    private Instant escalatedAt;

    @Column(updatable = false)
    private String handedBackNote;

    @Column(updatable = false)
    private Long assignedBy;

    private Long ownerBeforeDecision;
    private Long leadVersionAfterDecision;

    @Version
    private long version;

    protected Handoff() {}

    private Handoff(
            long leadId,
            long handedBy,
            long assigneeId,
            boolean roundRobin,
            boolean qualified,
            Long criteriaVersionId,
            String overrideReason,
            SlaClock clock,
            String handedBackNote,
            Long assignedBy) {
        this.leadId = leadId;
        this.handedBy = handedBy;
        this.assigneeId = assigneeId;
        this.roundRobin = roundRobin;
        this.qualified = qualified;
        this.criteriaVersionId = criteriaVersionId;
        this.overrideReason = overrideReason;
        this.handedAt = clock.handedAt();
        this.dueSoonAt = clock.dueSoonAt();
        this.dueAt = clock.dueAt();
        this.escalateAt = clock.escalateAt();
        this.status = Status.AWAITING;
        this.handedBackNote = handedBackNote;
        this.assignedBy = assignedBy;
    }

    /**
     * A handoff's SLA clock as it starts: handed at {@code handedAt}, due soon (the last quarter of the response time)
     * at {@code dueSoonAt}, due at {@code dueAt}, escalated at {@code escalateAt}.
     */
    record SlaClock(Instant handedAt, Instant dueSoonAt, Instant dueAt, Instant escalateAt) {

        /** The clock of the agreed response and escalation times, in the workspace's business hours. */
        static SlaClock starting(Instant now, Calendar calendar, Duration response, Duration escalation) {
            return new SlaClock(
                    now,
                    calendar.plus(now, response.multipliedBy(3).dividedBy(4)),
                    calendar.plus(now, response),
                    calendar.plus(now, escalation));
        }
    }

    /**
     * Marketing's handoff of a lead to a rep, awaiting the rep's decision. {@code overrideReason}: why a lead the
     * criteria do not qualify was handed off anyway ({@code criteriaVersionId}: the criteria that judged it, if any).
     */
    static Handoff handOff(
            long leadId,
            long handedBy,
            long assigneeId,
            boolean roundRobin,
            boolean qualified,
            Long criteriaVersionId,
            String overrideReason,
            SlaClock clock) {
        return new Handoff(
                leadId,
                handedBy,
                assigneeId,
                roundRobin,
                qualified,
                criteriaVersionId,
                overrideReason,
                clock,
                null,
                null);
    }

    /**
     * A handoff that continues this one (same lead, marketer and qualification) with another rep and a fresh clock,
     * given by {@code assignedBy}: after a reassignment, or when the liaison's decision hands the lead back ({@code
     * handedBackNote}).
     */
    Handoff followUp(long assigneeId, SlaClock clock, String handedBackNote, long assignedBy) {
        return new Handoff(
                leadId,
                handedBy,
                assigneeId,
                false,
                qualified,
                criteriaVersionId,
                overrideReason,
                clock,
                handedBackNote,
                assignedBy);
    }

    Long id() {
        return id;
    }

    long handedBy() {
        return handedBy;
    }

    long assigneeId() {
        return assigneeId;
    }
}
