package io.leadbridge.handoff;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.LeadEvaluation;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.handoff.HandoffProblem.FieldError;
import io.leadbridge.handoff.HandoffView.Status;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.BusinessHours;
import io.leadbridge.tenant.BusinessHours.Calendar;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.WorkspaceOpened;
import io.leadbridge.text.PlainTexts;
import io.leadbridge.timeline.LiveSignals;
import io.leadbridge.timeline.Notifications;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands leads from marketing to sales and records sales' decision. Every decision is one conditional update: it only
 * succeeds while the handoff still awaits a decision, so of two people acting at once exactly one wins and the other
 * is told the lead changed.
 */
@Service
public class HandoffManagement {

    public static final String HANDED_OFF = "HANDED_OFF";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String REASSIGNED = "REASSIGNED";
    public static final String SLA_BREACHED = "SLA_BREACHED";
    public static final String ESCALATED = "ESCALATED";
    public static final String RETURNED = "RETURNED_TO_MARKETING";
    public static final String UNDONE = "DECISION_UNDONE";

    /** How long after accepting or rejecting the rep may undo it. */
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

    /** The stages a lead is handed off from: marketing's, before the handoff. */
    public static final Set<Stage> HANDABLE = EnumSet.of(Stage.NEW_INQUIRY, Stage.NURTURE, Stage.MARKETING_QUALIFIED);

    static final int MIN_OVERRIDE_REASON = 10;
    static final int QUEUE_PAGE = 25;

    private static final String VIEW_COLUMNS = """
            select h.id, h.lead_id, h.assignee_id, a.display_name as assignee_name, h.handed_by,
                   b.display_name as handed_by_name, h.round_robin, h.qualified, h.override_reason, h.handed_at,
                   h.due_at, h.escalate_at, h.status, d.display_name as decided_by_name, h.decided_at, h.reason_code,
                   h.comment, h.breached_at, h.escalated_at, g.display_name as assigned_by_name,
                   h.handed_back_note is not null as handed_back
            from handoff h
            join account a on a.tenant_id = h.tenant_id and a.id = h.assignee_id
            join account b on b.tenant_id = h.tenant_id and b.id = h.handed_by
            left join account d on d.tenant_id = h.tenant_id and d.id = h.decided_by
            left join account g on g.tenant_id = h.tenant_id and g.id = h.assigned_by
            """;

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final FunnelManagement funnel;
    private final CriteriaManagement criteria;
    private final AccountManagement accounts;
    private final BusinessHours hours;
    private final Notifications notifications;
    private final Clock clock;
    private final TransactionTemplate transaction;

    private final RejectionReasons rejectionReasons;
    private final LiveSignals live;
    private final ApplicationEventPublisher events;

