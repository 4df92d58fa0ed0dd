package io.leadbridge.dispute.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.Criteria.Criterion;
import io.leadbridge.criteria.Criteria.Mode;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.criteria.LeadEvaluation;
import io.leadbridge.dispute.DisputeManagement;
import io.leadbridge.dispute.DisputeView;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.handoff.Handoffs;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.shared.Refusal;
import io.leadbridge.timeline.Timeline;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Marketing disputes a rejection ({@code POST /leads/{id}/dispute}); the dispute page with both sides
 * ({@code /disputes/{id}}); the liaison's decision ({@code POST /disputes/{id}/decision}); and the liaison sending an
 * escalated handoff back to marketing ({@code POST /leads/{id}/return}).
 */
@Controller
class DisputeController {

    private final DisputeManagement disputes;
    private final LeadManagement leads;
    private final CriteriaManagement criteria;
    private final Handoffs handoffs;
    private final HandoffAssignment assignment;
    private final HandoffDecisions decisions;
    private final Timeline timeline;

    DisputeController(
            DisputeManagement disputes,
            LeadManagement leads,
            CriteriaManagement criteria,
            Handoffs handoffs,
            HandoffAssignment assignment,
            HandoffDecisions decisions,
            Timeline timeline) {
        this.disputes = disputes;
        this.leads = leads;
        this.criteria = criteria;
        this.handoffs = handoffs;
        this.assignment = assignment;
        this.decisions = decisions;
        this.timeline = timeline;
    }

    @PostMapping("/leads/{id}/dispute")
    String dispute(
            @PathVariable long id,
            @Valid @ModelAttribute("disputeForm") DisputeForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (!errors.hasErrors()) {
            try {
                DisputeView dispute = disputes.dispute(id, form.getVersion(), form.getArgument(), me);
                redirect.addFlashAttribute("flashSuccess", "dispute.opened");
                return "redirect:/leads/" + dispute.leadId();
            } catch (Refusal refusal) {
                if (refusal.fields().isEmpty()) {
                    Refusals.flash(refusal, redirect);
                    return "redirect:/leads/" + id;
                }
                Refusals.reject(refusal, errors);
            }
        }
        response.setStatus(422);
        LeadView lead = leads.lead(id);
        model.addAttribute("lead", lead);
        model.addAttribute("handoff", handoffs.latestOf(id).orElse(null));
        return "dispute/open";
    }

    @GetMapping("/disputes/{id}")
    String dispute(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, Model model) {
        DisputeView dispute = disputes.dispute(id);
        model.addAttribute("decisionForm", DecisionForm.backTo(dispute.rejectedById()));
        return page(dispute, me, model, null);
    }

    /** The dispute page; {@code assignee} is the rep the decision form has chosen (null: the rep who rejected it). */
    private String page(DisputeView dispute, SignedInAccount me, Model model, Long assignee) {
        model.addAttribute("dispute", dispute);
        model.addAttribute("lead", leads.lead(dispute.leadId()));
        model.addAttribute("today", criteria.evaluationOf(dispute.leadId()).orElse(null));
        model.addAttribute(
                "atHandoff",
                dispute.criteriaVersionId() == null
                        ? null
                        : criteria.evaluationAgainst(dispute.leadId(), dispute.criteriaVersionId())
                                .orElse(null));
        model.addAttribute("criteriaRows", rows((LeadEvaluation) model.getAttribute("atHandoff"), (LeadEvaluation)
                model.getAttribute("today")));
        model.addAttribute("timeline", timeline.of(dispute.leadId()));
        model.addAttribute("who", disputes.whoDecides(dispute, me));
        model.addAttribute("reps", assignment.reps());
        model.addAttribute("assignee", assignee == null ? dispute.rejectedById() : assignee);
        return "dispute/detail";
    }

    /**
     * The liaison's decision. Who may decide is asked first, as the decision itself does: a person who may not (or a
     * dispute decided meanwhile) gets the reason, whatever the form holds.
     */
    @PostMapping("/disputes/{id}/decision")
    String decide(
            @PathVariable long id,
            @Valid @ModelAttribute("decisionForm") DecisionForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Long rep = form.assigneeId();
        try {
            if (errors.hasErrors()) {
                disputes.whyNotDecide(disputes.dispute(id), me).ifPresent(whyNot -> {
                    throw Refusal.refused(whyNot);
                });
            } else {
                DisputeView decided = disputes.decide(id, form.chosen(), form.getRationale(), rep, me);
                redirect.addFlashAttribute(
                        "flashSuccess",
                        decided.status() == DisputeView.Status.UPHELD ? "dispute.upheld" : "dispute.overturned");
                return "redirect:/disputes/" + id;
            }
        } catch (Refusal refusal) {
            if (refusal.fields().isEmpty()) {
                Refusals.flash(refusal, redirect);
                return "redirect:/disputes/" + id;
            }
            Refusals.reject(refusal, errors);
        }
        response.setStatus(422);
        return page(disputes.dispute(id), me, model, rep);
    }

    @PostMapping("/leads/{id}/return")
    String returnToMarketing(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        try {
            decisions.returnToMarketing(id, version, note, me);
            redirect.addFlashAttribute("flashSuccess", "handoff.returned");
        } catch (Refusal problem) {
            leads.lead(id); // another workspace's lead answers 404
            redirect.addFlashAttribute("flashError", problem.messageCode());
        }
        return "redirect:/leads/" + id;
    }

    /** One criterion, met or not at handoff and today (null where that evaluation does not have it). */
    record CriterionRow(Criterion criterion, Mode mode, Boolean then, Boolean now) {}

    static List<CriterionRow> rows(LeadEvaluation then, LeadEvaluation now) {
        Map<Criterion, CriterionRow> rows = new LinkedHashMap<>();
        if (then != null) {
            then.results()
                    .forEach(r -> rows.put(r.criterion(), new CriterionRow(r.criterion(), r.mode(), r.met(), null)));
        }
        if (now != null) {
            now.results()
                    .forEach(r -> rows.merge(
                            r.criterion(),
                            new CriterionRow(r.criterion(), r.mode(), null, r.met()),
                            (a, b) -> new CriterionRow(a.criterion(), a.mode(), a.then(), b.now())));
        }
        return List.copyOf(rows.values());
    }
}
