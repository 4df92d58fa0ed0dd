package io.leadbridge.handoff;

import static io.leadbridge.handoff.HandoffDecisions.CHANGED;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.LeadEvaluation;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.Handoff.SlaClock;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.shared.Refusal.FieldError;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who a lead handed to sales goes to: marketing hands it to a rep (chosen, or the next by round-robin), a marketer or
 * the liaison reassigns it to another rep, and the liaison's decision on a dispute hands it back. Each assignment
 * is a new {@link Handoff} that starts the rep's SLA clock afresh; a reassignment first closes the one awaiting a
 * decision, by a conditional update ({@link HandoffRepository}).
 */
@Service
public class HandoffAssignment {

    /** The stages a lead is handed off from: marketing's, before the handoff. */
    static final Set<Stage> HANDABLE = EnumSet.of(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.MARKETING_QUALIFIED);

    static final int MIN_OVERRIDE_REASON = 10;

    private final HandoffRepository repository;
    private final LeadManagement leads;
    private final FunnelManagement funnel;
    private final CriteriaManagement criteria;
    private final AccountManagement accounts;
    private final BusinessHours hours;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Handoffs handoffs;
    private final RepQueue queue;
    private final RoundRobin rotation;

    HandoffAssignment(
            HandoffRepository repository,
            LeadManagement leads,
            FunnelManagement funnel,
            CriteriaManagement criteria,
            AccountManagement accounts,
            BusinessHours hours,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            Handoffs handoffs,
            RepQueue queue,
            RoundRobin rotation) {
        this.repository = repository;
        this.leads = leads;
        this.funnel = funnel;
        this.criteria = criteria;
        this.accounts = accounts;
        this.hours = hours;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.handoffs = handoffs;
        this.queue = queue;
        this.rotation = rotation;
    }

    /** The workspace's active sales reps, who may be handed leads (those away are marked). */
    @Transactional(readOnly = true)
    public List<Person> reps() {
        return accounts.activeWith(Role.SALES_REP);
    }

    /** Whether the person may hand this lead off now. */
    public boolean mayHandOff(LeadView lead, SignedInAccount person) {
        return HANDABLE.contains(lead.stage()) && person.has(Role.MARKETER) && funnel.mayMoveOut(lead, person);
    }

