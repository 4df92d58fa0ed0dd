package io.leadbridge.handoff;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.lead.Actor;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Notifications;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the people concerned what became of a handoff, once it has committed: the rep a lead was handed (back) to, the
 * marketer who handed it off of the rep's decision or its return, the rep and marketer of an overdue handoff, the
 * liaisons of an escalated one. After the commit, on another thread, in the event's workspace; a failure is retried
 * from the event publication registry (docs/adr/0008). The bell of someone else may show it a moment after the
 * decision.
 */
@Component
class HandoffNotifications {

    private final Notifications notifications;
    private final AccountManagement accounts;
    private final TransactionTemplate transaction;

    HandoffNotifications(
            Notifications notifications, AccountManagement accounts, PlatformTransactionManager transactionManager) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(LeadHandedOff handedOff) {
        notify(
                handedOff.tenantId(),
                handedOff.assigneeId(),
                "notification.handedToYou",
                handedOff.marketer(),
                handedOff.leadName(),
                handedOff.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffReassigned reassigned) {
        notify(
                reassigned.tenantId(),
                reassigned.assigneeId(),
                "notification.handedToYou",
                reassigned.by(),
                reassigned.leadName(),
                reassigned.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(LeadHandedBack handedBack) {
        notify(
                handedBack.tenantId(),
                handedBack.assigneeId(),
                "notification.handedBack",
                handedBack.liaison(),
                handedBack.leadName(),
                handedBack.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(LeadReturnedToMarketing returned) {
        notify(
                returned.tenantId(),
                returned.handedBy(),
                "notification.returnedToMarketing",
                returned.liaison(),
                returned.leadName(),
                returned.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffSlaBreached breached) {
        CurrentTenant.runAs(
                breached.tenantId(),
                () -> transaction.executeWithoutResult(status -> notifications.notify(
                        List.of(breached.assigneeId(), breached.handedBy()),
                        "notification.slaBreached",
                        List.of(),
                        "/leads/" + breached.leadId())));
    }

    /** The liaisons are those active when this runs, a moment after the escalation. */
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffEscalated escalated) {
        CurrentTenant.runAs(
                escalated.tenantId(),
                () -> transaction.executeWithoutResult(status -> {
                    List<Long> recipients = new ArrayList<>(accounts.activeWith(Role.LIAISON).stream()
                            .map(Person::id)
                            .toList());
                    recipients.add(escalated.assigneeId());
                    notifications.notify(
                            recipients, "notification.escalated", List.of(), "/leads/" + escalated.leadId());
                }));
    }

    // NOT_SUPPORTED: no transaction before the workspace is set from the event; notify() opens one in it.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffAccepted accepted) {
        notify(
                accepted.tenantId(),
                accepted.handedBy(),
                "notification.handoffAccepted",
                accepted.rep(),
                accepted.leadName(),
                accepted.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(HandoffRejected rejected) {
        notify(
                rejected.tenantId(),
                rejected.handedBy(),
                "notification.handoffRejected",
                rejected.rep(),
                rejected.leadName(),
                rejected.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DecisionUndone undone) {
        notify(
                undone.tenantId(),
                undone.handedBy(),
                undone.acceptanceUndone() ? "notification.acceptUndone" : "notification.rejectUndone",
                undone.rep(),
                undone.leadName(),
                undone.leadId());
    }

    private void notify(UUID tenant, long recipient, String messageKey, Actor rep, String leadName, long leadId) {
        CurrentTenant.runAs(
                tenant,
                () -> transaction.executeWithoutResult(status -> notifications.notify(
                        List.of(recipient), messageKey, List.of(rep.label(), leadName), "/leads/" + leadId)));
    }
}
