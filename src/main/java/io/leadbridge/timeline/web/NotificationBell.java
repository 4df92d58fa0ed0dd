package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.Notifications;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The unread count for the bell in the navigation, on every page of a signed-in person. */
@ControllerAdvice
class NotificationBell {

    private final Notifications notifications;

    NotificationBell(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Integer unread() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInAccount me) {
            return notifications.unread(me.accountId());
        }
        return null;
    }
}
