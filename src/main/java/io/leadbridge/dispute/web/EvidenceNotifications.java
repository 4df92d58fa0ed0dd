package io.leadbridge.dispute.web;

import io.leadbridge.timeline.Notifications;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sends the liaison's evidence to the teams in a transaction of its own (notifications join their cause's). */
@Component
class EvidenceNotifications {

    private final Notifications notifications;

    EvidenceNotifications(Notifications notifications) {
        this.notifications = notifications;
    }

    @Transactional
    public void send(Collection<Long> recipients, String key, List<String> arguments, String link) {
        notifications.notify(recipients, key, arguments, link);
    }
}
