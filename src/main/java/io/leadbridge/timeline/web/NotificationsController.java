package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.shared.NotFoundException;
import io.leadbridge.timeline.Notifications;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** {@code /notifications}: what needs the signed-in person, newest first; opening one marks it read. */
@Controller
@RequestMapping("/notifications")
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    String list(@AuthenticationPrincipal SignedInAccount me, Model model) {
        List<Notifications.Notification> list = notifications.of(me.accountId());
        model.addAttribute("notifications", list);
        return "notifications/list";
    }

    @PostMapping("/{id}/read")
    String read(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me) {
        if (!notifications.markRead(me.accountId(), id)) {
            throw new NotFoundException();
        }
        String link = notifications.of(me.accountId()).stream()
                .filter(n -> n.id() == id)
                .map(Notifications.Notification::link)
                .findFirst()
                .orElse(null);
        return "redirect:" + (link != null && link.startsWith("/") && !link.startsWith("//") ? link : "/notifications");
    }

    @PostMapping("/read-all")
    String readAll(@AuthenticationPrincipal SignedInAccount me) {
        notifications.markAllRead(me.accountId());
        return "redirect:/notifications";
    }
}
