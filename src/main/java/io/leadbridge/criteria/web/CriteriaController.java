package io.leadbridge.criteria.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.AgreementProblem;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.Status;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.CriteriaManagement.Version;
import io.leadbridge.text.PlainTexts;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

/** {@code /criteria}: the active version in plain language, proposals with their what-if and diff, history. */
@Controller
@RequestMapping("/criteria")
class CriteriaController {

    static final List<Integer> PERIODS = List.of(30, 90, 180, 365);
    static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

    private final CriteriaManagement criteria;
    private final AgreementManagement agreements;

    CriteriaController(CriteriaManagement criteria, AgreementManagement agreements) {
        this.criteria = criteria;
        this.agreements = agreements;
    }

    @ModelAttribute("criterionList")
    Criterion[] criterionList() {
        return Criterion.values();
    }

    @ModelAttribute("modes")
    Mode[] modes() {
        return Mode.values();
    }

    @ModelAttribute("horizons")
    Horizon[] horizons() {
        return Horizon.values();
    }

    @GetMapping
    String overview(@AuthenticationPrincipal SignedInAccount me, Model model) {
        List<Version> history = criteria.history();
        model.addAttribute("drafts", criteria.drafts(me));
        model.addAttribute("active", criteria.active());
        model.addAttribute(
                "open", history.stream().filter(v -> v.agreement().open()).toList());
        model.addAttribute("history", history);
        model.addAttribute(
                "outdated",
                history.stream()
                        .filter(v -> v.agreement().outdated())
                        .filter(v -> Long.valueOf(me.accountId())
                                .equals(v.agreement().proposedBy()))
                        .toList());
        model.addAttribute("progress", criteria.reevaluationProgress().orElse(null));
        return "criteria/overview";
    }

    @GetMapping("/reevaluation")
    String progress(Model model) {
        model.addAttribute("progress", criteria.reevaluationProgress().orElse(null));
        return "criteria/overview :: progress";
    }

    /**
     * The proposal form: from the active version; or the author's draft {@code draft} (with its what-if, which only
     * the author sees); or the author's outdated proposal {@code from}, its changes applied to the active version.
     */
    @GetMapping("/propose")
    String proposeForm(
            @RequestParam(required = false) Long draft,
            @RequestParam(required = false) Long from,
            @RequestParam(required = false) String summary,
            @RequestParam(defaultValue = "90") int days,
            @AuthenticationPrincipal SignedInAccount me,
            Model model) {
        Version active = criteria.active();
        if (draft != null) {
            Version saved = criteria.version(draft, me);
            if (saved.agreement().status() != Status.DRAFT) {
                return "redirect:/criteria/versions/" + draft;
            }
            Criteria onTop = criteria.onTopOfActive(saved.agreement().baseVersionId(), saved.criteria());
            CriteriaForm form = CriteriaForm.of(onTop);
            form.setSummary(saved.agreement().summary());
            model.addAttribute("form", form);
            model.addAttribute("draftId", draft);
            if (!Long.valueOf(active.agreement().id()).equals(saved.agreement().baseVersionId())) {
                model.addAttribute("rebasedOn", active.agreement().number());
            }
            int period = PERIODS.contains(days) ? days : 90;
            model.addAttribute("periods", PERIODS);
            model.addAttribute("days", period);
            model.addAttribute("whatIf", criteria.whatIf(onTop, period));
        } else if (from != null) {
            Version outdated = criteria.version(from, me);
            if (!agreements.permissions(outdated.agreement(), me).repropose()) {
                return "redirect:/criteria/versions/" + from;
            }
            CriteriaForm form =
                    CriteriaForm.of(criteria.onTopOfActive(outdated.agreement().baseVersionId(), outdated.criteria()));
            form.setSummary(outdated.agreement().summary());
            model.addAttribute("form", form);
            model.addAttribute("reproposing", outdated.agreement().number());
            model.addAttribute("rebasedOn", active.agreement().number());
        } else {
            CriteriaForm form = CriteriaForm.of(criteria.active().criteria());
            if (summary != null && !summary.isBlank() && PlainTexts.multiLine(summary)) {
                // Started from the liaison's evidence (rejections and criteria misses): the why is prefilled.
                form.setSummary(summary.length() > 1000 ? summary.substring(0, 1000) : summary.strip());
            }
            model.addAttribute("form", form);
        }
        model.addAttribute("baseId", active.agreement().id());
        model.addAttribute("industries", criteria.industries());
        return "criteria/propose";
    }

    @PostMapping("/drafts/{id}/discard")
    String discard(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        try {
            criteria.discardDraft(id, me);
            redirect.addFlashAttribute("flashSuccess", "criteria.draftDiscarded");
        } catch (AgreementProblem problem) {
            redirect.addFlashAttribute("flashError", problem.messageCode());
        }
        return "redirect:/criteria";
    }

