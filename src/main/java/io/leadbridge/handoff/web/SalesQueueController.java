package io.leadbridge.handoff.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.QueuePage;
import io.leadbridge.handoff.RepQueue;
import io.leadbridge.handoff.RepQueue.Waiting;
import io.leadbridge.web.FragmentCache;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /sales/queue}: the rep's leads awaiting a decision, most urgent first; and the rep's "away" switch. */
@Controller
class SalesQueueController {

    private final RepQueue queue;
    private final AccountManagement accounts;
    private final QueueRows rows;
    private final FragmentCache fragments;

    SalesQueueController(RepQueue queue, AccountManagement accounts, QueueRows rows, FragmentCache fragments) {
        this.queue = queue;
        this.accounts = accounts;
        this.rows = rows;
        this.fragments = fragments;
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @Transactional(readOnly = true)
    @GetMapping("/sales/queue")
    String queue(
            @RequestParam(required = false) String afterDue,
            @RequestParam(required = false) Long afterId,
            @AuthenticationPrincipal SignedInAccount me,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Instant after = null;
        if (afterDue != null && afterId != null) {
            try {
                after = Instant.parse(afterDue);
            } catch (DateTimeParseException e) {
                after = null; // a mangled link starts at the top
            }
        }
        QueuePage page = queue.queue(me.accountId(), after, after == null ? null : afterId);
        model.addAttribute("page", page);
        // The rows' HTML, each rendered once and kept while it stays the same (web.FragmentCache).
        model.addAttribute(
                "rowsHtml",
                fragments.rows(
                        "handoff/queue",
                        "row",
                        "rows",
                        rows.of(page.items(), request.getContextPath()),
                        request,
                        response));
        QueueBadge.use(model, new Waiting(page.awaiting(), page.overdue()));
        // No reasons: the page's rows open their reject form on demand (HandoffController), which reads them then.
        model.addAttribute("away", accounts.isAway(me.accountId()));
        model.addAttribute("continued", after != null);
        return "handoff/queue";
    }

    @PostMapping("/sales/away")
    String away(
            @RequestParam(defaultValue = "false") boolean away,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        accounts.markAway(me.accountId(), away);
        redirect.addFlashAttribute("flashSuccess", away ? "queue.markedAway" : "queue.markedBack");
        return "redirect:/sales/queue";
    }
}
