package io.leadbridge.dispute;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.handoff.Handoffs;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadMove;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.tenant.CurrentTenant;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
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

    private final DisputeRepository disputes;
    private final DisputeRecords records;
    private final DisputeCases cases;
    private final DisputeDecisions decisions;
    private final LeadManagement leads;
    private final Handoffs handoffs;
    private final HandoffAssignment assignment;
    private final AccountManagement accounts;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    DisputeManagement(
            DisputeRepository disputes,
            DisputeRecords records,
            DisputeCases cases,
            DisputeDecisions decisions,
            LeadManagement leads,
            Handoffs handoffs,
            HandoffAssignment assignment,
            AccountManagement accounts,
            Clock clock,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events) {
        this.events = events;
        this.disputes = disputes;
        this.records = records;
        this.cases = cases;
        this.decisions = decisions;
        this.leads = leads;
        this.handoffs = handoffs;
        this.assignment = assignment;
        this.accounts = accounts;
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
                .map(h -> !disputes.disputed(CurrentTenant.require(), h.id()))
                .orElse(false);
    }

    /**
     * Marketing disputes the rejection of a lead with an argument (at least {@value #MIN_ARGUMENT} characters, as the
     * dispute form checks): the lead goes to the liaison; the liaisons and the rep who rejected it are told.
     */
    public DisputeView dispute(long leadId, Long expectedVersion, String argument, SignedInAccount marketer) {
        String text = argument == null ? "" : argument.strip();
        if (!marketer.has(Role.MARKETER)) {
            throw Refusal.refused("dispute.onlyMarketing");
        }
        try {
            return transaction.execute(status -> {
                LeadView lead = leads.lead(leadId);
                if (expectedVersion != null && lead.version() != expectedVersion) {
                    throw Refusal.conflict("dispute.changed");
                }
                HandoffView rejected = handoffs.latestOf(leadId)
                        .filter(h -> h.status() == HandoffView.Status.REJECTED && lead.stage() == Stage.REJECTED)
                        .orElseThrow(() -> Refusal.refused("dispute.notRejected"));
                if (disputes.disputed(CurrentTenant.require(), rejected.id())) {
                    throw Refusal.refused("dispute.alreadyDisputed");
                }
                Actor actor = Actor.person(marketer.accountId(), marketer.getDisplayName());
                if (!leads.move(LeadMove.dispute(leadId, lead.version(), actor))) {
                    throw Refusal.conflict("dispute.changed");
                }
                long id = disputes.saveAndFlush(
                                new Dispute(leadId, rejected.id(), marketer.accountId(), clock.instant(), text))
                        .id();
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
                return records.dispute(id);
            });
        } catch (DataIntegrityViolationException twice) {
            throw Refusal.refused("dispute.alreadyDisputed");
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
            return whyNot != null && whyNot.startsWith(DisputeCases.ACTED);
        }
    }

    /** Why this person may not decide this dispute, or empty if they may. */
    @Transactional(readOnly = true)
    public Optional<String> whyNotDecide(DisputeView dispute, SignedInAccount person) {
        return cases.whyNotDecide(dispute, person);
    }

    /** Who decides the dispute, as the person sees it (see {@link WhoDecides}). */
    @Transactional(readOnly = true)
    public WhoDecides whoDecides(DisputeView dispute, SignedInAccount person) {
        return cases.whoDecides(List.of(dispute), person).get(dispute.id());
    }

    /** Who decides each of the disputes (by dispute id), as the person sees it: a few queries for all of them. */
    @Transactional(readOnly = true)
    public Map<Long, WhoDecides> whoDecides(List<DisputeView> disputes, SignedInAccount person) {
        return cases.whoDecides(disputes, person);
    }

    /**
     * The liaison decides, with a rationale (at least {@value #MIN_RATIONALE} characters, as the decision form
     * checks). Upheld: the lead is rejected again, with marketing. Overturned: a new handoff to {@code assigneeId} (or
     * the rep who rejected it) with a fresh clock. Final: a decided dispute never changes again.
     */
    public DisputeView decide(
            long disputeId, Outcome outcome, String rationale, Long assigneeId, SignedInAccount liaison) {
        return decisions.decide(disputeId, outcome, rationale, assigneeId, liaison);
    }

    @Transactional(readOnly = true)
    public DisputeView dispute(long id) {
        return records.dispute(id);
    }

    /** The lead's latest dispute, if it was ever disputed. */
    @Transactional(readOnly = true)
    public Optional<DisputeView> latestOf(long leadId) {
        return records.latestOf(leadId);
    }

    /** Open disputes, the oldest first. */
    @Transactional(readOnly = true)
    public List<DisputeView> open(int limit) {
        return records.open(limit);
    }

    private List<Long> liaisons() {
        return accounts.activeWith(Role.LIAISON).stream().map(Person::id).toList();
    }
}
