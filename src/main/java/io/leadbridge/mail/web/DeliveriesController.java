package io.leadbridge.mail.web;

import io.leadbridge.mail.MailOutbox;
import io.leadbridge.shared.NotFoundException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/deliveries}: the workspace's mails, newest first — sent, waiting (and when they are tried next),
 * failed with the reason, not sent for want of a mail server — filtered by status, a page of 50 at a time (keyset);
 * "send again" for those that failed or were never sent.
 */
@Controller
class DeliveriesController {

    static final String PATH = "/admin/deliveries";

    private final MailOutbox outbox;
    private final Clock clock;

    DeliveriesController(MailOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String list(
            @RequestParam(required = false) String status, @RequestParam(required = false) String before, Model model) {
        Optional<MailOutbox.Status> filter = status(status);
        Optional<Long> after = number(before);
        model.addAttribute("page", outbox.page(filter, after));
        model.addAttribute("status", filter.map(Enum::name).orElse(""));
        model.addAttribute("statuses", MailOutbox.Status.values());
        model.addAttribute("configured", outbox.configured());
        return "admin/deliveries/list";
    }

    @PostMapping(PATH + "/{id}/resend")
    String resend(@PathVariable long id, RedirectAttributes redirect) {
        switch (outbox.sendAgain(id, clock.instant())) {
            case NOT_FOUND -> throw new NotFoundException();
            case QUEUED -> redirect.addFlashAttribute("flashSuccess", "deliveries.queued");
            case STILL_NOT_CONFIGURED -> redirect.addFlashAttribute("flashError", "deliveries.stillNotConfigured");
            case NOT_SENDABLE -> redirect.addFlashAttribute("flashError", "deliveries.notSendable");
        }
        return "redirect:" + PATH;
    }

    private static Optional<MailOutbox.Status> status(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MailOutbox.Status.valueOf(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return text == null || text.isBlank() || text.length() > 19
                    ? Optional.empty()
                    : Optional.of(Long.parseLong(text)).filter(n -> n > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
