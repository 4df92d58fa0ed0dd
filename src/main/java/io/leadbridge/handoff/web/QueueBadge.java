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
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.thymeleaf.context.LazyContextVariable;

/**
 * What waits in a sales rep's queue, for the count on the navigation's Queue item, on every full page a rep opens. An
 * htmx fragment has no navigation: the queue's decisions put the fresh count into their answers themselves. Nor has
 * the live stream or a form post (it redirects to a page that counts).
 *
 * <p>The count is read when the page renders it, not before the page's handler runs: the queue page has the same
 * figures from its own read and puts them in its place ({@link #use}), which spares it a transaction of its own.
 */
@ControllerAdvice
class QueueBadge {

    static final String ATTRIBUTE = "queueWaiting";

    private final RepQueue queue;

    QueueBadge(RepQueue queue) {
        this.queue = queue;
    }

    @ModelAttribute(ATTRIBUTE)
    LazyContextVariable<Waiting> waiting(HttpServletRequest request) {
        if (!PageLoads.isPageLoad(request) || HtmxRequest.fromRequest(request).isHtmxRequest()) {
            return null;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof SignedInAccount me
                && me.has(Role.SALES_REP)) {
            long rep = me.accountId();
            return new LazyContextVariable<>() {
                @Override
                protected Waiting loadValue() {
                    return queue.waiting(rep);
                }
            };
        }
        return null;
    }

    /** Shows {@code waiting} as the count, if the page shows one (a rep's full page), instead of reading it again. */
    static void use(Model model, Waiting waiting) {
        if (model.getAttribute(ATTRIBUTE) != null) {
            model.addAttribute(ATTRIBUTE, waiting);
        }
    }
}
