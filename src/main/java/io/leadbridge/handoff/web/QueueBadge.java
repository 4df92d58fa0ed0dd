package io.leadbridge.handoff.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.RepQueue;
import io.leadbridge.handoff.RepQueue.Waiting;
import io.leadbridge.web.PageLoads;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What waits in a sales rep's queue, for the count on the navigation's Queue item, on every full page a rep opens. An
 * htmx fragment has no navigation: the queue's decisions put the fresh count into their answers themselves. Nor has
 * the live stream or a form post (it redirects to a page that counts).
 */
@ControllerAdvice
class QueueBadge {

    static final String ATTRIBUTE = "queueWaiting";

    private final RepQueue queue;

    QueueBadge(RepQueue queue) {
        this.queue = queue;
    }

    @ModelAttribute(ATTRIBUTE)
    Waiting waiting(HttpServletRequest request) {
        if (!PageLoads.isPageLoad(request) || HtmxRequest.fromRequest(request).isHtmxRequest()) {
            return null;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof SignedInAccount me
                && me.has(Role.SALES_REP)) {
            return queue.waiting(me.accountId());
        }
        return null;
    }
}