    HandoffManagement(
            JdbcClient jdbc,
            LeadManagement leads,
            FunnelManagement funnel,
            CriteriaManagement criteria,
            AccountManagement accounts,
            BusinessHours hours,
            Notifications notifications,
            Clock clock,
            PlatformTransactionManager transactionManager,
            RejectionReasons rejectionReasons,
            LiveSignals live,
            ApplicationEventPublisher events) {
        this.events = events;
        this.rejectionReasons = rejectionReasons;
        this.live = live;
        this.jdbc = jdbc;
        this.leads = leads;
        this.funnel = funnel;
        this.criteria = criteria;
        this.accounts = accounts;
        this.hours = hours;
        this.notifications = notifications;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Every new workspace starts with the default rejection reasons and business hours. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(WorkspaceOpened opened) {
        jdbc.sql("select open_handoff_defaults(?)")
                .param(opened.tenantId())
                .query(Object.class)
                .list();
    }

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
                    throw HandoffProblem.changed();
                }
                if (lead.stage() == Stage.AWAITING_ACCEPTANCE) {
                    throw HandoffProblem.refused("handoff.alreadyAwaiting");
                }
                if (!HANDABLE.contains(lead.stage())) {
                    throw HandoffProblem.refused("handoff.notHandable");
                }
                if (!mayHandOff(lead, by)) {
                    throw HandoffProblem.refused("handoff.notYourStage");
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
                if (override != null && override.length() > 1000) {
                    errors.add(new FieldError("overrideReason", "handoff.overrideTooLong"));
                } else if (!PlainTexts.multiLine(override)) {
                    errors.add(new FieldError("overrideReason", "validation.plainText"));
                }
                Person assignee = null;
                if (assigneeId != null) {
                    assignee = chosenRep(assigneeId, errors);
                }
                if (!errors.isEmpty()) {
                    throw HandoffProblem.fields(errors);
                }
                Funnel agreed = funnel.active().funnel();
                boolean roundRobin = assignee == null;
                if (roundRobin) {
                    assignee = nextInRotation(agreed.roundRobinCapPerDay());
                }
                Calendar calendar = hours.calendar();
                Instant now = clock.instant();
                Instant due = calendar.plus(now, Duration.ofHours(agreed.decisionHours()));
                Instant escalate = calendar.plus(now, Duration.ofHours(agreed.escalationHours()));
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("assignee", assignee.displayName());
                facts.put("roundRobin", Boolean.toString(roundRobin));
                if (!qualified) {
                    facts.put("override", override);
                }
                boolean moved = leads.move(
                        LeadMove.handOff(leadId, lead.version(), actor(by)).recorded(HANDED_OFF, facts));
                if (!moved) {
                    throw HandoffProblem.changed();
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
                notifications.notify(
                        List.of(assignee.id()),
                        "notification.handedToYou",
                        List.of(by.getDisplayName(), lead.displayName()),
                        "/leads/" + leadId);
                queueChanged(List.of(assignee.id()));
                return handoff(id);
            });
        } catch (DataIntegrityViolationException race) {
            // Another handoff of the same lead committed first (one open handoff per lead).
            throw HandoffProblem.changed();
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
     * The next rep in the rotation after the last round-robin assignee, skipping reps who are away or have reached
     * the daily cap. A lock per workspace serialises concurrent round-robin handoffs, so each sees the one before and
     * the rotation stays fair.
     */
    private Person nextInRotation(Integer capPerDay) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || ':round-robin', 0))")
                .param(CurrentTenant.require().toString())
                .query(Object.class)
                .single();
        List<Person> available = reps().stream()
                .filter(p -> !p.away())
                .sorted(Comparator.comparing(Person::id))
                .toList();
        Map<Long, Long> today = new LinkedHashMap<>();
        if (capPerDay != null) {
            Calendar calendar = hours.calendar();
            LocalDate date = clock.instant().atZone(calendar.zone()).toLocalDate();
            Timestamp since = Timestamp.from(date.atStartOfDay(calendar.zone()).toInstant());
            jdbc.sql("""
                            select assignee_id, count(*) from handoff
                            where tenant_id = ? and round_robin and handed_at >= ? group by assignee_id
                            """)
                    .params(CurrentTenant.require(), since)
                    .query((rs, row) -> today.put(rs.getLong(1), rs.getLong(2)))
                    .list();
        }
        List<Person> eligible = available.stream()
                .filter(p -> capPerDay == null || today.getOrDefault(p.id(), 0L) < capPerDay)
                .toList();
        if (eligible.isEmpty()) {
            throw HandoffProblem.field("assignee", "handoff.noRepAvailable");
        }
        long last = jdbc.sql("""
                        select assignee_id from handoff where tenant_id = ? and round_robin order by id desc limit 1
                        """)
                .param(CurrentTenant.require())
                .query(Long.class)
                .optional()
                .orElse(Long.MIN_VALUE);
        return eligible.stream().filter(p -> p.id() > last).findFirst().orElse(eligible.get(0));
    }

    /** The rep accepts: the lead becomes sales-accepted and theirs. */
    public void accept(long leadId, Long expectedVersion, SignedInAccount rep) {
        transaction.executeWithoutResult(status -> {
            LeadView lead = leads.lead(leadId);
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw HandoffProblem.changed();
            }
            Decided decided = decide(lead, rep, "ACCEPTED", null, null);
            boolean moved = leads.move(LeadMove.accept(leadId, lead.version(), rep.accountId(), actor(rep)));
            if (!moved) {
                throw HandoffProblem.changed();
            }
            events.publishEvent(new HandoffAccepted(
                    CurrentTenant.require(),
                    leadId,
                    actor(rep),
                    Stage.AWAITING_ACCEPTANCE,
                    Stage.SALES_ACCEPTED,
                    decided.handedBy(),
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
            if (text != null && text.length() > 2000) {
                errors.add(new FieldError("comment", "handoff.commentTooLong"));
            } else if (!PlainTexts.multiLine(text)) {
                errors.add(new FieldError("comment", "validation.plainText"));
            }
            if (!errors.isEmpty()) {
                throw HandoffProblem.fields(errors);
            }
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw HandoffProblem.changed();
            }
            Decided decided = decide(lead, rep, "REJECTED", reasonCode, text);
            boolean moved = leads.move(LeadMove.reject(leadId, lead.version(), actor(rep)));
            if (!moved) {
                throw HandoffProblem.changed();
            }
            events.publishEvent(new HandoffRejected(
                    CurrentTenant.require(),
                    leadId,
                    actor(rep),
                    Stage.AWAITING_ACCEPTANCE,
                    Stage.REJECTED,
                    reasonCode,
                    text,
                    decided.handedBy(),
                    lead.displayName()));
        });
    }

    private record Decided(long handoffId, long handedBy) {}

    /**
     * The decision itself: only while the handoff awaits one, and only by its assignee. It remembers what an undo needs
     * to put back: the lead's owner before, and the lead's version after the decision's move (which the caller makes
     * next, from the version read: one more).
     */
    private Decided decide(LeadView lead, SignedInAccount rep, String outcome, String reasonCode, String comment) {
        long leadId = lead.id();
        long seenVersion = lead.version();
        Optional<Decided> decided = jdbc.sql("""
                        update handoff set status = ?, decided_by = ?, decided_at = ?, reason_code = ?, comment = ?,
                            owner_before_decision = ?, lead_version_after_decision = ?, version = version + 1
                        where tenant_id = ? and lead_id = ? and status = 'AWAITING' and assignee_id = ?
                        returning id, handed_by
                        """)
                .params(
                        outcome,
                        rep.accountId(),
                        Timestamp.from(clock.instant()),
                        reasonCode,
                        comment,
                        lead.ownerId(),
                        seenVersion + 1,
                        CurrentTenant.require(),
                        leadId,
                        rep.accountId())
                .query((rs, row) -> new Decided(rs.getLong(1), rs.getLong(2)))
                .optional();
        if (decided.isPresent()) {
            queueChanged(List.of(rep.accountId()));
            return decided.get();
        }
        // Nothing to decide: someone acted on the lead since the rep saw it, or it was never theirs.
        // (Read from the database, not the persistence context, which still holds the lead as it was first read.)
        boolean changedSince = jdbc.sql("select version from lead where tenant_id = ? and id = ?")
                        .params(CurrentTenant.require(), leadId)
                        .query(Long.class)
                        .single()
                != seenVersion;
        boolean someoneElses = jdbc.sql("""
                        select count(*) > 0 from handoff
                        where tenant_id = ? and lead_id = ? and status = 'AWAITING' and assignee_id <> ?
                        """)
                .params(CurrentTenant.require(), leadId, rep.accountId())
                .query(Boolean.class)
                .single();
        throw someoneElses && !changedSince ? HandoffProblem.refused("handoff.notYours") : HandoffProblem.changed();
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
                record Taken(String decision, Long ownerBefore, long leadVersion, long handedBy) {}
                Optional<Taken> taken = jdbc.sql("""
                                with decided as (
                                    select id, status, owner_before_decision, lead_version_after_decision, handed_by
                                    from handoff
                                    where tenant_id = :tenant and lead_id = :lead and decided_by = :rep
                                      and status in ('ACCEPTED', 'REJECTED') and decided_at > :since
                                      and lead_version_after_decision is not null
                                      and id = (select max(id) from handoff where tenant_id = :tenant and lead_id = :lead)
                                    for update)
                                update handoff h set status = 'AWAITING', decided_by = null, decided_at = null,
                                    reason_code = null, comment = null, owner_before_decision = null,
                                    lead_version_after_decision = null, version = h.version + 1
                                from decided d
                                where h.tenant_id = :tenant and h.id = d.id
                                returning d.status, d.owner_before_decision, d.lead_version_after_decision, d.handed_by
                                """)
                        .param("tenant", CurrentTenant.require())
                        .param("lead", leadId)
                        .param("rep", rep.accountId())
                        .param("since", Timestamp.from(clock.instant().minus(UNDO_WINDOW)))
                        .query((rs, row) ->
                                new Taken(rs.getString(1), (Long) rs.getObject(2), rs.getLong(3), rs.getLong(4)))
                        .optional();
                if (taken.isEmpty()) {
                    throw undoRefused(leadId, rep);
                }
                Taken undone = taken.get();
                boolean moved = leads.move(
                        LeadMove.undoDecision(leadId, undone.leadVersion(), undone.ownerBefore(), actor(rep)));
                if (!moved) {
                    // Someone acted on the lead since the decision: that stands, the undo rolls back.
                    throw HandoffProblem.refused("handoff.undoChanged");
                }
                events.publishEvent(new DecisionUndone(
                        CurrentTenant.require(),
                        leadId,
                        actor(rep),
                        ACCEPTED.equals(undone.decision()) ? Stage.SALES_ACCEPTED : Stage.REJECTED,
                        Stage.AWAITING_ACCEPTANCE,
                        undone.decision(),
                        undone.handedBy(),
                        lead.displayName()));
                queueChanged(List.of(rep.accountId()));
                return new Undone(leadId, undone.decision());
            });
        } catch (DataIntegrityViolationException race) {
            // The lead was handed off anew meanwhile (one open handoff per lead).
            throw HandoffProblem.refused("handoff.undoChanged");
        }
    }

    /** Why there is nothing to undo: the window closed, or the lead changed since, or it was never this rep's decision. */
    private HandoffProblem undoRefused(long leadId, SignedInAccount rep) {
        Optional<Boolean> latestMine = jdbc.sql("""
                        select decided_by = ? and status in ('ACCEPTED', 'REJECTED') from handoff
                        where tenant_id = ? and lead_id = ? order by id desc limit 1
                        """)
                .params(rep.accountId(), CurrentTenant.require(), leadId)
                .query(Boolean.class)
                .optional();
        if (latestMine.isPresent() && Boolean.TRUE.equals(latestMine.get())) {
            return HandoffProblem.refused("handoff.undoTooLate");
        }
        return HandoffProblem.refused("handoff.undoChanged");
    }

    /**
     * Gives an awaiting handoff to another rep (a marketer or the liaison, e.g. when the rep is away): the old handoff
     * is closed as reassigned and the new rep gets a fresh clock.
     */
    public HandoffView reassign(long leadId, Long expectedVersion, Long assigneeId, String note, SignedInAccount by) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!by.has(Role.MARKETER) && !by.has(Role.LIAISON)) {
            throw HandoffProblem.refused("handoff.reassignNotAllowed");
        }
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                List<FieldError> errors = new ArrayList<>();
                Person assignee = assigneeId == null ? null : chosenRep(assigneeId, errors);
                if (assigneeId == null) {
                    errors.add(new FieldError("assignee", "handoff.notARep"));
                }
                if (text != null && text.length() > 1000) {
                    errors.add(new FieldError("note", "handoff.noteTooLong"));
                } else if (!PlainTexts.multiLine(text)) {
                    errors.add(new FieldError("note", "validation.plainText"));
                }
                if (!errors.isEmpty()) {
                    throw HandoffProblem.fields(errors);
                }
                if (expectedVersion != null && lead.version() != expectedVersion) {
                    throw HandoffProblem.changed();
                }
                HandoffView current = jdbc.sql(VIEW_COLUMNS
                                + " where h.tenant_id = ? and h.lead_id = ? and h.status = 'AWAITING' for update of h")
                        .params(CurrentTenant.require(), leadId)
                        .query(this::view)
                        .optional()
                        .orElseThrow(HandoffProblem::changed);
                if (current.assigneeId() == assignee.id()) {
                    throw HandoffProblem.field("assignee", "handoff.sameRep");
                }
                Instant now = clock.instant();
                jdbc.sql("""
                                update handoff set status = 'REASSIGNED', decided_by = ?, decided_at = ?, comment = ?,
                                    version = version + 1
                                where tenant_id = ? and id = ? and status = 'AWAITING'
                                """)
                        .params(by.accountId(), Timestamp.from(now), text, CurrentTenant.require(), current.id())
                        .update();
                Map<String, String> facts = new LinkedHashMap<>();
                facts.put("previous", current.assigneeName());
                facts.put("assignee", assignee.displayName());
                if (text != null) {
                    facts.put("note", text);
                }
                boolean moved = leads.move(
                        LeadMove.reassign(leadId, lead.version(), actor(by)).recorded(REASSIGNED, facts));
                if (!moved) {
                    throw HandoffProblem.changed();
                }
                long id = followUp(current.id(), assignee.id(), null, by.accountId());
                notifications.notify(
                        List.of(assignee.id()),
                        "notification.handedToYou",
                        List.of(by.getDisplayName(), lead.displayName()),
                        "/leads/" + leadId);
                queueChanged(List.of(current.assigneeId(), assignee.id()));
                return handoff(id);
            });
        } catch (DataIntegrityViolationException race) {
            throw HandoffProblem.changed();
        }
    }

    /**
     * Hands a lead back to sales after the liaison overturned its rejection: a new handoff to {@code assigneeId} (the
     * rep who rejected it, or another) with a fresh clock, marked as coming from the liaison's decision. Runs in the
     * caller's transaction; the lead must still be in {@code from}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public HandoffView handBack(
            long leadId, Stage from, long assigneeId, SignedInAccount liaison, String type, Map<String, String> facts) {
        List<FieldError> errors = new ArrayList<>();
        Person assignee = chosenRep(assigneeId, errors);
        if (!errors.isEmpty()) {
            throw HandoffProblem.fields(errors);
        }
        LeadView lead = leads.lead(leadId);
        HandoffView previous = latestOf(leadId).orElseThrow(HandoffProblem::changed);
        Map<String, String> all = new LinkedHashMap<>(facts);
        all.put("assignee", assignee.displayName());
        if (!leads.move(
                LeadMove.handBack(leadId, lead.version(), actor(liaison)).recorded(type, all))) {
            throw HandoffProblem.changed();
        }
        long id = followUp(previous.id(), assignee.id(), facts.get("rationale"), liaison.accountId());
        notifications.notify(
                List.of(assignee.id()),
                "notification.handedBack",
                List.of(liaison.getDisplayName(), lead.displayName()),
                "/leads/" + leadId);
        queueChanged(List.of(assignee.id()));
        return handoff(id);
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

    /**
     * The liaison sends an undecided (typically escalated) handoff back to marketing, with a note: the handoff is closed
     * as returned and the lead is marketing qualified again.
     */
    public void returnToMarketing(long leadId, Long expectedVersion, String note, SignedInAccount liaison) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (!liaison.has(Role.LIAISON)) {
            throw HandoffProblem.refused("handoff.returnNotAllowed");
        }
        if (text == null) {
            throw HandoffProblem.field("note", "handoff.returnNoteRequired");
        }
        if (text.length() > 1000) {
            throw HandoffProblem.field("note", "handoff.noteTooLong");
        }
        if (!PlainTexts.multiLine(text)) {
            throw HandoffProblem.field("note", "validation.plainText");
        }
        transaction.executeWithoutResult(status -> {
            LeadView lead = leads.lead(leadId);
            if (expectedVersion != null && lead.version() != expectedVersion) {
                throw HandoffProblem.changed();
            }
            record Returned(long handedBy, long assignee) {}
            Optional<Returned> returned = jdbc.sql("""
                            update handoff set status = 'RETURNED', decided_by = ?, decided_at = ?, comment = ?,
                                version = version + 1
                            where tenant_id = ? and lead_id = ? and status = 'AWAITING'
                            returning handed_by, assignee_id
                            """)
                    .params(liaison.accountId(), Timestamp.from(clock.instant()), text, CurrentTenant.require(), leadId)
                    .query((rs, row) -> new Returned(rs.getLong(1), rs.getLong(2)))
                    .optional();
            Optional<Long> handedBy = returned.map(Returned::handedBy);
            if (handedBy.isEmpty()
                    || !leads.move(LeadMove.returnToMarketing(leadId, lead.version(), actor(liaison))
                            .recorded(RETURNED, Map.of("note", text)))) {
                throw HandoffProblem.changed();
            }
            queueChanged(List.of(returned.get().assignee()));
            notifications.notify(
                    List.of(handedBy.get()),
                    "notification.returnedToMarketing",
                    List.of(liaison.getDisplayName(), lead.displayName()),
                    "/leads/" + leadId);
        });
    }

    /** An undecided handoff past the escalation limit, for the liaison's desk. */
    public record Escalation(
            long leadId,
            String leadName,
            String companyName,
            String assigneeName,
            Instant dueAt,
            Instant escalatedAt) {}

    /** The escalated handoffs still awaiting a decision, the longest escalated first. */
    @Transactional(readOnly = true)
    public List<Escalation> escalations(int limit) {
        return jdbc.sql("""
                        select h.lead_id, trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as name,
                               l.email, l.company_name, a.display_name, h.due_at, h.escalated_at
                        from handoff h
                        join lead l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                        join account a on a.tenant_id = h.tenant_id and a.id = h.assignee_id
                        where h.tenant_id = ? and h.status = 'AWAITING' and h.escalated_at is not null
                        order by h.escalated_at, h.id limit ?
                        """)
                .params(CurrentTenant.require(), limit)
                .query((rs, row) -> new Escalation(
                        rs.getLong("lead_id"),
                        rs.getString("name").isEmpty() ? rs.getString("email") : rs.getString("name"),
                        rs.getString("company_name"),
                        rs.getString("display_name"),
                        rs.getTimestamp("due_at").toInstant(),
                        rs.getTimestamp("escalated_at").toInstant()))
                .list();
    }

    /** What a person did to a lead's handoffs: handed it off, or decided one of its handoffs in one of four ways. */
    public enum Part {
        HANDED_OFF,
        ACCEPTED,
        REJECTED,
        REASSIGNED,
        RETURNED
    }

    /** A person who took part in a lead's handoffs, and what they did. */
    public record Participant(long leadId, long personId, Part part) {}

    /**
     * Everyone who handed off the leads or decided any of their handoffs (accepted, rejected, reassigned or returned
     * one), at any time: one row per lead, person and part.
     */
    @Transactional(readOnly = true)
    public List<Participant> participants(Collection<Long> leadIds) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select lead_id, handed_by as person_id, 'HANDED_OFF' as part
                        from handoff where tenant_id = :tenant and lead_id = any(:leads)
                        union
                        select lead_id, decided_by, status
                        from handoff where tenant_id = :tenant and lead_id = any(:leads) and decided_by is not null
                        """)
                .param("tenant", CurrentTenant.require())
                .param("leads", leadIds.toArray(Long[]::new))
                .query((rs, row) -> new Participant(
                        rs.getLong("lead_id"), rs.getLong("person_id"), Part.valueOf(rs.getString("part"))))
                .list();
    }

    /** The lead's latest handoff, if it was ever handed off. */
    @Transactional(readOnly = true)
    public Optional<HandoffView> latestOf(long leadId) {
        return jdbc.sql(VIEW_COLUMNS + " where h.tenant_id = ? and h.lead_id = ? order by h.id desc limit 1")
                .params(CurrentTenant.require(), leadId)
                .query(this::view)
                .optional();
    }

    @Transactional(readOnly = true)
    public HandoffView handoff(long id) {
        return jdbc.sql(VIEW_COLUMNS + " where h.tenant_id = ? and h.id = ?")
                .params(CurrentTenant.require(), id)
                .query(this::view)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /**
     * The rep's leads awaiting a decision, most urgent first (the earliest due), a page at a time: after the item due
     * at {@code afterDue} with id {@code afterId}, if given.
     */
    @Transactional(readOnly = true)
    public QueuePage queue(long repId, Instant afterDue, Long afterId) {
        return queue(repId, afterDue, afterId, null);
    }

    /** One lead as it stands in the rep's queue, if it is there. */
    @Transactional(readOnly = true)
    public Optional<QueueItem> queueItem(long repId, long leadId) {
        return queue(repId, null, null, leadId).items().stream().findFirst();
    }

    private QueuePage queue(long repId, Instant afterDue, Long afterId, Long onlyLead) {
        Calendar calendar = hours.calendar();
        Instant now = clock.instant();
        boolean keyset = afterDue != null && afterId != null;
        List<QueueItem> items = jdbc.sql("""
                        select h.id, h.lead_id, l.version, l.first_name, l.last_name, l.email, l.company_name,
                               l.industry, l.employees, l.country, e.qualified as qualified_now, e.score,
                               h.qualified, h.override_reason, b.display_name as handed_by_name, h.handed_at, h.due_at,
                               h.escalated_at, h.handed_back_note, g.display_name as assigned_by_name,
                               h.handed_back_note is not null as handed_back, o.handed_at as first_handed_at
                        from handoff h
                        join lead l on l.tenant_id = h.tenant_id and l.id = h.lead_id
                        join account b on b.tenant_id = h.tenant_id and b.id = h.handed_by
                        left join account g on g.tenant_id = h.tenant_id and g.id = h.assigned_by
                        left join lateral (
                            select f.handed_at from handoff f
                            where f.tenant_id = h.tenant_id and f.lead_id = h.lead_id and f.id < h.id
                              and f.assigned_by is null
                            order by f.id desc limit 1) o on h.assigned_by is not null
                        left join lead_evaluation e on e.tenant_id = h.tenant_id and e.lead_id = h.lead_id
                        where h.tenant_id = :tenant and h.assignee_id = :rep and h.status = 'AWAITING'
                          and (not :keyset or (h.due_at, h.id) > (:afterDue, :afterId))
                          and (cast(:lead as bigint) is null or h.lead_id = :lead)
                        order by h.due_at, h.id
                        limit :limit
                        """)
                .param("lead", onlyLead, java.sql.Types.BIGINT)
                .param("tenant", CurrentTenant.require())
                .param("rep", repId)
                .param("keyset", keyset)
                .param("afterDue", Timestamp.from(keyset ? afterDue : Instant.EPOCH))
                .param("afterId", keyset ? afterId : 0L)
                .param("limit", QUEUE_PAGE + 1)
                .query((rs, row) -> queueItem(rs, calendar, now))
                .list();
        Waiting waiting = waiting(repId, now);
        boolean more = items.size() > QUEUE_PAGE;
        List<QueueItem> page = more ? items.subList(0, QUEUE_PAGE) : items;
        QueueItem last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new QueuePage(
                List.copyOf(page),
                waiting.awaiting(),
                waiting.overdue(),
                more ? last.dueAt() : null,
                more ? last.handoffId() : null);
    }

    /** What waits for a rep's decision: the handoffs awaiting it, and how many of them are overdue. */
    public record Waiting(long awaiting, long overdue) {}

    /** What waits for the rep now (the queue's counts; the sales dashboard shows them too). */
    @Transactional(readOnly = true)
    public Waiting waiting(long repId) {
        return waiting(repId, clock.instant());
    }

    /**
     * Tells the reps' open pages, once this transaction commits, what now waits for them ({@code queue}: the number
     * awaiting their decision and how many are overdue), so that their queue and its count follow without a reload.
     */
    private void queueChanged(List<Long> reps) {
        Map<Long, String> waiting = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Long rep : reps) {
            Waiting w = waiting(rep, now);
            waiting.put(rep, w.awaiting() + " " + w.overdue());
        }
        live.signal("queue", waiting);
    }

    private Waiting waiting(long repId, Instant now) {
        return jdbc.sql("""
                        select count(*), count(*) filter (where due_at < ?) from handoff
                        where tenant_id = ? and assignee_id = ? and status = 'AWAITING'
                        """)
                .params(Timestamp.from(now), CurrentTenant.require(), repId)
                .query((rs, row) -> new Waiting(rs.getLong(1), rs.getLong(2)))
                .single();
    }

    private static QueueItem queueItem(ResultSet rs, Calendar calendar, Instant now) throws SQLException {
        String name = ((rs.getString("first_name") == null ? "" : rs.getString("first_name")) + " "
                        + (rs.getString("last_name") == null ? "" : rs.getString("last_name")))
                .strip();
        Instant due = rs.getTimestamp("due_at").toInstant();
        Timestamp escalated = rs.getTimestamp("escalated_at");
        return new QueueItem(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getLong("version"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("company_name"),
                rs.getString("industry"),
                (Integer) rs.getObject("employees"),
                rs.getString("country"),
                (Boolean) rs.getObject("qualified_now"),
                (Integer) rs.getObject("score"),
                rs.getBoolean("qualified"),
                rs.getString("override_reason"),
                rs.getString("handed_by_name"),
                rs.getTimestamp("handed_at").toInstant(),
                due,
                escalated == null ? null : escalated.toInstant(),
                rs.getString("handed_back_note"),
                calendar.between(now, due),
                !now.isBefore(due),
                calendar.between(rs.getTimestamp("handed_at").toInstant(), due),
                rs.getString("assigned_by_name"),
                rs.getBoolean("handed_back"),
                instant(rs, "first_handed_at"));
    }

    private HandoffView view(ResultSet rs, int row) throws SQLException {
        Status status = Status.valueOf(rs.getString("status"));
        Instant due = rs.getTimestamp("due_at").toInstant();
        Duration left = null;
        Instant now = clock.instant();
        if (status == Status.AWAITING) {
            left = hours.calendar().between(now, due);
        }
        return new HandoffView(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                rs.getLong("assignee_id"),
                rs.getString("assignee_name"),
                rs.getLong("handed_by"),
                rs.getString("handed_by_name"),
                rs.getBoolean("round_robin"),
                rs.getBoolean("qualified"),
                rs.getString("override_reason"),
                rs.getTimestamp("handed_at").toInstant(),
                due,
                rs.getTimestamp("escalate_at").toInstant(),
                status,
                rs.getString("decided_by_name"),
                instant(rs, "decided_at"),
                rs.getString("reason_code"),
                rs.getString("comment"),
                instant(rs, "breached_at"),
                instant(rs, "escalated_at"),
                left,
                status == Status.AWAITING && !now.isBefore(due),
                rs.getString("assigned_by_name"),
                rs.getBoolean("handed_back"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Actor actor(SignedInAccount person) {
        return Actor.person(person.accountId(), person.getDisplayName());
    }
}
