package io.leadbridge.dispute;

import io.leadbridge.dispute.DisputeView.Status;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The disputes. A decision is one conditional statement, so that of two liaisons deciding at once one wins and the
 * other is told. Hibernate's tenant filter does not reach bulk statements: each query names the tenant itself
 * (row-level security is the backstop, ADR 0001). The pages' reads of disputes are SQL ({@link DisputeRecords}).
 */
interface DisputeRepository extends Repository<Dispute, Long> {

    /**
     * Opens a dispute and writes it at once, so that a second dispute of the same rejection, or a second open one of
     * the lead, is refused by the database's constraints where it is opened.
     */
    Dispute saveAndFlush(Dispute dispute);

    /** Whether the handoff's rejection was disputed. */
    @Query("select count(d) > 0 from Dispute d where d.tenantId = :tenant and d.handoffId = :handoff")
    boolean disputed(@Param("tenant") UUID tenant, @Param("handoff") long handoffId);

    /**
     * Decides the dispute as {@code outcome} if it is still open; answers 0, changing nothing, when another decision
     * came first. Run before anything of the dispute is loaded in the transaction (the records are read by SQL).
     */
    @Modifying
    @Query("""
            update Dispute d set d.status = :outcome, d.decidedBy = :liaison, d.decidedAt = :at,
                d.rationale = :rationale, d.version = d.version + 1
            where d.tenantId = :tenant and d.id = :id and d.status = OPEN
            """)
    int decideIfOpen(
            @Param("tenant") UUID tenant,
            @Param("id") long id,
            @Param("outcome") Status outcome,
            @Param("liaison") long liaisonId,
            @Param("at") Instant at,
            @Param("rationale") String rationale);

    /**
     * Notes the handoff by which an overturned dispute gave its lead back to sales: the second half of the decision,
     * in its transaction, after {@link #decideIfOpen} (so nothing of the dispute is loaded there either).
     */
    @Modifying
    @Query("""
            update Dispute d set d.newHandoffId = :handoff
            where d.tenantId = :tenant and d.id = :id and d.status = OVERTURNED
            """)
    int handedBack(@Param("tenant") UUID tenant, @Param("id") long id, @Param("handoff") long handoffId);
}
