package io.leadbridge.lead;

import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lead's stage machine at work: makes a {@link LeadMove} on the {@link Lead}, for {@link
 * LeadManagement#move(LeadMove)}.
 */
@Component
class LeadMoves {

    private final LeadRepository leads;
    private final Clock clock;

    LeadMoves(LeadRepository leads, Clock clock) {
        this.leads = leads;
        this.clock = clock;
    }

    /**
     * Moves the lead, in the caller's transaction, while it is still at the version the asker saw. Answers the stage it
     * moved from, or empty when the lead changed meanwhile; a move the stage machine does not allow from the lead's
     * stage is refused.
     *
     * <p>The lead's row is locked first, so of two moves at once the second waits for the first and then finds another
     * version. The callers have usually loaded the lead earlier in their transaction: a copy that is not at the version
     * the database holds now (changed by someone else since) is never moved, so it cannot be written over. The move is
     * written where it is made ({@code saveAndFlush}): the rest of the caller's transaction reads it, by SQL (the
     * stage counts, the timeline, the handoff's reads, the records it answers) and as the lead's new version.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Stage> move(LeadMove move) {
        Optional<Long> current = leads.lockVersion(CurrentTenant.require(), move.leadId());
        if (current.isEmpty() || current.get() != move.expectedVersion()) {
            return Optional.empty();
        }
        Lead lead = leads.findById(move.leadId()).orElseThrow();
        if (lead.version() != move.expectedVersion()) {
            // Loaded earlier in this transaction, at a version someone else has changed since.
            return Optional.empty();
        }
        Stage from = lead.stage();
        if (!move.legalFrom(from)) {
            throw Refusal.refused("funnel.moveNotAllowed");
        }
        lead.move(move.to(), move.owner(), move.dealValue(), clock.instant());
        leads.saveAndFlush(lead);
        return Optional.of(from);
    }
}
