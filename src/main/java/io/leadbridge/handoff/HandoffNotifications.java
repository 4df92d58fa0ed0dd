package io.leadbridge.handoff;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.lead.Actor;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.timeline.Notifications;
import java.util.ArrayList;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the people concerned what became of a handoff, once it has committed: the rep a lead was handed (back) to or
 * whose handoff is due soon, the
 * marketer who handed it off of the rep's decision or its return, the rep and marketer of an overdue handoff, the
 * liaisons of an escalated one. After the commit, on another thread, in a transaction of its own in the event's
 * workspace (set by the tenant module for every listener of a workspace's event); a failure is retried from the event
 * publication registry (docs/adr/0008). The bell of someone else may show it a moment after the decision.
 */
@Component
class HandoffNotifications {

    private final Notifications notifications;
    private final AccountManagement accounts;
    private final LeadManagement leads;

    HandoffNotifications(Notifications notifications, AccountManagement accounts, LeadManagement leads) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.leads = leads;
    }

    @ApplicationModuleListener
    void on(LeadHandedOff handedOff) {
        notify(
                handedOff.assigneeId(),
                "notification.handedToYou",
                handedOff.marketer(),
                handedOff.leadName(),
                handedOff.leadId());
    }

    @ApplicationModuleListener
    void on(HandoffReassigned reassigned) {
        notify(
                reassigned.assigneeId(),
                "notification.handedToYou",
                reassigned.by(),
                reassigned.leadName(),
                reassigned.leadId());
    }

    @ApplicationModuleListener
    void on(LeadHandedBack handedBack) {
        notify(
                handedBack.assigneeId(),
                "notification.handedBack",
                handedBack.liaison(),
                handedBack.leadName(),
                handedBack.leadId());
    }

    @ApplicationModuleListener
    void on(LeadReturnedToMarketing returned) {
        notify(
                returned.handedBy(),
                "notification.returnedToMarketing",
                returned.liaison(),
                returned.leadName(),
                returned.leadId());
    }

    /** The rep is warned once, when the last quarter of the response time begins. */
    @ApplicationModuleListener
    void on(HandoffDueSoon dueSoon) {
        notifications.notify(
                List.of(dueSoon.assigneeId()),
                "notification.dueSoon",
                List.of(leads.lead(dueSoon.leadId()).displayName()),
                "/leads/" + dueSoon.leadId());
    }

    @ApplicationModuleListener
    void on(HandoffSlaBreached breached) {
        notifications.notify(
                List.of(breached.assigneeId(), breached.handedBy()),
                "notification.slaBreached",
                List.of(),
                "/leads/" + breached.leadId());
    }

    /** The liaisons are those active when this runs, a moment after the escalation. */
    @ApplicationModuleListener
    void on(HandoffEscalated escalated) {
        List<Long> recipients = new ArrayList<>(
                accounts.activeWith(Role.LIAISON).stream().map(Person::id).toList());
        recipients.add(escalated.assigneeId());
        notifications.notify(recipients, "notification.escalated", List.of(), "/leads/" + escalated.leadId());
    }

    @ApplicationModuleListener
    void on(HandoffAccepted accepted) {
        notify(
                accepted.handedBy(),
                "notification.handoffAccepted",
                accepted.rep(),
                accepted.leadName(),
                accepted.leadId());
    }

    @ApplicationModuleListener
    void on(HandoffRejected rejected) {
        notify(
                rejected.handedBy(),
                "notification.handoffRejected",
                rejected.rep(),
                rejected.leadName(),
                rejected.leadId());
    }

    @ApplicationModuleListener
    void on(DecisionUndone undone) {
        notify(
                undone.handedBy(),
                undone.acceptanceUndone() ? "notification.acceptUndone" : "notification.rejectUndone",
                undone.rep(),
                undone.leadName(),
                undone.leadId());
    }

    private void notify(long recipient, String messageKey, Actor rep, String leadName, long leadId) {
        notifications.notify(List.of(recipient), messageKey, List.of(rep.label(), leadName), "/leads/" + leadId);
    }
}
