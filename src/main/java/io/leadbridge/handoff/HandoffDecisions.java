package io.leadbridge.handoff;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.HandoffRepository.Decision;
import io.leadbridge.handoff.HandoffView.Status;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.shared.Refusal.FieldError;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What is decided about a lead handed to sales: the rep accepts or rejects it (and may undo that for a few seconds),
 * or the liaison returns an undecided handoff to marketing. Every decision is one conditional update of the {@link
 * Handoff} ({@link HandoffRepository}): it only succeeds while the handoff still awaits a decision, so of two people
 * acting at once exactly one wins and the other is told the lead changed.
 */
@Service
public class HandoffDecisions {

    /** The message of a refusal because someone acted on the lead since the person saw it (a conflict). */
    public static final String CHANGED = "handoff.changed";

    /** How long after accepting or rejecting the rep may undo it. */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

    /** The decisions an undo takes back. */
    private static final Set<Status> UNDOABLE = EnumSet.of(Status.ACCEPTED, Status.REJECTED);

    private final JdbcClient jdbc;
    private final HandoffRepository handoffs;
    private final LeadManagement leads;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final RejectionReasons rejectionReasons;
    private final RepQueue queue;

    private final ApplicationEventPublisher events;

    HandoffDecisions(
            JdbcClient jdbc,
            HandoffRepository handoffs,
            LeadManagement leads,
            Clock clock,
            PlatformTransactionManager transactionManager,
            RejectionReasons rejectionReasons,
            RepQueue queue,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.handoffs = handoffs;
        this.leads = leads;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.rejectionReasons = rejectionReasons;
        this.queue = queue;
    }

    /** The reasons a rep may give for a rejection: the workspace's active ones, in its order. */
    @Transactional(readOnly = true)
    public List<RejectionReason> reasons() {
        return jdbc.sql("""
                        select code, comment_required from rejection_reason
                        where tenant_id = ? and active order by position, code
                        """)
                .param(CurrentTenant.require())
                .query((rs, row) ->
                        new RejectionReason(rs.getString(1), rs.getBoolean(2), rejectionReasons.label(rs.getString(1))))
                .list();
    }

