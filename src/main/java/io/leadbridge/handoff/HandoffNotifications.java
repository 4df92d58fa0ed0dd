package io.leadbridge.handoff;

import io.leadbridge.lead.Actor;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.timeline.Notifications;
import java.util.List;
import java.util.UUID;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the marketer who handed a lead off what became of it, once the rep's decision has committed: after the commit,
 * on another thread, in the event's workspace; a failure is retried from the event publication registry
 * (docs/adr/0008). The bell of someone else may show it a moment after the decision.
 */
@Component
class HandoffNotifications {

    private final Notifications notifications;
    private final TransactionTemplate transaction;

    HandoffNotifications(Notifications notifications, PlatformTransactionManager transactionManager) {
        this.notifications = notifications;
        this.transaction = new TransactionTemplate(transactionManager);
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
