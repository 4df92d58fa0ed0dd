package io.leadbridge.funnel.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.agreement.AgreementManagement;
import io.leadbridge.agreement.Kind;
import io.leadbridge.agreement.web.AgreementPages;
import io.leadbridge.funnel.Funnel.Owner;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.funnel.FunnelManagement.Version;
import io.leadbridge.lead.Stage;
import jakarta.validation.Valid;
import java.util.Arrays;
import java.util.List;
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
 * {@code /funnel}: the agreed stages with their owners, exit criteria and response times; proposals and history. The
 * agreement's flow (approve, decline, withdraw, comment, sending a proposal) is {@link AgreementPages}'.
 */
@Controller
@RequestMapping("/funnel")
class FunnelController extends AgreementPages<Version, FunnelForm> {

    private final FunnelManagement funnel;

    FunnelController(FunnelManagement funnel, AgreementManagement agreements) {
        super(Kind.FUNNEL, funnel, agreements);
        this.funnel = funnel;
    }

    @ModelAttribute("owners")
    Owner[] owners() {
        return Owner.values();
    }

    @GetMapping
    String overview(@AuthenticationPrincipal SignedInAccount me, Model model) {
        return showOverview(me, model);
    }

    /**
     * The proposal form: from the active version, or from the author's outdated proposal {@code from}, its changes
     * applied to the active version.
     */
    @GetMapping("/propose")
    String proposeForm(
            @RequestParam(required = false) Long from, @AuthenticationPrincipal SignedInAccount me, Model model) {
        if (from != null) {
            return reproposeForm(from, me, model);
        }
        model.addAttribute("form", FunnelForm.of(funnel.active().funnel()));
        return proposePage(model);
    }

    @Override
    protected FunnelForm formOnTopOfActive(Version version) {
        return FunnelForm.of(funnel.onTopOfActive(version.agreement().baseVersionId(), version.funnel()));
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
        check(form, errors);
        return send(form, errors, baseId, false, model, base -> {
            Version proposed = funnel.propose(base, form.toFunnel(), form.getSummary(), me);
            redirect.addFlashAttribute("flashSuccess", "funnel.proposed");
            redirect.addFlashAttribute("flashArgument", proposed.agreement().number());
            return redirectToVersion(proposed.agreement().id());
        });
    }

    @Override
    protected void rebaseForm(FunnelForm form, Long base, Version active) {
        form.copySettingsFrom(FunnelForm.of(form.toFunnel().changesOnto(funnel.baseFunnel(base), active.funnel())));
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

    @Override
    protected boolean unchanged(FunnelForm form, Version active) {
        return funnel.diff(active.funnel(), form.toFunnel()).isEmpty();
    }

    @GetMapping("/versions/{id}")
    String version(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, Model model) {
        return showVersion(funnel.version(id, me), me, model);
    }
}
