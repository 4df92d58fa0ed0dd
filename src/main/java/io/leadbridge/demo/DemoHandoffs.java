package io.leadbridge.demo;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.handoff.HandoffActivity;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.handoff.HandoffSeeding;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.Stage;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Comments;
import io.leadbridge.timeline.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Handoffs in the demo workspace, made through the product's own handoff API: leads waiting in Sam's and Sara's
 * queues (two long overdue, so the SLA watch marks them and escalates them to the liaison), some accepted, some rejected with different
 * reasons, four of them disputed (two waiting for the liaison, one upheld, one overturned). Waiting handoffs are then dated back a little, as if they had come in over the last day.
 */
@Component
class DemoHandoffs {

    private final HandoffAssignment assignment;
    private final HandoffDecisions decisions;
    private final DisputeManagement disputes;
    private final Comments comments;
    private final Timeline timeline;
    private final LeadManagement leads;
    private final CriteriaManagement criteria;
    private final HandoffSeeding seeding;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final TransactionTemplate transaction;

    DemoHandoffs(
            HandoffAssignment assignment,
            HandoffDecisions decisions,
            DisputeManagement disputes,
            Comments comments,
            Timeline timeline,
            LeadManagement leads,
            CriteriaManagement criteria,
            HandoffSeeding seeding,
            JdbcClient jdbc,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.assignment = assignment;
        this.decisions = decisions;
        this.disputes = disputes;
        this.comments = comments;
        this.timeline = timeline;
        this.leads = leads;
        this.criteria = criteria;
        this.seeding = seeding;
        this.jdbc = jdbc;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    void seed(
            SignedInAccount mia, SignedInAccount max, SignedInAccount sam, SignedInAccount sara, SignedInAccount lia) {
        List<Long> candidates = qualifiedLeadsWithMarketing();
        int next = 0;
        // Waiting in the queues: four for Sam, three for Sara.
        long overdue = handTo(candidates.get(next++), mia, sam);
        long[] waiting = {
            handTo(candidates.get(next++), max, sam),
            handTo(candidates.get(next++), mia, sam),
            handTo(candidates.get(next++), mia, sam),
            handTo(candidates.get(next++), max, sara),
            handTo(candidates.get(next++), mia, sara),
            handTo(candidates.get(next++), max, sara)
        };
        // Decided: accepted, and rejected with reasons marketing can act on.
        accept(handTo(candidates.get(next++), mia, sam), sam);
        accept(handTo(candidates.get(next++), max, sam), sam);
        accept(handTo(candidates.get(next++), mia, sara), sara);
        reject(
                handTo(candidates.get(next++), mia, sam),
                sam,
                "NOT_READY",
                "Project is planned for next year; call again in Q3.");
        reject(handTo(candidates.get(next++), max, sara), sara, "NO_BUDGET", "Budget frozen until the merger closes.");
        long outsideProfile = reject(
                handTo(candidates.get(next++), mia, sam),
                sam,
                "OUTSIDE_PROFILE",
                "Only 30 employees at this site; our robots need at least a mid-sized plant.");
        long unreachable = reject(
                handTo(candidates.get(next++), max, sara),
                sara,
                "UNABLE_TO_REACH",
                "Three calls and two e-mails over a week, no answer.");
        long noInterest = reject(
                handTo(candidates.get(next++), mia, sam), sam, "NO_INTEREST", "They just bought from a competitor.");
        long badContact = reject(
                handTo(candidates.get(next++), max, sara),
                sara,
                "CONTACT_DATA_INACCURATE",
                "The phone number belongs to the reception of another company.");
        // Marketing disputes four rejections: two wait for Lia, she decided the others one way each.
        disputes.dispute(
                outsideProfile,
                null,
                "The group has 1,400 employees; the 30 are the site that buys for all plants. Procurement is central.",
                mia);
        disputes.dispute(
                unreachable,
                null,
                "She answered our webinar follow-up yesterday and asked for a call on Thursday morning.",
                max);
        long upheld = disputes.dispute(
                        noInterest,
                        null,
                        "They downloaded the ROI guide after the competitor deal; there may be a second plant.",
                        mia)
                .id();
        disputes.decide(
                upheld,
                DisputeManagement.Outcome.UPHOLD,
                "The competitor contract runs three years; nurture and revisit when the second plant is confirmed.",
                null,
                lia);
        long overturned = disputes.dispute(
                        badContact,
                        null,
                        "The switchboard number was on the form; the direct line is in the CRM notes since Monday.",
                        max)
                .id();
        disputes.decide(
                overturned,
                DisputeManagement.Outcome.OVERTURN,
                "The contact data is right in the lead's notes; please call the direct line.",
                null,
                lia);
        // The teams talk on the leads: comments with mentions (each mention notifies the person named).
        comment(waiting[0], sam, "@max Is the webinar recording the one they watched? I want to open with it.");
        comment(
                waiting[0],
                max,
                "@sam Yes, the automation webinar on 12 November; they asked two questions on payback.");
        comment(outsideProfile, lia, "@mia @sam I will look at this today. @alex can you check the group structure?");
        comment(
                overdue,
                mia,
                "@sam This one waits since two weeks; can you give it a call, or should Lia reassign it?");
        // Past 48 business hours even counting only working days: overdue and escalated.
        dateBack(overdue, Duration.ofDays(14));
        for (int i = 0; i < waiting.length; i++) {
            dateBack(waiting[i], Duration.ofHours(2 + 3L * i));
        }
        // A second escalation: one of Sara's, handed off twelve days ago.
        dateBack(waiting[waiting.length - 1], Duration.ofDays(12));
    }

    /**
     * Leads still with marketing that the active criteria qualify, once the re-evaluation that the agreed criteria
     * started has evaluated every lead.
     */
    private List<Long> qualifiedLeadsWithMarketing() {
        Instant giveUp = clock.instant().plus(Duration.ofMinutes(2));
        while (criteria.reevaluationProgress().map(p -> p.running()).orElse(false)
                && clock.instant().isBefore(giveUp)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return transaction.execute(status -> {
            return jdbc.sql("""
                            select l.id from lead_record l
                            join lead_qualification e on e.tenant_id = l.tenant_id and e.lead_id = l.id
                            where l.tenant_id = ? and e.qualified and l.stage in (?, ?, ?)
                            order by e.score desc, l.id
                            """)
                    .params(
                            CurrentTenant.require(),
                            Stage.NEW_INQUIRY.name(),
                            Stage.NURTURE.name(),
                            Stage.MARKETING_QUALIFIED.name())
                    .query(Long.class)
                    .list();
        });
    }

    private long handTo(long leadId, SignedInAccount marketer, SignedInAccount rep) {
        assignment.handOff(leadId, null, rep.accountId(), null, marketer);
        return leadId;
    }

    private void accept(long leadId, SignedInAccount rep) {
        decisions.accept(leadId, null, rep);
    }

    private void comment(long leadId, SignedInAccount author, String text) {
        String leadName = transaction.execute(status -> leads.lead(leadId).displayName());
        comments.add(leadId, leadName, text, author.accountId(), author.getDisplayName());
    }

    private long reject(long leadId, SignedInAccount rep, String reason, String comment) {
        decisions.reject(leadId, null, reason, comment, rep);
        return leadId;
    }

    /** As if the lead had been handed off {@code ago}: its clock (in business hours) and its timeline entry move back. */
    private void dateBack(long leadId, Duration ago) {
        transaction.executeWithoutResult(status -> {
            Instant handed = clock.instant().minus(ago);
            seeding.dateBack(leadId, handed);
            timeline.redate(leadId, HandoffActivity.HANDED_OFF, handed);
        });
    }
}
