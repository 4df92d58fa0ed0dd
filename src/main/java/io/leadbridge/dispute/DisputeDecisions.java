package io.leadbridge.dispute;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dispute.DisputeManagement.Outcome;
import io.leadbridge.dispute.DisputeView.Status;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The liaison's decision on a dispute: a conditional update, so of two decisions at once exactly one counts; then the
 * lead moves (back to marketing as rejected, or back to sales with a fresh clock) and the decision is published
 * ({@link DisputeUpheld}, {@link DisputeOverturned}): the timeline records it and both sides are told after the commit.
 */
@Component
class DisputeDecisions {

    private final DisputeRepository disputes;
    private final DisputeRecords records;
    private final DisputeCases cases;
    private final LeadManagement leads;
    private final HandoffAssignment handoffs;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DisputeDecisions(
            DisputeRepository disputes,
            DisputeRecords records,
            DisputeCases cases,
            LeadManagement leads,
            HandoffAssignment handoffs,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.disputes = disputes;
        this.records = records;
        this.cases = cases;
        this.leads = leads;
        this.handoffs = handoffs;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * The liaison decides, with a rationale. Upheld: the lead is rejected again, with marketing. Overturned: a new
     * handoff to {@code assigneeId} (or the rep who rejected it) with a fresh clock. Final: a decided dispute never
     * changes again.
     */
    DisputeView decide(long disputeId, Outcome outcome, String rationale, Long assigneeId, SignedInAccount liaison) {
        String text = rationale == null ? "" : rationale.strip();
        return transaction.execute(status -> {
            DisputeView dispute = records.dispute(disputeId);
            Optional<String> whyNot = cases.whyNotDecide(dispute, liaison);
            if (whyNot.isPresent()) {
                throw Refusal.refused(whyNot.get());
            }
            if (outcome == null) {
                throw Refusal.field("outcome", "dispute.outcomeRequired");
            }
            int decided = disputes.decideIfOpen(
                    CurrentTenant.require(),
                    disputeId,
                    outcome == Outcome.UPHOLD ? Status.UPHELD : Status.OVERTURNED,
                    liaison.accountId(),
                    clock.instant(),
                    text);
            if (decided == 0) {
                throw Refusal.conflict("dispute.changed");
            }
            Actor actor = Actor.person(liaison.accountId(), liaison.getDisplayName());
            LeadView lead = leads.lead(dispute.leadId());
            if (outcome == Outcome.UPHOLD) {
                if (!leads.move(LeadMove.uphold(dispute.leadId(), lead.version(), actor))) {
                    throw Refusal.conflict("dispute.changed");
                }
                events.publishEvent(new DisputeUpheld(
                        CurrentTenant.require(),
                        dispute.leadId(),
                        actor,
                        lead.stage(),
                        Stage.REJECTED,
                        text,
                        disputeId,
                        dispute.rejectedById(),
                        dispute.openedById(),
                        dispute.leadName()));
            } else {
                long assignee = assigneeId == null ? dispute.rejectedById() : assigneeId;
                HandoffView back;
                try {
                    back = handoffs.handBack(dispute.leadId(), Stage.IN_DISPUTE, assignee, liaison, text);
                } catch (io.leadbridge.shared.Refusal problem) {
                    throw problem.fields().isEmpty()
                            ? Refusal.conflict("dispute.changed")
                            : Refusal.field("assignee", problem.messageCode());
                }
                disputes.handedBack(CurrentTenant.require(), disputeId, back.id());
                events.publishEvent(new DisputeOverturned(
                        CurrentTenant.require(),
                        dispute.leadId(),
                        actor,
                        lead.stage(),
                        Stage.AWAITING_ACCEPTANCE,
                        text,
                        back.assigneeName(),
                        disputeId,
                        dispute.rejectedById(),
                        dispute.openedById(),
                        dispute.leadName()));
            }
            return records.dispute(disputeId);
        });
    }
}