    /**
     * Hands a lead to a rep ({@code assigneeId}), or by round-robin over the active reps who are not away and under
     * the agreed daily cap when {@code assigneeId} is null. A lead the criteria do not qualify needs a written
     * {@code overrideReason}, which is recorded. The SLA clock starts: the decision is due after the agreed business
     * hours, and escalates to the liaison after the agreed escalation time.
     */
    public HandoffView handOff(
            long leadId, Long expectedVersion, Long assigneeId, String overrideReason, SignedInAccount by) {
        String override = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                if (expectedVersion != null && lead.version() != expectedVersion) {
                    throw Refusal.conflict(CHANGED);
                }
                if (lead.stage() == Stage.AWAITING_ACCEPTANCE) {
                    throw Refusal.refused("handoff.alreadyAwaiting");
                }
                if (!HANDABLE.contains(lead.stage())) {
                    throw Refusal.refused("handoff.notHandable");
                }
                if (!mayHandOff(lead, by)) {
                    throw Refusal.refused("handoff.notYourStage");
                }
                Optional<LeadEvaluation> evaluation = criteria.evaluationOf(leadId);
                boolean qualified = evaluation.map(LeadEvaluation::qualified).orElse(false);
                List<FieldError> errors = new ArrayList<>();
                if (qualified) {
                    // A qualified lead needs no override; a reason typed anyway is kept as a note.
                } else if (override == null) {
                    errors.add(new FieldError("overrideReason", "handoff.overrideRequired"));
                } else if (override.length() < MIN_OVERRIDE_REASON) {
                    errors.add(new FieldError("overrideReason", "handoff.overrideTooShort"));
                }
                Person assignee = null;
                if (assigneeId != null) {
                    assignee = chosenRep(assigneeId, errors);
                }
                if (!errors.isEmpty()) {
                    throw Refusal.fields(errors);
                }
                Funnel agreed = funnel.active().funnel();
                boolean roundRobin = assignee == null;
                if (roundRobin) {
                    assignee = rotation.next(agreed.roundRobinCapPerDay());
                }
                Calendar calendar = hours.calendar();
                Instant now = clock.instant();
                SlaClock sla = SlaClock.starting(
                        now,
                        calendar,
                        Duration.ofHours(agreed.decisionHours()),
                        Duration.ofHours(agreed.escalationHours()));
                boolean moved = leads.move(LeadMove.handOff(leadId, lead.version(), actor(by)));
                if (!moved) {
                    throw Refusal.conflict(CHANGED);
                }
                Handoff handoff = repository.saveAndFlush(Handoff.handOff(
                        leadId,
                        by.accountId(),
                        assignee.id(),
                        roundRobin,
                        qualified,
                        evaluation.map(LeadEvaluation::versionId).orElse(null),
                        qualified ? null : override,
                        sla));
                events.publishEvent(new LeadHandedOff(
                        CurrentTenant.require(),
                        leadId,
                        actor(by),
                        lead.stage(),
                        Stage.AWAITING_ACCEPTANCE,
                        assignee.displayName(),
                        roundRobin,
                        qualified ? null : override,
                        assignee.id(),
                        lead.displayName()));
                queue.queueChanged(List.of(assignee.id()));
                return handoffs.handoff(handoff.id());
            });
        } catch (DataIntegrityViolationException race) {
            // Another handoff of the same lead committed first (one open handoff per lead).
            throw Refusal.conflict(CHANGED);
        }
    }

    private Person chosenRep(long assigneeId, List<FieldError> errors) {
        Optional<Person> person =
                reps().stream().filter(p -> p.id() == assigneeId).findFirst();
        if (person.isEmpty()) {
            errors.add(new FieldError("assignee", "handoff.notARep"));
            return null;
        }
        if (person.get().away()) {
            errors.add(new FieldError("assignee", "handoff.repAway"));
        }
        return person.get();
    }

    /**
     * Gives an awaiting handoff to another rep (a marketer or the liaison, e.g. when the rep is away): the old handoff
     * is closed as reassigned and the new rep gets a fresh clock.
     */
    public HandoffView reassign(long leadId, Long expectedVersion, Long assigneeId, String note, SignedInAccount by) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!by.has(Role.MARKETER) && !by.has(Role.LIAISON)) {
            throw Refusal.refused("handoff.reassignNotAllowed");
        }
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                List<FieldError> errors = new ArrayList<>();
                Person assignee = assigneeId == null ? null : chosenRep(assigneeId, errors);
                if (assigneeId == null) {
                    errors.add(new FieldError("assignee", "handoff.notARep"));
                }
                if (!errors.isEmpty()) {
                    throw Refusal.fields(errors);
                }
                if (expectedVersion != null && lead.version() != expectedVersion) {
                    throw Refusal.conflict(CHANGED);
                }
                HandoffView current = handoffs.awaitingOf(leadId).orElseThrow(() -> Refusal.conflict(CHANGED));
                if (current.assigneeId() == assignee.id()) {
                    throw Refusal.field("assignee", "handoff.sameRep");
                }
                UUID tenant = CurrentTenant.require();
                if (repository.reassignIfAwaiting(tenant, current.id(), by.accountId(), clock.instant(), text) == 0) {
                    // Decided, returned or reassigned since it was read.
                    throw Refusal.conflict(CHANGED);
                }
                boolean moved = leads.move(LeadMove.reassign(leadId, lead.version(), actor(by)));
                if (!moved) {
                    throw Refusal.conflict(CHANGED);
                }
                Handoff previous = repository.find(tenant, current.id()).orElseThrow();
                long id = followUp(previous, assignee.id(), null, by.accountId());
                events.publishEvent(new HandoffReassigned(
                        CurrentTenant.require(),
                        leadId,
                        actor(by),
                        lead.stage(),
                        Stage.AWAITING_ACCEPTANCE,
                        current.assigneeName(),
                        assignee.displayName(),
                        text,
                        assignee.id(),
                        lead.displayName()));
                queue.queueChanged(List.of(current.assigneeId(), assignee.id()));
                return handoffs.handoff(id);
            });
        } catch (DataIntegrityViolationException race) {
            throw Refusal.conflict(CHANGED);
        }
    }

    /**
     * Hands a lead back to sales after the liaison overturned its rejection: a new handoff to {@code assigneeId} (the
     * rep who rejected it, or another) with a fresh clock, marked as coming from the liaison's decision ({@code
     * rationale}). Runs in the caller's transaction, whose decision goes on the timeline; the lead must still be in
     * {@code from}, the stage the hand-back is legal from.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public HandoffView handBack(long leadId, Stage from, long assigneeId, SignedInAccount liaison, String rationale) {
        List<FieldError> errors = new ArrayList<>();
        Person assignee = chosenRep(assigneeId, errors);
        if (!errors.isEmpty()) {
            throw Refusal.fields(errors);
        }
        LeadView lead = leads.lead(leadId);
        Handoff previous =
                repository.findLatest(CurrentTenant.require(), leadId).orElseThrow(() -> Refusal.conflict(CHANGED));
        if (!leads.move(LeadMove.handBack(leadId, lead.version(), actor(liaison)))) {
            throw Refusal.conflict(CHANGED);
        }
        long id = followUp(previous, assignee.id(), rationale, liaison.accountId());
        events.publishEvent(
                new LeadHandedBack(CurrentTenant.require(), leadId, actor(liaison), assignee.id(), lead.displayName()));
        queue.queueChanged(List.of(assignee.id()));
        return handoffs.handoff(id);
    }

    /**
     * A new handoff that continues {@code previous} (same lead, marketer and qualification) with another rep and a
     * fresh clock: after a reassignment, or when the liaison's decision hands the lead back ({@code handedBackNote}).
     */
    private long followUp(Handoff previous, long assigneeId, String handedBackNote, long assignedBy) {
        Funnel agreed = funnel.active().funnel();
        Calendar calendar = hours.calendar();
        Instant now = clock.instant();
        SlaClock fresh = SlaClock.starting(
                now, calendar, Duration.ofHours(agreed.decisionHours()), Duration.ofHours(agreed.escalationHours()));
        return repository
                .saveAndFlush(previous.followUp(assigneeId, fresh, handedBackNote, assignedBy))
                .id();
    }

    private static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }
}
