package io.leadbridge.dispute.web;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.Person;
import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dashboard.FigureCache;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.dispute.HandoffHealth;
import io.leadbridge.dispute.HandoffHealth.Figures;
import io.leadbridge.handoff.Handoffs;
import io.leadbridge.handoff.RejectionReasons;
import io.leadbridge.tenant.Formats;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** {@code /liaison}: open disputes and escalations in one queue, oldest first; and the handoff's health. */
@Controller
class LiaisonController {

    static final List<Integer> PERIODS = List.of(7, 30, 90, 365);
    static final int DESK_SIZE = 100;

    private final DisputeManagement disputes;
    private final Handoffs handoffs;
    private final HandoffHealth health;
    private final Formats formats;
    private final MessageSource messages;
    private final Clock clock;
    private final AccountManagement accounts;
    private final EvidenceNotifications notifications;

    private final RejectionReasons rejectionReasons;
    private final FigureCache cache;

    LiaisonController(
            DisputeManagement disputes,
            Handoffs handoffs,
            HandoffHealth health,
            Formats formats,
            MessageSource messages,
            Clock clock,
            AccountManagement accounts,
            EvidenceNotifications notifications,
            RejectionReasons rejectionReasons,
            FigureCache cache) {
        this.cache = cache;
        this.rejectionReasons = rejectionReasons;
        this.accounts = accounts;
        this.notifications = notifications;
        this.disputes = disputes;
        this.handoffs = handoffs;
        this.health = health;
        this.formats = formats;
        this.messages = messages;
        this.clock = clock;
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @Transactional(readOnly = true)
    @GetMapping("/liaison")
    String desk(@RequestParam(defaultValue = "30") int days, @AuthenticationPrincipal SignedInAccount me, Model model) {
        int period = PERIODS.contains(days) ? days : 30;
        Instant now = clock.instant();
        FigureCache.Entry<Figures> cached = cache.get(List.of("handoff-health", period), at -> figures(period, at));
        Figures figures = cached.value();
        model.addAttribute("computedAt", cached.computedAt());
        List<DisputeView> open = disputes.open(DESK_SIZE);
        model.addAttribute("disputes", open);
        model.addAttribute("whoDecides", disputes.whoDecides(open, me));
        model.addAttribute("escalations", handoffs.escalations(DESK_SIZE));
        model.addAttribute("figures", figures);
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        model.addAttribute("now", now);
        model.addAttribute("evidenceSummary", summary(period, figures));
        return "dispute/desk";
    }

    /**
     * The liaison asks both teams for a criteria proposal: every marketer and sales rep is notified with the evidence,
     * and the notification opens the proposal form with it as the reason.
     */
    @PostMapping("/liaison/evidence")
    String shareEvidence(
            @RequestParam(defaultValue = "30") int days,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        int period = PERIODS.contains(days) ? days : 30;
        String summary = summary(period, figures(period, clock.instant()));
        String link = "/criteria/propose?summary=" + UriUtils.encodeQueryParam(summary, StandardCharsets.UTF_8);
        while (link.length() > 255 && summary.length() > 20) {
            summary = summary.substring(0, summary.length() - 10).strip() + "…";
            link = "/criteria/propose?summary=" + UriUtils.encodeQueryParam(summary, StandardCharsets.UTF_8);
        }
        List<Long> teams = accounts.people().stream()
                .filter(Person::active)
                .filter(p -> p.has(Role.MARKETER) || p.has(Role.SALES_REP))
                .map(Person::id)
                .toList();
        notifications.send(teams, "notification.criteriaEvidence", List.of(me.getDisplayName(), summary), link);
        redirect.addFlashAttribute("flashSuccess", "health.evidenceShared");
        return "redirect:/liaison?days=" + period;
    }

    private Figures figures(int period, Instant now) {
        Instant from = LocalDate.ofInstant(now, formats.zone())
                .minusDays(period - 1L)
                .atStartOfDay(formats.zone())
                .toInstant();
        return health.figures(from, now);
    }

    private String summary(int period, Figures figures) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> names = new java.util.HashMap<>();
        rejectionReasons.all().forEach(r -> names.put("reason." + r.code(), r.label()));
        for (io.leadbridge.criteria.Criteria.Criterion c : io.leadbridge.criteria.Criteria.Criterion.values()) {
            names.put("criterion." + c.name(), messages.getMessage("criterion." + c.name(), null, c.name(), locale));
        }
        String evidence = HandoffHealth.evidence(
                figures,
                names,
                m -> messages.getMessage(
                        "health.evidenceMissed",
                        new Object[] {
                            names.getOrDefault("criterion." + m.criterion(), m.criterion()),
                            m.missed(),
                            m.rejectedLeads()
                        },
                        locale));
        return messages.getMessage("health.evidenceSummary", new Object[] {period, evidence}, locale);
    }
}
