package io.leadbridge.dispute;

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
 * Tells the liaisons and the rep who rejected a lead that marketing disputes the rejection, and the rep and the marketer
 * what the liaison decided, once it has committed: after the commit, on another thread, in the event's workspace; a
 * failure is retried from the event publication registry (docs/adr/0008).
 */
@Component
class DisputeNotifications {

    private final Notifications notifications;
    private final AccountManagement accounts;
    private final TransactionTemplate transaction;

    DisputeNotifications(
            Notifications notifications, AccountManagement accounts, PlatformTransactionManager transactionManager) {
        this.notifications = notifications;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    // NOT_SUPPORTED: no transaction before the workspace is set from the event; the work opens one in it.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DisputeOpened opened) {
        CurrentTenant.runAs(
                opened.tenantId(),
                () -> transaction.executeWithoutResult(status -> {
                    List<Long> recipients = new ArrayList<>(accounts.activeWith(Role.LIAISON).stream()
                            .map(Person::id)
                            .toList());
                    recipients.add(opened.rejectedBy());
                    notifications.notify(
                            recipients,
                            "notification.disputeOpened",
                            List.of(opened.marketer().label(), opened.leadName()),
                            "/disputes/" + opened.disputeId());
                }));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DisputeUpheld upheld) {
        decided(
                upheld.tenantId(),
                List.of(upheld.rejectedBy(), upheld.openedBy()),
                "notification.disputeUpheld",
                upheld.liaison(),
                upheld.leadName(),
                upheld.leadId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DisputeOverturned overturned) {
        decided(
                overturned.tenantId(),
                List.of(overturned.rejectedBy(), overturned.openedBy()),
                "notification.disputeOverturned",
                overturned.liaison(),
                overturned.leadName(),
                overturned.leadId());
    }

    private void decided(
            UUID tenant, List<Long> recipients, String messageKey, Actor liaison, String leadName, long leadId) {
        CurrentTenant.runAs(
                tenant,
                () -> transaction.executeWithoutResult(status -> notifications.notify(
                        recipients, messageKey, List.of(liaison.label(), leadName), "/leads/" + leadId)));
    }
}
