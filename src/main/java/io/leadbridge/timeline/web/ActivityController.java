package io.leadbridge.timeline.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.timeline.ActivityFeed;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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

    /** How long a browser refused a stream should wait before it asks again. */
    static final String RETRY_AFTER_SECONDS = "30";

    private final ActivityFeed feed;

    ActivityController(ActivityFeed feed) {
        this.feed = feed;
    }

    @GetMapping("/activity")
    String page(Model model) {
        model.addAttribute("activity", feed.recent(RECENT));
        return "activity/feed";
    }

    /**
     * The stream of a page: the bell always, the feed's items with {@code feed=1} (the pages that show the feed). When
     * this instance has as many streams as it takes: 503, try again later (the page works without; its browser
     * reconnects on its own).
     */
    @GetMapping(path = "/activity/stream", produces = "text/event-stream")
    ResponseEntity<SseEmitter> stream(
            Locale locale,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(required = false) String after,
            @RequestParam(name = "feed", required = false) String withFeed,
            jakarta.servlet.http.HttpSession session,
            @AuthenticationPrincipal Object principal) {
        // The stream also rings the person's bell in the navigation (their unread notifications).
        Long account = principal instanceof SignedInAccount me ? me.accountId() : null;
        return feed.subscribe(
                        locale,
                        lastSeen(lastEventId != null ? lastEventId : after),
                        session.getId(),
                        account,
                        "1".equals(withFeed))
                .map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                        .build());
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
