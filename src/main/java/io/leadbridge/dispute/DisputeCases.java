package io.leadbridge.dispute;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dispute.DisputeManagement.Act;
import io.leadbridge.dispute.DisputeManagement.WhoDecides;
import io.leadbridge.handoff.Handoffs;
import io.leadbridge.handoff.Handoffs.Participant;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Comments;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who may decide a dispute: only a liaison, only while it is open, and never one who acted in the case — on its lead
 * at any time (see {@link Act}). Runs in the caller's transaction.
 */
@Component
class DisputeCases {

    private final JdbcClient jdbc;
    private final Handoffs handoffs;
    private final AccountManagement accounts;
    private final Comments comments;

    DisputeCases(JdbcClient jdbc, Handoffs handoffs, AccountManagement accounts, Comments comments) {
        this.jdbc = jdbc;
        this.handoffs = handoffs;
        this.accounts = accounts;
        this.comments = comments;
    }

    static final String ACTED = "dispute.acted.";

    /** Why this person may not decide this dispute, or empty if they may. */
    Optional<String> whyNotDecide(DisputeView dispute, SignedInAccount person) {
        return Optional.ofNullable(whyNot(dispute, person, parties(List.of(dispute), person)));
    }

    /** Who decides each of the disputes (by dispute id), as the person sees it: a few queries for all of them. */
    Map<Long, WhoDecides> whoDecides(List<DisputeView> disputes, SignedInAccount person) {
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
}