    /** The rep accepts: the lead becomes sales-accepted and theirs. */
    public void accept(long leadId, Long expectedVersion, SignedInAccount rep) {
        transaction.executeWithoutResult(status -> {
            LeadView lead = leads.lead(leadId);
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw Refusal.conflict(CHANGED);
            }
            long handedBy = decide(lead, rep, Status.ACCEPTED, null, null);
            boolean moved = leads.move(LeadMove.accept(leadId, lead.version(), rep.accountId(), actor(rep)));
            if (!moved) {
                throw Refusal.conflict(CHANGED);
            }
            events.publishEvent(new HandoffAccepted(
                    CurrentTenant.require(),
                    leadId,
                    actor(rep),
                    Stage.AWAITING_ACCEPTANCE,
                    Stage.SALES_ACCEPTED,
                    handedBy,
                    lead.displayName()));
        });
    }

    /**
     * The rep rejects with a reason from the workspace's list (and a comment where the reason needs one): the lead
     * goes back to marketing, marked rejected, awaiting marketing's answer.
     */
    public void reject(long leadId, Long expectedVersion, String reasonCode, String comment, SignedInAccount rep) {
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        transaction.executeWithoutResult(status -> {
            LeadView lead = leads.lead(leadId);
            List<FieldError> errors = new ArrayList<>();
            Optional<RejectionReason> reason =
                    reasons().stream().filter(r -> r.code().equals(reasonCode)).findFirst();
            if (reason.isEmpty()) {
                errors.add(new FieldError("reason", "handoff.reasonRequired"));
            } else if (reason.get().commentRequired() && text == null) {
                errors.add(new FieldError("comment", rejectionReasons.commentRequiredMessage(reasonCode)));
            }
            if (!errors.isEmpty()) {
                throw Refusal.fields(errors);
            }
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw Refusal.conflict(CHANGED);
            }
            long handedBy = decide(lead, rep, Status.REJECTED, reasonCode, text);
            boolean moved = leads.move(LeadMove.reject(leadId, lead.version(), actor(rep)));
            if (!moved) {
                throw Refusal.conflict(CHANGED);
            }
            events.publishEvent(new HandoffRejected(
                    CurrentTenant.require(),
                    leadId,
                    actor(rep),
                    Stage.AWAITING_ACCEPTANCE,
                    Stage.REJECTED,
                    reasonCode,
                    text,
                    handedBy,
                    lead.displayName()));
        });
    }

    /**
     * The decision itself: only while the handoff awaits one, and only by its assignee; answers who handed the lead
     * off. It remembers what an undo needs to put back: the lead's owner before, and the lead's version after the
     * decision's move (which the caller makes next, from the version read: one more).
     */
    private long decide(LeadView lead, SignedInAccount rep, Status outcome, String reasonCode, String comment) {
        UUID tenant = CurrentTenant.require();
        long leadId = lead.id();
        long seenVersion = lead.version();
        int decided = handoffs.decideIfAwaiting(
                tenant,
                leadId,
                rep.accountId(),
                outcome,
                clock.instant(),
                reasonCode,
                comment,
                lead.ownerId(),
                seenVersion + 1);
        if (decided == 1) {
            queue.queueChanged(List.of(rep.accountId()));
            // Read after the decision, so the handoff is read as the decision left it.
            return handoffs.findLatest(tenant, leadId).orElseThrow().handedBy();
        }
        // Nothing to decide: someone acted on the lead since the rep saw it, or it was never theirs.
        // (Read from the database, not the persistence context, which still holds the lead as it was first read.)
        boolean changedSince = jdbc.sql("select version from lead_record where tenant_id = ? and id = ?")
                        .params(tenant, leadId)
                        .query(Long.class)
                        .single()
                != seenVersion;
        boolean someoneElses = handoffs.awaitsAnother(tenant, leadId, rep.accountId());
        throw someoneElses && !changedSince ? Refusal.refused("handoff.notYours") : Refusal.conflict(CHANGED);
    }

    /** What an undo put back: the decision it undid ({@code ACCEPTED} or {@code REJECTED}). */
    public record Undone(long leadId, String decision) {}

    /**
     * The rep takes back their accept or reject within {@link #UNDO_WINDOW}: the handoff awaits their decision again
     * and the lead is back where the decision found it (stage, owner); the queue's counts and the stage counts follow
     * from that. One conditional update decides whether the undo happens: only the lead's latest handoff, only if this
     * rep decided it, only within the window, and only while nothing happened to the lead since (its version is still
     * the one the decision left), so of two undos, or an undo and anything else, exactly one wins. The timeline keeps
     * the decision and records its undo, and marketing, who was told of the decision, is told of the undo.
     */
    public Undone undo(long leadId, SignedInAccount rep) {
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                UUID tenant = CurrentTenant.require();
                Instant since = clock.instant().minus(UNDO_WINDOW);
                Decision undone = handoffs.latestDecision(tenant, leadId)
                        .filter(decision -> undoable(decision, rep, since))
                        .orElseThrow(() -> undoRefused(leadId, rep));
                if (handoffs.undoIfAt(tenant, undone.getId(), undone.getVersion(), rep.accountId(), since) == 0) {
                    // Someone undid or changed it since it was read.
                    throw undoRefused(leadId, rep);
                }
                boolean moved = leads.move(LeadMove.undoDecision(
                        leadId, undone.getLeadVersionAfterDecision(), undone.getOwnerBeforeDecision(), actor(rep)));
                if (!moved) {
                    // Someone acted on the lead since the decision: that stands, the undo rolls back.
                    throw Refusal.refused("handoff.undoChanged");
                }
                events.publishEvent(new DecisionUndone(
                        CurrentTenant.require(),
                        leadId,
                        actor(rep),
                        undone.getStatus() == Status.ACCEPTED ? Stage.SALES_ACCEPTED : Stage.REJECTED,
                        Stage.AWAITING_ACCEPTANCE,
                        undone.getStatus().name(),
                        undone.getHandedBy(),
                        lead.displayName()));
                queue.queueChanged(List.of(rep.accountId()));
                return new Undone(leadId, undone.getStatus().name());
            });
        } catch (DataIntegrityViolationException race) {
            // The lead was handed off anew meanwhile (one open handoff per lead).
            throw Refusal.refused("handoff.undoChanged");
        }
    }

    /** Whether the rep may undo this decision now: their own accept or reject, made after {@code since}. */
    private static boolean undoable(Decision decision, SignedInAccount rep, Instant since) {
        return Long.valueOf(rep.accountId()).equals(decision.getDecidedBy())
                && UNDOABLE.contains(decision.getStatus())
                && decision.getDecidedAt().isAfter(since)
                && decision.getLeadVersionAfterDecision() != null;
    }

    /** Why there is nothing to undo: the window closed, or the lead changed since, or it was never this rep's decision. */
    private Refusal undoRefused(long leadId, SignedInAccount rep) {
        boolean latestMine = handoffs.latestDecision(CurrentTenant.require(), leadId)
                .map(decision -> Long.valueOf(rep.accountId()).equals(decision.getDecidedBy())
                        && UNDOABLE.contains(decision.getStatus()))
                .orElse(false);
        return Refusal.refused(latestMine ? "handoff.undoTooLate" : "handoff.undoChanged");
    }

    /**
     * The liaison sends an undecided (typically escalated) handoff back to marketing, with a note: the handoff is closed
     * as returned and the lead is marketing qualified again.
     */
    public void returnToMarketing(long leadId, Long expectedVersion, String note, SignedInAccount liaison) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!liaison.has(Role.LIAISON)) {
            throw Refusal.refused("handoff.returnNotAllowed");
        }
        if (text == null) {
            throw Refusal.field("note", "handoff.returnNoteRequired");
        }
        if (text.length() > 1000) {
            throw Refusal.field("note", "handoff.noteTooLong");
        }
        if (!PlainTexts.multiLine(text)) {
            throw Refusal.field("note", "validation.plainText");
        }
        transaction.executeWithoutResult(status -> {
            LeadView lead = leads.lead(leadId);
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw Refusal.conflict(CHANGED);
            }
            UUID tenant = CurrentTenant.require();
            if (handoffs.returnIfAwaiting(tenant, leadId, liaison.accountId(), clock.instant(), text) == 0) {
                throw Refusal.conflict(CHANGED);
            }
            Handoff returned = handoffs.findLatest(tenant, leadId).orElseThrow();
            if (!leads.move(LeadMove.returnToMarketing(leadId, lead.version(), actor(liaison)))) {
                throw Refusal.conflict(CHANGED);
            }
            queue.queueChanged(List.of(returned.assigneeId()));
            events.publishEvent(new LeadReturnedToMarketing(
                    CurrentTenant.require(),
                    leadId,
                    actor(liaison),
                    lead.stage(),
                    Stage.MARKETING_QUALIFIED,
                    text,
                    returned.handedBy(),
                    lead.displayName()));
        });
    }

    private static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }
}
