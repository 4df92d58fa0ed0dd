package io.leadbridge.lead;

import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.persistence.EntityManager;
import java.sql.Types;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead's stage machine at work: makes a {@link LeadMove} as one conditional update, for {@link
 * LeadManagement#move(LeadMove)}.
 */
@Component
class LeadMoves {

    private final JdbcClient jdbc;
    private final EntityManager entityManager;

    LeadMoves(JdbcClient jdbc, EntityManager entityManager) {
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /**
     * Moves the lead, in the caller's transaction, while it is still at the version the asker saw. Answers the stage it
     * moved from, or empty when the lead changed meanwhile; a move the stage machine does not allow from the lead's
     * stage is refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Stage> move(LeadMove move) {
        entityManager.flush();
        Optional<Stage> from = jdbc.sql("select stage from lead where tenant_id = ? and id = ? and version = ?")
                .params(CurrentTenant.require(), move.leadId(), move.expectedVersion())
                .query(String.class)
                .optional()
                .map(Stage::valueOf);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        if (!move.legalFrom(from.get())) {
            throw Refusal.refused("funnel.moveNotAllowed");
        }
        int moved = jdbc.sql("""
                        update lead set stage = :to, updated_at = now(), version = version + 1,
                            owner_id = case when :changeOwner then cast(:owner as bigint) else owner_id end,
                            deal_value = coalesce(cast(:dealValue as numeric), deal_value),
                            won_at = case when :to = 'WON' then now() else won_at end
                        where tenant_id = :tenant and id = :id and stage = :from and version = :version
                        """)
                .param("to", move.to().name())
                .param("changeOwner", move.owner().change())
                .param("owner", move.owner().ownerId(), Types.BIGINT)
                .param("dealValue", move.dealValue(), Types.NUMERIC)
                .param("tenant", CurrentTenant.require())
                .param("id", move.leadId())
                .param("from", from.get().name())
                .param("version", move.expectedVersion())
                .update();
        if (moved == 0) {
            return Optional.empty();
        }
        // Leads read earlier in this transaction are now stale: read them again from the database.
        entityManager.clear();
        return from;
    }
}
