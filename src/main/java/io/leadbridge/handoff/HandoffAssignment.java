package io.leadbridge.handoff;

import static io.leadbridge.handoff.HandoffDecisions.CHANGED;
import static io.leadbridge.handoff.HandoffRows.VIEW_COLUMNS;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.LeadEvaluation;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
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
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who a lead handed to sales goes to: marketing hands it to a rep (chosen, or the next by round-robin), a marketer or
 * the liaison reassigns it to another rep, and the liaison's decision on a dispute hands it back. Each assignment
 * starts the rep's SLA clock afresh.
 */
@Service
public class HandoffAssignment {

    /** The stages a lead is handed off from: marketing's, before the handoff. */
    static final Set<Stage> HANDABLE = EnumSet.of(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.MARKETING_QUALIFIED);

    static final int MIN_OVERRIDE_REASON = 10;

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final FunnelManagement funnel;
    private final CriteriaManagement criteria;
    private final AccountManagement accounts;
    private final BusinessHours hours;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Handoffs handoffs;
    private final HandoffRows rows;
    private final RepQueue queue;
    private final RoundRobin rotation;

    HandoffAssignment(
            JdbcClient jdbc,
            LeadManagement leads,
            FunnelManagement funnel,
            CriteriaManagement criteria,
            AccountManagement accounts,
            BusinessHours hours,
            ApplicationEventPublisher events,
            Clock clock,
            PlatformTransactionManager transactionManager,
            Handoffs handoffs,
            HandoffRows rows,
            RepQueue queue,
            RoundRobin rotation) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.funnel = funnel;
        this.criteria = criteria;
        this.accounts = accounts;
        this.hours = hours;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
        this.handoffs = handoffs;
        this.rows = rows;
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
                Instant due = calendar.plus(now, Duration.ofHours(agreed.decisionHours()));
                Instant escalate = calendar.plus(now, Duration.ofHours(agreed.escalationHours()));
                boolean moved = leads.move(LeadMove.handOff(leadId, lead.version(), actor(by)));
                if (!moved) {
                    throw Refusal.conflict(CHANGED);
                }
                long id = jdbc.sql("""
                                insert into handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified,
                                    criteria_version_id, override_reason, handed_at, due_at, escalate_at, status)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'AWAITING')
                                returning id
                                """)
                        .params(
                                CurrentTenant.require(),
                                leadId,
                                by.accountId(),
                                assignee.id(),
                                roundRobin,
                                qualified,
                                evaluation.map(LeadEvaluation::versionId).orElse(null),
                                qualified ? null : override,
                                Timestamp.from(now),
                                Timestamp.from(due),
                                Timestamp.from(escalate))
                        .query(Long.class)
                        .single();
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
                return handoffs.handoff(id);
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
                HandoffView current = jdbc.sql(VIEW_COLUMNS
                                + " where h.tenant_id = ? and h.lead_id = ? and h.status = 'AWAITING' for update of h")
                        .params(CurrentTenant.require(), leadId)
                        .query(rows::view)
                        .optional()
                        .orElseThrow(() -> Refusal.conflict(CHANGED));
                if (current.assigneeId() == assignee.id()) {
                    throw Refusal.field("assignee", "handoff.sameRep");
                }
                Instant now = clock.instant();
                jdbc.sql("""
                                update handoff set status = 'REASSIGNED', decided_by = ?, decided_at = ?, comment = ?,
                                    version = version + 1
                                where tenant_id = ? and id = ? and status = 'AWAITING'
                                """)
                        .params(by.accountId(), Timestamp.from(now), text, CurrentTenant.require(), current.id())
                        .update();
                boolean moved = leads.move(LeadMove.reassign(leadId, lead.version(), actor(by)));
                if (!moved) {
                    throw Refusal.conflict(CHANGED);
                }
                long id = followUp(current.id(), assignee.id(), null, by.accountId());
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
        HandoffView previous = handoffs.latestOf(leadId).orElseThrow(() -> Refusal.conflict(CHANGED));
        if (!leads.move(LeadMove.handBack(leadId, lead.version(), actor(liaison)))) {
            throw Refusal.conflict(CHANGED);
        }
        long id = followUp(previous.id(), assignee.id(), rationale, liaison.accountId());
        events.publishEvent(
                new LeadHandedBack(CurrentTenant.require(), leadId, actor(liaison), assignee.id(), lead.displayName()));
        queue.queueChanged(List.of(assignee.id()));
        return handoffs.handoff(id);
    }

    /**
     * A new handoff that continues {@code previousId} (same lead, marketer and qualification) with another rep and a
     * fresh clock: after a reassignment, or when the liaison's decision hands the lead back ({@code handedBackNote}).
     */
    private long followUp(long previousId, long assigneeId, String handedBackNote, long assignedBy) {
        Funnel agreed = funnel.active().funnel();
        Calendar calendar = hours.calendar();
        Instant now = clock.instant();
        return jdbc.sql("""
                        insert into handoff (tenant_id, lead_id, handed_by, assignee_id, round_robin, qualified,
                            criteria_version_id, override_reason, handed_at, due_at, escalate_at, status,
                            handed_back_note, assigned_by)
                        select tenant_id, lead_id, handed_by, ?, false, qualified, criteria_version_id,
                            override_reason, ?, ?, ?, 'AWAITING', ?, ?
                        from handoff where tenant_id = ? and id = ?
                        returning id
                        """)
                .params(
                        assigneeId,
                        Timestamp.from(now),
                        Timestamp.from(calendar.plus(now, Duration.ofHours(agreed.decisionHours()))),
                        Timestamp.from(calendar.plus(now, Duration.ofHours(agreed.escalationHours()))),
                        handedBackNote,
                        assignedBy,
                        CurrentTenant.require(),
                        previousId)
                .query(Long.class)
                .single();
    }

    private static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }
}
