package io.leadbridge.lead;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.timeline.LeadEntriesEvent;
import io.leadbridge.timeline.Notifications;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Puts a lead that came back in nurture and qualifies now in front of marketing: the workspace's active marketers are
 * notified in the app, once the return has committed (after the commit, on another thread, in a transaction of its own
 * in the event's workspace; a failure is retried from the event publication registry, docs/adr/0008). An import or a
 * batch that brings many back notifies each lead up to {@link #ONE_BY_ONE} of them, and beyond that one notification
 * that links the list's "re-engaged" filter: a file of thousands must not bury the bell.
 */
@Component
class ReEngagementNotices {

    static final int ONE_BY_ONE = 20;

    private final Notifications notifications;
    private final AccountManagement accounts;

    ReEngagementNotices(Notifications notifications, AccountManagement accounts) {
        this.notifications = notifications;
        this.accounts = accounts;
    }

    @ApplicationModuleListener
    void on(LeadReEngaged returned) {
        if (returned.backToMarketing()) {
            notifications.notify(
                    marketers(),
                    "notification.reEngaged",
                    List.of(returned.leadName(), returned.source() == null ? "—" : returned.source()),
                    "/leads/" + returned.leadId());
        }
    }

    @ApplicationModuleListener
    void on(LeadsReEngaged returned) {
        List<LeadEntriesEvent.Entry> back = returned.entries().stream()
                .filter(entry -> "true".equals(entry.facts().get("backToMarketing")))
                .toList();
        if (back.isEmpty()) {
            return;
        }
        List<Long> marketers = marketers();
        if (back.size() > ONE_BY_ONE) {
            notifications.notify(
                    marketers,
                    "notification.reEngagedMany",
                    List.of(Integer.toString(back.size())),
                    "/leads?reEngaged=true");
            return;
        }
        for (LeadEntriesEvent.Entry entry : back) {
            notifications.notify(
                    marketers,
                    "notification.reEngaged",
                    List.of(entry.facts().get("leadName"), entry.facts().getOrDefault("source", "—")),
                    "/leads/" + entry.leadId());
        }
    }

    private List<Long> marketers() {
        return accounts.activeWith(Role.MARKETER).stream().map(Person::id).toList();
    }
}
