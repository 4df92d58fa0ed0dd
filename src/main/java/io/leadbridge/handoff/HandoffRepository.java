package io.leadbridge.handoff;

import io.leadbridge.handoff.HandoffView.Status;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The handoffs, as the commands that change one of them see it. Each decision on a handoff is one conditional
 * statement, answering the number of rows it changed, so that of two people acting at once exactly one wins and the
 * other is told; a bulk statement runs before anything of the handoff is loaded in its transaction, and what the caller
 * needs of the row is read after it (or, for an undo, before it as a {@link Decision}, which is no entity). The pages'
 * lists and the queue are SQL read models ({@link HandoffRows}, {@link RepQueue}); the SLA watch marks due handoffs by
 * a set-based statement ({@link SlaWatch}). Hibernate's tenant filter does not reach bulk statements (HHH-20883), so
 * every query names the tenant itself (row-level security is the backstop, ADR 0001).
 */
interface HandoffRepository extends Repository<Handoff, Long> {

    /**
     * Writes a new handoff at once, so that a lead handed off twice at the same moment is refused where the handoff is
     * made: a lead awaits at most one decision at a time (the unique index {@code handoff_one_open}).
     */
    Handoff saveAndFlush(Handoff handoff);

    @Query("select h from Handoff h where h.tenantId = :tenant and h.id = :id")
    Optional<Handoff> find(@Param("tenant") UUID tenant, @Param("id") long id);

    /** The lead's latest handoff: the one awaiting a decision, if any, or else the last one decided. */
    @Query("select h from Handoff h where h.tenantId = :tenant and h.leadId = :lead order by h.id desc limit 1")
    Optional<Handoff> findLatest(@Param("tenant") UUID tenant, @Param("lead") long leadId);

    /**
     * The rep's decision ({@code ACCEPTED} or {@code REJECTED}) on the lead's handoff, only while it still awaits one
     * and is the rep's; answers 0, changing nothing, otherwise. It remembers what an undo needs to put back: the lead's
     * owner before the decision and the lead's version after it.
     */
    @Modifying
    @Query("""
            update Handoff h set h.status = :outcome, h.decidedBy = :rep, h.decidedAt = :at, h.reasonCode = :reason,
                h.comment = :comment, h.ownerBeforeDecision = :ownerBefore, h.leadVersionAfterDecision = :leadVersion,
                h.version = h.version + 1
            where h.tenantId = :tenant and h.leadId = :lead and h.status = AWAITING and h.assigneeId = :rep
            """)
    int decideIfAwaiting(
            @Param("tenant") UUID tenant,
            @Param("lead") long leadId,
            @Param("rep") long repId,
            @Param("outcome") Status outcome,
            @Param("at") Instant decidedAt,
            @Param("reason") String reasonCode,
            @Param("comment") String comment,
            @Param("ownerBefore") Long ownerBefore,
            @Param("leadVersion") long leadVersionAfter);

    /** Whether the lead's handoff awaits the decision of another rep than {@code rep}. */
    @Query("""
            select count(h) > 0 from Handoff h
            where h.tenantId = :tenant and h.leadId = :lead and h.status = AWAITING and h.assigneeId <> :rep
            """)
    boolean awaitsAnother(@Param("tenant") UUID tenant, @Param("lead") long leadId, @Param("rep") long repId);

    /**
     * The liaison returns the lead's handoff to marketing, only while it still awaits a decision; answers 0, changing
     * nothing, otherwise.
     */
    @Modifying
    @Query("""
            update Handoff h set h.status = RETURNED, h.decidedBy = :liaison, h.decidedAt = :at, h.comment = :note,
                h.version = h.version + 1
            where h.tenantId = :tenant and h.leadId = :lead and h.status = AWAITING
            """)
    int returnIfAwaiting(
            @Param("tenant") UUID tenant,
            @Param("lead") long leadId,
            @Param("liaison") long liaisonId,
            @Param("at") Instant decidedAt,
            @Param("note") String note);

    /**
     * Closes the handoff as given to another rep, only while it still awaits a decision; answers 0, changing nothing,
     * otherwise. The handoff that continues it is a new one ({@link Handoff#followUp}).
     */
    @Modifying
    @Query("""
            update Handoff h set h.status = REASSIGNED, h.decidedBy = :by, h.decidedAt = :at, h.comment = :note,
                h.version = h.version + 1
            where h.tenantId = :tenant and h.id = :id and h.status = AWAITING
            """)
    int reassignIfAwaiting(
            @Param("tenant") UUID tenant,
            @Param("id") long id,
            @Param("by") long byId,
            @Param("at") Instant decidedAt,
            @Param("note") String note);

    /** The decision on a handoff, as an undo needs it: what it was, by whom and when, and what it changed. */
    interface Decision {

        long getId();

        Status getStatus();

        Long getDecidedBy();

        Instant getDecidedAt();

        Long getOwnerBeforeDecision();

        Long getLeadVersionAfterDecision();

        long getHandedBy();

        long getVersion();
    }

    /** The decision on the lead's latest handoff, if it was ever handed off (read as values, not as an entity). */
    @Query("""
            select h.id as id, h.status as status, h.decidedBy as decidedBy, h.decidedAt as decidedAt,
                h.ownerBeforeDecision as ownerBeforeDecision, h.leadVersionAfterDecision as leadVersionAfterDecision,
                h.handedBy as handedBy, h.version as version
            from Handoff h where h.tenantId = :tenant and h.leadId = :lead order by h.id desc limit 1
            """)
    Optional<Decision> latestDecision(@Param("tenant") UUID tenant, @Param("lead") long leadId);

    /**
     * Undoes the rep's decision on the handoff: it awaits their decision again, and forgets what the decision changed.
     * Only while the handoff is still at {@code version} (as the undo read it), still the lead's latest, decided by
     * {@code rep} after {@code since}; answers 0, changing nothing, otherwise.
     */
    @Modifying
    @Query("""
            update Handoff h set h.status = AWAITING, h.decidedBy = null, h.decidedAt = null, h.reasonCode = null,
                h.comment = null, h.ownerBeforeDecision = null, h.leadVersionAfterDecision = null,
                h.version = h.version + 1
            where h.tenantId = :tenant and h.id = :id and h.version = :version and h.decidedBy = :rep
              and h.status in (ACCEPTED, REJECTED) and h.decidedAt > :since and h.leadVersionAfterDecision is not null
              and h.id = (select max(l.id) from Handoff l where l.tenantId = :tenant and l.leadId = h.leadId)
            """)
    int undoIfAt(
            @Param("tenant") UUID tenant,
            @Param("id") long id,
            @Param("version") long version,
            @Param("rep") long repId,
            @Param("since") Instant since);
}
