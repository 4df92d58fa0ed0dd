package io.leadbridge.dispute;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dispute.DisputeView.Status;
import io.leadbridge.handoff.HandoffManagement;
import io.leadbridge.handoff.HandoffManagement.Participant;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.text.PlainTexts;
import io.leadbridge.timeline.Comments;
import io.leadbridge.timeline.Notifications;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marketing's dispute of a rejection and the liaison's decision. A handoff is disputed at most once; while disputed,
 * the lead is with the liaison. A decision is final: upheld, the lead goes back to marketing as rejected; overturned,
 * it goes back to sales with a fresh clock. Decisions are conditional updates, so of two at once exactly one counts.
 * Only a liaison decides, and never one who acted in the case (see {@link Act}).
 */
@Service
public class DisputeManagement {

    public static final String DISPUTED = "DISPUTED";
    public static final String UPHELD = "DISPUTE_UPHELD";
    public static final String OVERTURNED = "DISPUTE_OVERTURNED";
    public static final int MIN_ARGUMENT = 30;
    public static final int MIN_RATIONALE = 10;

    /** The liaison's verdict on a rejection. */
    public enum Outcome {
        UPHOLD,
        OVERTURN
    }

    private static final String COLUMNS = """
            select d.id, d.lead_id,
                   trim(coalesce(l.first_name, '') || ' ' || coalesce(l.last_name, '')) as lead_name, l.email,
                   l.company_name, d.handoff_id, h.criteria_version_id, h.decided_by as rejected_by,
                   r.display_name as rejected_by_name, h.decided_at as rejected_at, h.reason_code,
                   h.comment as rejection_comment, d.opened_by, o.display_name as opened_by_name, d.opened_at,
                   d.argument, d.status, x.display_name as decided_by_name, d.decided_at, d.rationale,
                   n.display_name as new_assignee_name
            from dispute d
            join lead l on l.tenant_id = d.tenant_id and l.id = d.lead_id
            join handoff h on h.tenant_id = d.tenant_id and h.id = d.handoff_id
            left join account r on r.tenant_id = h.tenant_id and r.id = h.decided_by
            join account o on o.tenant_id = d.tenant_id and o.id = d.opened_by
            left join account x on x.tenant_id = d.tenant_id and x.id = d.decided_by
            left join handoff nh on nh.tenant_id = d.tenant_id and nh.id = d.new_handoff_id
            left join account n on n.tenant_id = nh.tenant_id and n.id = nh.assignee_id
            """;

