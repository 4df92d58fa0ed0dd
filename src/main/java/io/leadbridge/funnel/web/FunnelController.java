package io.leadbridge.funnel.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.AgreementProblem;
import io.leadbridge.agreement.Kind;
import io.leadbridge.funnel.Funnel.Owner;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.funnel.FunnelManagement.Version;
import io.leadbridge.lead.Stage;
import io.leadbridge.text.PlainTexts;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /funnel}: the agreed stages with their owners, exit criteria and response times; proposals and history. */
@Controller
@RequestMapping("/funnel")
class FunnelController {

    private final FunnelManagement funnel;
    private final AgreementManagement agreements;

    FunnelController(FunnelManagement funnel, AgreementManagement agreements) {
        this.funnel = funnel;
        this.agreements = agreements;
    }

    @ModelAttribute("owners")
    Owner[] owners() {
        return Owner.values();
    }

    @GetMapping
    String overview(@AuthenticationPrincipal SignedInAccount me, Model model) {
        List<Version> history = funnel.history();
        model.addAttribute(
                "outdated",
                history.stream()
                        .filter(v -> v.agreement().outdated())
                        .filter(v -> Long.valueOf(me.accountId())
                                .equals(v.agreement().proposedBy()))
                        .toList());
        model.addAttribute("active", funnel.active());
        model.addAttribute(
                "open", history.stream().filter(v -> v.agreement().open()).toList());
        model.addAttribute("history", history);
        return "funnel/overview";
    }

    /**
     * The proposal form: from the active version, or from the author's outdated proposal {@code from}, its changes
     * applied to the active version.
     */
    @GetMapping("/propose")
    String proposeForm(
            @RequestParam(required = false) Long from, @AuthenticationPrincipal SignedInAccount me, Model model) {
        Version active = funnel.active();
        if (from != null) {
            Version outdated = funnel.version(from, me);
            if (!agreements.permissions(outdated.agreement(), me).repropose()) {
                return "redirect:/funnel/versions/" + from;
            }
            FunnelForm form =
                    FunnelForm.of(funnel.onTopOfActive(outdated.agreement().baseVersionId(), outdated.funnel()));
            form.setSummary(outdated.agreement().summary());
            model.addAttribute("form", form);
            model.addAttribute("reproposing", outdated.agreement().number());
            model.addAttribute(
                    "rebasedOn",
                    active.agreement() == null ? null : active.agreement().number());
        } else {
            model.addAttribute("form", FunnelForm.of(active.funnel()));
        }
        model.addAttribute("baseId", activeId(active));
        return "funnel/propose";
    }

    /**
     * Proposes. The form carries the version it was made on ({@code baseId}; none: the defaults); if another version
     * became active meanwhile, the form comes back with the person's changes applied to the active version.
     */
    @PostMapping("/proposals")
    String propose(
            @Valid @ModelAttribute("form") FunnelForm form,
            BindingResult errors,
            @RequestParam(required = false) Long baseId,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            RedirectAttributes redirect) {
        Version active = funnel.active();
        Long base = baseId == null ? activeId(active) : baseId;
        check(form, errors);
        if (!errors.hasErrors() && !Objects.equals(base, activeId(active))) {
            rebase(form, base, active, errors);
            base = activeId(active);
        }
        if (!errors.hasErrors()) {
            if (form.getSummary() == null || form.getSummary().isBlank()) {
                errors.rejectValue("summary", "agreement.summaryRequired");
            }
            if (funnel.diff(active.funnel(), form.toFunnel()).isEmpty()) {
                errors.reject(
                        "agreement.sameAsActive",
                        new Object[] {
                            active.agreement() == null ? 0 : active.agreement().number()
                        },
                        null);
            }
        }
        if (!errors.hasErrors()) {
            try {
                Version proposed = funnel.propose(base, form.toFunnel(), form.getSummary(), me);
                redirect.addFlashAttribute("flashSuccess", "funnel.proposed");
                redirect.addFlashAttribute("flashArgument", proposed.agreement().number());
                return "redirect:/funnel/versions/" + proposed.agreement().id();
            } catch (AgreementProblem problem) {
                if (problem.messageCode().equals("agreement.baseChanged")) {
                    Version now = funnel.active();
                    rebase(form, base, now, errors);
                    base = activeId(now);
                } else {
                    errors.reject(problem.messageCode());
                }
            }
        }
        model.addAttribute("baseId", base);
        return "funnel/propose";
    }

