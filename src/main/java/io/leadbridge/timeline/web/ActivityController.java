package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.ActivityFeed;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code /activity}: the shared feed; {@code /activity/stream}: its new items as server-sent events, and the person's
 * notification count for the bell (every signed-in page connects to it).
 */
@Controller
class ActivityController {

    static final int RECENT = 30;

    private final ActivityFeed feed;

    ActivityController(ActivityFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/activity")
    String page(Model model) {
        model.addAttribute("activity", feed.recent(RECENT));
        return "activity/feed";
    }

    @GetMapping(path = "/activity/stream", produces = "text/event-stream")
    @org.springframework.web.bind.annotation.ResponseBody
    SseEmitter stream(
            Locale locale,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String after,
            jakarta.servlet.http.HttpSession session,
            @AuthenticationPrincipal Object principal) {
        // The stream also rings the person's bell in the navigation (their unread notifications).
        Long account = principal instanceof SignedInAccount me ? me.accountId() : null;
        return feed.subscribe(locale, lastSeen(lastEventId != null ? lastEventId : after), session.getId(), account);
    }

    /** The id of the last item the client saw, if it sent one that is an id at all. */
    private static Long lastSeen(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
