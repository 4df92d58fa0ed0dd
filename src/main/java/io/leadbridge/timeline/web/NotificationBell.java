package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.Notifications;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
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
    Integer unread(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            // The end of a stream (the activity feed), not a page: nothing to count, and when its person has just
            // signed out there is no workspace left to count in.
            return null;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInAccount me) {
            return notifications.unread(me.accountId());
        }
        return null;
    }
}
