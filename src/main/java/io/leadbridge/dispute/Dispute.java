package io.leadbridge.dispute;

import io.leadbridge.dispute.DisputeView.Status;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.TenantId;

/**
 * Marketing's dispute of a rejection, as stored: the rejected handoff it contests, the argument, and the liaison's
 * decision. Opened by {@link DisputeRepository#saveAndFlush(Dispute)}; decided only by {@link
 * DisputeRepository#decideIfOpen}, the conditional statement that makes of two decisions at once exactly one count.
 */
@Entity
@Table(name = "dispute")
class Dispute {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private UUID tenantId;

    @Column(updatable = false)
    private long leadId;

    @Column(updatable = false)
    private long handoffId;

    @Column(updatable = false)
    private long openedBy;

    @Column(updatable = false)
    private Instant openedAt;

    @Column(updatable = false)
    private String argument;

    @Enumerated(EnumType.STRING)
    private Status status;

    private Long decidedBy;
    private Instant decidedAt;
    private String rationale;
    private Long newHandoffId;

    @Version
    private long version;

    protected Dispute() {}

    /** Marketing disputes the rejection in handoff {@code handoffId} with an argument: open, for the liaison. */
    Dispute(long leadId, long handoffId, long openedBy, Instant openedAt, String argument) {
        this.leadId = leadId;
        this.handoffId = handoffId;
        this.openedBy = openedBy;
        this.openedAt = openedAt;
        this.argument = argument;
        this.status = Status.OPEN;
    }

    Long id() {
        return id;
    }
}
