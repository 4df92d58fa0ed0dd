package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.Notifications;
import io.leadbridge.web.PageLoads;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The unread count for the bell in the navigation, on every page a signed-in person loads. */
@ControllerAdvice
class NotificationBell {

    private final Notifications notifications;

    NotificationBell(Notifications notifications) {
        this.notifications = notifications;
    }

    @ModelAttribute("unreadNotifications")
    Integer unread(HttpServletRequest request) {
        if (!PageLoads.isPageLoad(request)) {
            // The live stream itself, a form post or the end of a stream: no navigation to show it in (and at the end
            // of a stream whose person has just signed out there is no workspace left to count in).
            return null;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInAccount me) {
            return notifications.unread(me.accountId());
        }
        return null;
    }
}