    private final JdbcClient jdbc;
    private final LeadManagement leads;
    private final HandoffManagement handoffs;
    private final AccountManagement accounts;
    private final Notifications notifications;
    private final Comments comments;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    DisputeManagement(
            JdbcClient jdbc,
            LeadManagement leads,
            HandoffManagement handoffs,
            AccountManagement accounts,
            Notifications notifications,
            Comments comments,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.leads = leads;
        this.handoffs = handoffs;
        this.accounts = accounts;
        this.notifications = notifications;
        this.comments = comments;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Whether the person may dispute the lead's rejection now: a marketer, a rejected lead, not disputed yet. */
    @Transactional(readOnly = true)
    public boolean mayDispute(LeadView lead, SignedInAccount person) {
        if (!person.has(Role.MARKETER) || lead.stage() != Stage.REJECTED) {
            return false;
        }
        return handoffs.latestOf(lead.id())
                .filter(h -> h.status() == HandoffView.Status.REJECTED)
                .map(h -> !disputed(h.id()))
                .orElse(false);
    }

    private boolean disputed(long handoffId) {
        return jdbc.sql("select count(*) > 0 from dispute where tenant_id = ? and handoff_id = ?")
                .params(CurrentTenant.require(), handoffId)
                .query(Boolean.class)
                .single();
    }

    /**
     * Marketing disputes the rejection of a lead with an argument (at least {@value #MIN_ARGUMENT} characters): the
     * lead goes to the liaison; the liaisons and the rep who rejected it are told.
     */
    public DisputeView dispute(long leadId, Long expectedVersion, String argument, SignedInAccount marketer) {
        String text = argument == null ? "" : argument.strip();
        if (text.isEmpty()) {
            throw DisputeProblem.field("argument", "dispute.argumentRequired");
        }
        if (text.length() < MIN_ARGUMENT) {
            throw DisputeProblem.field("argument", "dispute.argumentTooShort");
        }
        if (text.length() > 4000) {
            throw DisputeProblem.field("argument", "dispute.argumentTooLong");
        }
        if (!PlainTexts.multiLine(text)) {
            throw DisputeProblem.field("argument", "validation.plainText");
        }
        if (!marketer.has(Role.MARKETER)) {
            throw DisputeProblem.refused("dispute.onlyMarketing");
        }
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                if (expectedVersion != null && lead.version() != expectedVersion) {
                    throw DisputeProblem.refused("dispute.changed");
                }
                HandoffView rejected = handoffs.latestOf(leadId)
                        .filter(h -> h.status() == HandoffView.Status.REJECTED && lead.stage() == Stage.REJECTED)
                        .orElseThrow(() -> DisputeProblem.refused("dispute.notRejected"));
                if (disputed(rejected.id())) {
                    throw DisputeProblem.refused("dispute.alreadyDisputed");
                }
                Actor actor = Actor.person(marketer.accountId(), marketer.getDisplayName());
                if (!leads.move(LeadMove.dispute(leadId, lead.version(), actor))) {
                    throw DisputeProblem.refused("dispute.changed");
                }
                long id = jdbc.sql("""
                                insert into dispute (tenant_id, lead_id, handoff_id, opened_by, opened_at, argument,
                                    status)
                                values (?, ?, ?, ?, ?, ?, 'OPEN') returning id
                                """)
                        .params(
                                CurrentTenant.require(),
                                leadId,
                                rejected.id(),
                                marketer.accountId(),
                                Timestamp.from(clock.instant()),
                                text)
                        .query(Long.class)
                        .single();
                events.publishEvent(new DisputeOpened(
                        CurrentTenant.require(),
                        leadId,
                        actor,
                        Stage.REJECTED,
                        Stage.IN_DISPUTE,
                        text,
                        id,
                        rejected.assigneeId(),
                        lead.displayName()));
                return dispute(id);
            });
        } catch (DataIntegrityViolationException twice) {
            throw DisputeProblem.refused("dispute.alreadyDisputed");
        }
    }

    /**
     * What a person did in a dispute's case, on its lead at any time, in the order a refusal names it. A comment
     * counts only from someone in a team (a marketer or sales rep): a pure liaison's comment is mediation.
     */
    public enum Act {
        HANDED_OFF,
        REJECTED,
        REASSIGNED,
        RETURNED,
        ACCEPTED,
        DISPUTED,
        COMMENTED
    }

    /**
     * Who decides a dispute, as one person sees it: why they may not ({@code whyNot}, a message code; null if they
     * may), and, when it is because they acted in the case, the workspace's active liaisons who did not ({@code
     * instead}; empty when no liaison may, and an admin must add one).
     */
    public record WhoDecides(String whyNot, List<String> instead) {

        public boolean may() {
            return whyNot == null;
        }

        /** The person may not decide because they acted in the case. */
        public boolean acted() {
            return whyNot != null && whyNot.startsWith(ACTED);
        }
    }

    private static final String ACTED = "dispute.acted.";

    /** Why this person may not decide this dispute, or empty if they may. */
    public Optional<String> whyNotDecide(DisputeView dispute, SignedInAccount person) {
        return Optional.ofNullable(whyNot(dispute, person, parties(List.of(dispute), person)));
    }

    /** Who decides the dispute, as the person sees it (see {@link WhoDecides}). */
    @Transactional(readOnly = true)
    public WhoDecides whoDecides(DisputeView dispute, SignedInAccount person) {
        return whoDecides(List.of(dispute), person).get(dispute.id());
    }

    /** Who decides each of the disputes (by dispute id), as the person sees it: a few queries for all of them. */
    @Transactional(readOnly = true)
    public Map<Long, WhoDecides> whoDecides(List<DisputeView> disputes, SignedInAccount person) {
        Parties parties = parties(disputes, person);
        Map<Long, String> whyNot = new HashMap<>();
        disputes.forEach(dispute -> whyNot.put(dispute.id(), whyNot(dispute, person, parties)));
        List<Person> liaisons = whyNot.values().stream().anyMatch(code -> code != null && code.startsWith(ACTED))
                ? accounts.activeWith(Role.LIAISON)
                : List.of();
        Map<Long, WhoDecides> who = new HashMap<>();
        for (DisputeView dispute : disputes) {
            String why = whyNot.get(dispute.id());
            List<String> instead = why == null || !why.startsWith(ACTED)
                    ? List.of()
                    : liaisons.stream()
                            .filter(p -> p.id() != person.accountId())
                            .filter(p -> parties.act(dispute.leadId(), p.id(), inTeam(p.roles()))
                                    .isEmpty())
                            .map(Person::displayName)
                            .toList();
            who.put(dispute.id(), new WhoDecides(why, instead));
        }
        return who;
    }

    private static String whyNot(DisputeView dispute, SignedInAccount person, Parties parties) {
        if (!person.has(Role.LIAISON)) {
            return "dispute.onlyLiaison";
        }
        if (!dispute.open()) {
            return "dispute.decided";
        }
        return parties.act(dispute.leadId(), person.accountId(), inTeam(person.roles()))
                .map(act -> ACTED + act.name())
                .orElse(null);
    }

    private static boolean inTeam(Set<Role> roles) {
        return roles.contains(Role.MARKETER) || roles.contains(Role.SALES_REP);
    }

    /** What each person did in the cases of these leads. */
    private record Parties(Map<Long, Map<Long, EnumSet<Act>>> acts, Map<Long, Set<Long>> commenters) {

        /** The first thing (in {@link Act}'s order) the person did in the lead's case, if they acted in it. */
        Optional<Act> act(long leadId, long personId, boolean inTeam) {
            EnumSet<Act> done = EnumSet.noneOf(Act.class);
            done.addAll(acts.getOrDefault(leadId, Map.of()).getOrDefault(personId, EnumSet.noneOf(Act.class)));
            if (inTeam && commenters.getOrDefault(leadId, Set.of()).contains(personId)) {
                done.add(Act.COMMENTED);
            }
            return done.stream().findFirst();
        }
    }

    /**
     * Who acted in the cases of the open disputes, where the person is a liaison who could decide them: the handoff
     * module's handoffs and their decisions, this module's disputes, the timeline's comments; one query each, however
     * many disputes.
     */
    private Parties parties(List<DisputeView> disputes, SignedInAccount person) {
        List<Long> leadIds = person.has(Role.LIAISON)
                ? disputes.stream()
                        .filter(DisputeView::open)
                        .map(DisputeView::leadId)
                        .distinct()
                        .toList()
                : List.of();
        if (leadIds.isEmpty()) {
            return new Parties(Map.of(), Map.of());
        }
        Map<Long, Map<Long, EnumSet<Act>>> acts = new HashMap<>();
        for (Participant participant : handoffs.participants(leadIds)) {
            Act act = switch (participant.part()) {
                case HANDED_OFF -> Act.HANDED_OFF;
                case ACCEPTED -> Act.ACCEPTED;
                case REJECTED -> Act.REJECTED;
                case REASSIGNED -> Act.REASSIGNED;
                case RETURNED -> Act.RETURNED;
            };
            add(acts, participant.leadId(), participant.personId(), act);
        }
        jdbc.sql("select distinct lead_id, opened_by from dispute where tenant_id = ? and lead_id = any(?)")
                .params(CurrentTenant.require(), leadIds.toArray(Long[]::new))
                .query((rs, row) -> add(acts, rs.getLong(1), rs.getLong(2), Act.DISPUTED))
                .list();
        return new Parties(acts, comments.authors(leadIds));
    }

    private static boolean add(Map<Long, Map<Long, EnumSet<Act>>> acts, long leadId, long personId, Act act) {
        return acts.computeIfAbsent(leadId, lead -> new HashMap<>())
                .computeIfAbsent(personId, person -> EnumSet.noneOf(Act.class))
                .add(act);
    }

    /**
     * The liaison decides, with a rationale. Upheld: the lead is rejected again, with marketing. Overturned: a new
     * handoff to {@code assigneeId} (or the rep who rejected it) with a fresh clock. Final: a decided dispute never
     * changes again.
     */
    public DisputeView decide(
            long disputeId, Outcome outcome, String rationale, Long assigneeId, SignedInAccount liaison) {
        String text = rationale == null ? "" : rationale.strip();
        return transaction.execute(status -> {
            DisputeView dispute = dispute(disputeId);
            Optional<String> whyNot = whyNotDecide(dispute, liaison);
            if (whyNot.isPresent()) {
                throw DisputeProblem.refused(whyNot.get());
            }
            if (outcome == null) {
                throw DisputeProblem.field("outcome", "dispute.outcomeRequired");
            }
            if (text.length() < MIN_RATIONALE) {
                throw DisputeProblem.field("rationale", "dispute.rationaleRequired");
            }
            if (text.length() > 4000) {
                throw DisputeProblem.field("rationale", "dispute.rationaleTooLong");
            }
            if (!PlainTexts.multiLine(text)) {
                throw DisputeProblem.field("rationale", "validation.plainText");
            }
            int decided = jdbc.sql("""
                            update dispute set status = ?, decided_by = ?, decided_at = ?, rationale = ?,
                                version = version + 1
                            where tenant_id = ? and id = ? and status = 'OPEN'
                            """)
                    .params(
                            outcome == Outcome.UPHOLD ? "UPHELD" : "OVERTURNED",
                            liaison.accountId(),
                            Timestamp.from(clock.instant()),
                            text,
                            CurrentTenant.require(),
                            disputeId)
                    .update();
            if (decided == 0) {
                throw DisputeProblem.refused("dispute.changed");
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("rationale", text);
            Actor actor = Actor.person(liaison.accountId(), liaison.getDisplayName());
            if (outcome == Outcome.UPHOLD) {
                LeadView lead = leads.lead(dispute.leadId());
                if (!leads.move(
                        LeadMove.uphold(dispute.leadId(), lead.version(), actor).recorded(UPHELD, facts))) {
                    throw DisputeProblem.refused("dispute.changed");
                }
            } else {
                long assignee = assigneeId == null ? dispute.rejectedById() : assigneeId;
                HandoffView back;
                try {
                    back = handoffs.handBack(dispute.leadId(), Stage.IN_DISPUTE, assignee, liaison, OVERTURNED, facts);
                } catch (io.leadbridge.handoff.HandoffProblem problem) {
                    throw problem.fields().isEmpty()
                            ? DisputeProblem.refused("dispute.changed")
                            : DisputeProblem.field("assignee", problem.messageCode());
                }
                jdbc.sql("update dispute set new_handoff_id = ? where tenant_id = ? and id = ?")
                        .params(back.id(), CurrentTenant.require(), disputeId)
                        .update();
            }
            notifications.notify(
                    List.of(dispute.rejectedById(), dispute.openedById()),
                    outcome == Outcome.UPHOLD ? "notification.disputeUpheld" : "notification.disputeOverturned",
                    List.of(liaison.getDisplayName(), dispute.leadName()),
                    "/leads/" + dispute.leadId());
            return dispute(disputeId);
        });
    }

    @Transactional(readOnly = true)
    public DisputeView dispute(long id) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.id = ?")
                .params(CurrentTenant.require(), id)
                .query(DisputeManagement::view)
                .optional()
                .orElseThrow(NotFoundException::new);
    }

    /** The lead's latest dispute, if it was ever disputed. */
    @Transactional(readOnly = true)
    public Optional<DisputeView> latestOf(long leadId) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.lead_id = ? order by d.id desc limit 1")
                .params(CurrentTenant.require(), leadId)
                .query(DisputeManagement::view)
                .optional();
    }

    /** Open disputes, the oldest first. */
    @Transactional(readOnly = true)
    public List<DisputeView> open(int limit) {
        return jdbc.sql(COLUMNS + " where d.tenant_id = ? and d.status = 'OPEN' order by d.opened_at, d.id limit ?")
                .params(CurrentTenant.require(), limit)
                .query(DisputeManagement::view)
                .list();
    }

    private List<Long> liaisons() {
        return accounts.activeWith(Role.LIAISON).stream().map(Person::id).toList();
    }

    private static DisputeView view(ResultSet rs, int row) throws SQLException {
        String name = rs.getString("lead_name");
        return new DisputeView(
                rs.getLong("id"),
                rs.getLong("lead_id"),
                name.isEmpty() ? rs.getString("email") : name,
                rs.getString("company_name"),
                rs.getLong("handoff_id"),
                (Long) rs.getObject("criteria_version_id"),
                rs.getLong("rejected_by"),
                rs.getString("rejected_by_name"),
                instant(rs, "rejected_at"),
                rs.getString("reason_code"),
                rs.getString("rejection_comment"),
                rs.getLong("opened_by"),
                rs.getString("opened_by_name"),
                instant(rs, "opened_at"),
                rs.getString("argument"),
                Status.valueOf(rs.getString("status")),
                rs.getString("decided_by_name"),
                instant(rs, "decided_at"),
                rs.getString("rationale"),
                rs.getString("new_assignee_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