    private static Long activeId(Version active) {
        return active.agreement() == null ? null : active.agreement().id();
    }

    /** The person's changes (relative to the version {@code base} they started from), applied to the active one. */
    private void rebase(FunnelForm form, Long base, Version active, BindingResult errors) {
        form.copySettingsFrom(FunnelForm.of(form.toFunnel().changesOnto(funnel.baseFunnel(base), active.funnel())));
        errors.reject(
                "agreement.baseChanged",
                new Object[] {
                    active.agreement() == null ? 0 : active.agreement().number()
                },
                null);
    }

    /** Rules across fields: every stage once, in order; disputes stay with the liaison; the clock is consistent. */
    static void check(FunnelForm form, BindingResult errors) {
        List<Stage> stages =
                form.getStages().stream().map(FunnelForm.StageRow::getStage).toList();
        if (!stages.equals(Arrays.asList(Stage.values()))) {
            errors.reject("funnel.stagesIncomplete");
            return;
        }
        for (int i = 0; i < stages.size(); i++) {
            FunnelForm.StageRow row = form.getStages().get(i);
            Stage stage = row.getStage();
            String prefix = "stages[" + i + "].";
            if (row.getOwner() != null) {
                if (stage == Stage.IN_DISPUTE && row.getOwner() != Owner.LIAISON) {
                    errors.rejectValue(prefix + "owner", "funnel.disputeOwner");
                } else if (stage != Stage.IN_DISPUTE && row.getOwner() == Owner.LIAISON) {
                    errors.rejectValue(prefix + "owner", "funnel.teamOwns");
                }
            }
            if (stage.terminal() && row.getSlaHours() != null) {
                errors.rejectValue(prefix + "slaHours", "funnel.terminalNoSla");
            }
            if (stage == Stage.AWAITING_ACCEPTANCE) {
                if (row.getSlaHours() == null) {
                    errors.rejectValue(prefix + "slaHours", "funnel.decisionHoursRequired");
                } else if (form.getEscalationHours() != null && form.getEscalationHours() <= row.getSlaHours()) {
                    errors.rejectValue(
                            "escalationHours",
                            "funnel.escalationAfterDecision",
                            new Object[] {row.getSlaHours()},
                            null);
                }
            }
        }
    }

    @GetMapping("/versions/{id}")
    String version(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, Model model) {
        Version version = funnel.version(id, me);
        Version base = funnel.comparedWith(version).orElse(null);
        model.addAttribute("version", version);
        model.addAttribute("active", funnel.active());
        model.addAttribute("base", base);
        model.addAttribute("diff", base == null ? List.of() : funnel.diff(base.funnel(), version.funnel()));
        model.addAttribute("comments", agreements.comments(id));
        model.addAttribute("permissions", agreements.permissions(version.agreement(), me));
        model.addAttribute("comparedWithBase", version.agreement().outdated());
        return "funnel/version";
    }

    @PostMapping("/versions/{id}/approve")
    String approve(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "funnel.approved", () -> agreements.approve(Kind.FUNNEL, id, comment, me));
    }

    @PostMapping("/versions/{id}/decline")
    String decline(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "funnel.declined", () -> agreements.decline(Kind.FUNNEL, id, comment, me));
    }

    @PostMapping("/versions/{id}/withdraw")
    String withdraw(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        return decide(id, redirect, "funnel.withdrawn", () -> agreements.withdraw(Kind.FUNNEL, id, me));
    }

    @PostMapping("/versions/{id}/comments")
    String comment(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        if (body.isBlank() || body.length() > 2000 || !PlainTexts.multiLine(body)) {
            funnel.version(id, me); // another workspace's id answers 404 here too
            redirect.addFlashAttribute("flashError", "criteria.commentInvalid");
        } else {
            agreements.comment(Kind.FUNNEL, id, body, me);
        }
        return "redirect:/funnel/versions/" + id + "#comments";
    }

    private String decide(long id, RedirectAttributes redirect, String success, Runnable decision) {
        try {
            decision.run();
            redirect.addFlashAttribute("flashSuccess", success);
        } catch (AgreementProblem problem) {
            redirect.addFlashAttribute("flashError", problem.messageCode());
        }
        return "redirect:/funnel/versions/" + id;
    }
}