    /**
     * Saves a draft or proposes. The form carries the version it was made on ({@code baseId}); if another version
     * became active meanwhile, the form comes back with the person's changes applied to the active version, to check
     * and send again.
     */
    @PostMapping("/proposals")
    String propose(
            @Valid @ModelAttribute("form") CriteriaForm form,
            BindingResult errors,
            @RequestParam(required = false) Long draftId,
            @RequestParam(required = false) Long baseId,
            @RequestParam(defaultValue = "propose") String action,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            RedirectAttributes redirect) {
        List<String> industries = criteria.industries();
        Version active = criteria.active();
        long activeId = active.agreement().id();
        long base = baseId == null ? activeId : baseId;
        boolean draft = action.equals("draft");
        check(form, errors, industries);
        if (!errors.hasErrors() && base != activeId) {
            rebase(form, base, active, errors);
            base = activeId;
        }
        if (!errors.hasErrors() && !draft) {
            if (form.getSummary() == null || form.getSummary().isBlank()) {
                errors.rejectValue("summary", "agreement.summaryRequired");
            }
            if (criteria.diff(active.criteria(), form.toCriteria()).isEmpty()) {
                errors.reject(
                        "agreement.sameAsActive",
                        new Object[] {active.agreement().number()},
                        null);
            }
        }
        if (!errors.hasErrors()) {
            try {
                if (draft) {
                    Version saved = criteria.saveDraft(draftId, base, form.toCriteria(), form.getSummary(), me);
                    redirect.addFlashAttribute("flashSuccess", "criteria.draftSaved");
                    return "redirect:/criteria/propose?draft="
                            + saved.agreement().id();
                }
                Version proposed = criteria.propose(draftId, base, form.toCriteria(), form.getSummary(), me);
                redirect.addFlashAttribute("flashSuccess", "criteria.proposed");
                redirect.addFlashAttribute("flashArgument", proposed.agreement().number());
                return "redirect:/criteria/versions/" + proposed.agreement().id();
            } catch (AgreementProblem problem) {
                if (problem.messageCode().equals("agreement.baseChanged")) {
                    Version now = criteria.active();
                    rebase(form, base, now, errors);
                    base = now.agreement().id();
                } else {
                    errors.reject(problem.messageCode());
                }
            }
        }
        model.addAttribute("draftId", draftId);
        model.addAttribute("baseId", base);
        model.addAttribute("industries", industries);
        return "criteria/propose";
    }

    /** The person's changes (relative to the version {@code base} they started from), applied to the active one. */
    private void rebase(CriteriaForm form, long base, Version active, BindingResult errors) {
        Criteria onTop = form.toCriteria().changesOnto(criteria.base(base).criteria(), active.criteria());
        form.copySettingsFrom(CriteriaForm.of(onTop));
        errors.reject("agreement.baseChanged", new Object[] {active.agreement().number()}, null);
    }

    /** Rules across fields and against the workspace's lists. */
    private static void check(CriteriaForm form, BindingResult errors, List<String> industries) {
        if (form.getEmployeesMin() != null
                && form.getEmployeesMax() != null
                && form.getEmployeesMin() > form.getEmployeesMax()) {
            errors.rejectValue("employeesMax", "criteria.maxBelowMin");
        }
        if (!industries.containsAll(form.getIndustries())) {
            errors.rejectValue("industries", "criteria.unknownIndustry");
        }
        List<String> unknown = CriteriaForm.split(form.getCountries(), true).stream()
                .filter(code -> !COUNTRY_CODES.contains(code))
                .toList();
        if (!unknown.isEmpty()) {
            errors.rejectValue("countries", "criteria.unknownCountry", new Object[] {String.join(", ", unknown)}, null);
        }
    }

    @GetMapping("/versions/{id}")
    String version(
            @PathVariable long id,
            @RequestParam(defaultValue = "90") int days,
            @AuthenticationPrincipal SignedInAccount me,
            Model model) {
        Version version = criteria.version(id, me);
        Version active = criteria.active();
        int period = PERIODS.contains(days) ? days : 90;
        model.addAttribute("version", version);
        model.addAttribute("active", active);
        Version base = criteria.comparedWith(version).orElse(null);
        model.addAttribute("base", base);
        model.addAttribute("diff", base == null ? List.of() : criteria.diff(base.criteria(), version.criteria()));
        model.addAttribute("comments", agreements.comments(id));
        model.addAttribute("permissions", agreements.permissions(version.agreement(), me));
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        model.addAttribute("comparedWithBase", version.agreement().outdated() && base != null);
        if (version.agreement().status() == Status.PROPOSED
                || version.agreement().status() == Status.DRAFT) {
            model.addAttribute("whatIf", criteria.whatIf(version.criteria(), period));
        }
        return "criteria/version";
    }

    @PostMapping("/versions/{id}/approve")
    String approve(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "criteria.approved", () -> agreements.approve(Kind.CRITERIA, id, comment, me));
    }

    @PostMapping("/versions/{id}/decline")
    String decline(
            @PathVariable long id,
            @RequestParam(required = false) String comment,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        return decide(id, redirect, "criteria.declined", () -> agreements.decline(Kind.CRITERIA, id, comment, me));
    }

    @PostMapping("/versions/{id}/withdraw")
    String withdraw(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        return decide(id, redirect, "criteria.withdrawn", () -> agreements.withdraw(Kind.CRITERIA, id, me));
    }

    @PostMapping("/versions/{id}/comments")
    String comment(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String body,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        if (body.isBlank() || body.length() > 2000 || !PlainTexts.multiLine(body)) {
            criteria.version(id, me); // another workspace's id answers 404 here too
            redirect.addFlashAttribute("flashError", "criteria.commentInvalid");
        } else {
            agreements.comment(Kind.CRITERIA, id, body, me);
        }
        return "redirect:/criteria/versions/" + id + "#comments";
    }

    private String decide(long id, RedirectAttributes redirect, String success, Runnable decision) {
        try {
            decision.run();
            redirect.addFlashAttribute("flashSuccess", success);
        } catch (AgreementProblem problem) {
            redirect.addFlashAttribute("flashError", problem.messageCode());
        }
        return "redirect:/criteria/versions/" + id;
    }
}
