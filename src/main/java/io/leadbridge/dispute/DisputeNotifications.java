package io.leadbridge.dispute;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.lead.Actor;
import io.leadbridge.timeline.Notifications;
import java.util.ArrayList;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Tells the liaisons and the rep who rejected a lead that marketing disputes the rejection, and the rep and the marketer
 * what the liaison decided, once it has committed: after the commit, on another thread, in a transaction of its own in
 * the event's workspace (set by the tenant module for every listener of a workspace's event); a failure is retried from
 * the event publication registry (docs/adr/0008).
 */
@Component
class DisputeNotifications {

    private final Notifications notifications;
    private final AccountManagement accounts;

    DisputeNotifications(Notifications notifications, AccountManagement accounts) {
        this.notifications = notifications;
        this.accounts = accounts;
    }

    @ApplicationModuleListener
    void on(DisputeOpened opened) {
        List<Long> recipients = new ArrayList<>(
                accounts.activeWith(Role.LIAISON).stream().map(Person::id).toList());
        recipients.add(opened.rejectedBy());
        notifications.notify(
                recipients,
                "notification.disputeOpened",
                List.of(opened.marketer().label(), opened.leadName()),
                "/disputes/" + opened.disputeId());
    }

    @ApplicationModuleListener
    void on(DisputeUpheld upheld) {
        decided(
                List.of(upheld.rejectedBy(), upheld.openedBy()),
                "notification.disputeUpheld",
                upheld.liaison(),
                upheld.leadName(),
                upheld.leadId());
    }

    @ApplicationModuleListener
    void on(DisputeOverturned overturned) {
        decided(
                List.of(overturned.rejectedBy(), overturned.openedBy()),
                "notification.disputeOverturned",
                overturned.liaison(),
                overturned.leadName(),
                overturned.leadId());
    }

    private void decided(List<Long> recipients, String messageKey, Actor liaison, String leadName, long leadId) {
        notifications.notify(recipients, messageKey, List.of(liaison.label(), leadName), "/leads/" + leadId);
    }
}
