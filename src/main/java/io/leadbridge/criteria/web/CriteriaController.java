package io.leadbridge.criteria.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.Status;
import io.leadbridge.agreement.web.AgreementPages;
import io.leadbridge.criteria.Criteria;
import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Horizon;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.CriteriaManagement.Version;
import io.leadbridge.shared.Refusal;
import io.leadbridge.text.PlainTexts;
import io.leadbridge.web.Refusals;
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

/**
 * {@code /criteria}: the active version in plain language, proposals with their what-if and diff, drafts, history. The
 * agreement's flow (approve, decline, withdraw, comment, sending a proposal) is {@link AgreementPages}'.
 */
@Controller
@RequestMapping("/criteria")
class CriteriaController extends AgreementPages<Version, CriteriaForm> {

    static final List<Integer> PERIODS = List.of(30, 90, 180, 365);
    static final Set<String> COUNTRY_CODES = Set.of(Locale.getISOCountries());

    private final CriteriaManagement criteria;

    CriteriaController(CriteriaManagement criteria, AgreementManagement agreements) {
        super(Kind.CRITERIA, criteria, agreements);
        this.criteria = criteria;
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
        model.addAttribute("drafts", criteria.drafts(me));
        model.addAttribute("progress", criteria.reevaluationProgress().orElse(null));
        return showOverview(me, model);
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
        model.addAttribute("industries", criteria.industries());
        if (from != null && draft == null) {
            return reproposeForm(from, me, model);
        }
        if (draft != null) {
            Version saved = criteria.version(draft, me);
            if (saved.agreement().status() != Status.DRAFT) {
                return redirectToVersion(draft);
            }
            Criteria onTop = criteria.onTopOfActive(saved.agreement().baseVersionId(), saved.criteria());
            CriteriaForm form = CriteriaForm.of(onTop);
            form.setSummary(saved.agreement().summary());
            model.addAttribute("form", form);
            model.addAttribute("draftId", draft);
            Version active = criteria.active();
            if (!Long.valueOf(active.agreement().id()).equals(saved.agreement().baseVersionId())) {
                model.addAttribute("rebasedOn", active.agreement().number());
            }
            model.addAttribute("whatIf", criteria.whatIf(onTop, period(days, model)));
        } else {
            CriteriaForm form = CriteriaForm.of(criteria.active().criteria());
            if (summary != null && !summary.isBlank() && PlainTexts.multiLine(summary)) {
                // Started from the liaison's evidence (rejections and criteria misses): the why is prefilled.
                form.setSummary(summary.length() > 1000 ? summary.substring(0, 1000) : summary.strip());
            }
            model.addAttribute("form", form);
        }
        return proposePage(model);
    }

    @Override
    protected CriteriaForm formOnTopOfActive(Version version) {
        return CriteriaForm.of(criteria.onTopOfActive(version.agreement().baseVersionId(), version.criteria()));
    }

    /** The what-if's period, one of {@link #PERIODS} (else 90), with the periods to choose from. */
    private static int period(int days, Model model) {
        int period = PERIODS.contains(days) ? days : 90;
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        return period;
    }

    @PostMapping("/drafts/{id}/discard")
    String discard(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
        try {
            criteria.discardDraft(id, me);
            redirect.addFlashAttribute("flashSuccess", "criteria.draftDiscarded");
        } catch (Refusal refusal) {
            Refusals.flash(refusal, redirect);
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
        check(form, errors, industries);
        model.addAttribute("draftId", draftId);
        model.addAttribute("industries", industries);
        boolean draft = action.equals("draft");
        return send(form, errors, baseId, draft, model, base -> {
            if (draft) {
                Version saved = criteria.saveDraft(draftId, base, form.toCriteria(), form.getSummary(), me);
                redirect.addFlashAttribute("flashSuccess", "criteria.draftSaved");
                return "redirect:/criteria/propose?draft=" + saved.agreement().id();
            }
            Version proposed = criteria.propose(draftId, base, form.toCriteria(), form.getSummary(), me);
            redirect.addFlashAttribute("flashSuccess", "criteria.proposed");
            redirect.addFlashAttribute("flashArgument", proposed.agreement().number());
            return redirectToVersion(proposed.agreement().id());
        });
    }

    @Override
    protected void rebaseForm(CriteriaForm form, Long base, Version active) {
        form.copySettingsFrom(CriteriaForm.of(
                form.toCriteria().changesOnto(criteria.base(base).criteria(), active.criteria())));
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

    @Override
    protected boolean unchanged(CriteriaForm form, Version active) {
        return criteria.diff(active.criteria(), form.toCriteria()).isEmpty();
    }

    @GetMapping("/versions/{id}")
    String version(
            @PathVariable long id,
            @RequestParam(defaultValue = "90") int days,
            @AuthenticationPrincipal SignedInAccount me,
            Model model) {
        Version version = criteria.version(id, me);
        int period = period(days, model);
        Status status = version.agreement().status();
        if (status == Status.PROPOSED || status == Status.DRAFT) {
            model.addAttribute("whatIf", criteria.whatIf(version.criteria(), period));
        }
        return showVersion(version, me, model);
    }
}
