package io.leadbridge.handoff.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.handoff.HandoffManagement;
import io.leadbridge.handoff.HandoffProblem;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.web.FormValues;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The handoff actions on a lead: hand off (marketing), accept and reject (the rep it was handed to), reassign. Each
 * works as a plain form post; accept and reject also answer htmx requests from the queue with the row's new state.
 */
@Controller
class HandoffController {

    private final HandoffManagement handoffs;
    private final LeadManagement leads;
    private final CriteriaManagement criteria;

    HandoffController(HandoffManagement handoffs, LeadManagement leads, CriteriaManagement criteria) {
        this.handoffs = handoffs;
        this.leads = leads;
        this.criteria = criteria;
    }

    @GetMapping("/leads/{id}/handoff")
    String form(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, Model model) {
        LeadView lead = leads.lead(id);
        if (!handoffs.mayHandOff(lead, me)) {
            return "redirect:/leads/" + id;
        }
        return handoffForm(lead, model, new HandoffForm(), null);
    }

    @PostMapping("/leads/{id}/handoff")
    String handOff(
            @PathVariable long id,
            HandoffForm form,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            HandoffView handoff =
                    handoffs.handOff(id, form.getVersion(), form.assigneeId(), form.getOverrideReason(), me);
            redirect.addFlashAttribute("flashSuccess", "handoff.handedOff");
            redirect.addFlashAttribute("flashArgument", handoff.assigneeName());
            return "redirect:/leads/" + id;
        } catch (HandoffProblem problem) {
            if (problem.fields().isEmpty()) {
                redirect.addFlashAttribute("flashError", problem.messageCode());
                return "redirect:/leads/" + id;
            }
            response.setStatus(422);
            return handoffForm(leads.lead(id), model, form, problem);
        }
    }

    private String handoffForm(LeadView lead, Model model, HandoffForm form, HandoffProblem problem) {
        if (form.getVersion() == null) {
            form.setVersion(lead.version());
        }
        model.addAttribute("lead", lead);
        model.addAttribute("form", form);
        model.addAttribute("evaluation", criteria.evaluationOf(lead.id()).orElse(null));
        model.addAttribute("reps", handoffs.reps());
        model.addAttribute("errors", Errors.of(problem));
        return "handoff/form";
    }

    @PostMapping("/leads/{id}/accept")
    String accept(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            handoffs.accept(id, version, me);
            if (htmx != null) {
                model.addAttribute("lead", leads.lead(id));
                model.addAttribute("outcome", "accepted");
                return decision(me, model);
            }
            redirect.addFlashAttribute("flashSuccess", "handoff.accepted");
            return "redirect:/leads/" + id;
        } catch (HandoffProblem problem) {
            return refused(id, me, problem, htmx, model, response, redirect);
        }
    }

    /**
     * The reject form of one row of the rep's queue, opened on demand (the queue itself carries only the button). Without
     * htmx it is the lead's reject page. Another workspace's lead is not found; a lead no longer waiting for this rep
     * answers as a refused decision would.
     */
    @GetMapping("/sales/queue/{id}/reject")
    String rejectForm(
            @PathVariable long id,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var item = handoffs.queueItem(me.accountId(), id);
        if (item.isEmpty()) {
            leads.lead(id); // another workspace's lead is not found
            return refused(id, me, HandoffProblem.changed(), htmx, model, response, redirect);
        }
        model.addAttribute("reasons", handoffs.reasons());
        model.addAttribute("version", item.get().leadVersion());
        if (htmx != null) {
            model.addAttribute("item", item.get());
            model.addAttribute("rejecting", true);
            return "handoff/queue :: row";
        }
        model.addAttribute("lead", leads.lead(id));
        return "handoff/reject";
    }

    @PostMapping("/leads/{id}/reject")
    String reject(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String comment,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            handoffs.reject(id, version, reason, comment, me);
            if (htmx != null) {
                model.addAttribute("lead", leads.lead(id));
                model.addAttribute("outcome", "rejected");
                model.addAttribute("reason", reason);
                return decision(me, model);
            }
            redirect.addFlashAttribute("flashSuccess", "handoff.rejected");
            return "redirect:/leads/" + id;
        } catch (HandoffProblem problem) {
            if (problem.fields().isEmpty()) {
                return refused(id, me, problem, htmx, model, response, redirect);
            }
            response.setStatus(422);
            model.addAttribute("errors", Errors.of(problem));
            model.addAttribute("reasons", handoffs.reasons());
            model.addAttribute("chosenReason", reason);
            model.addAttribute("comment", comment);
            if (htmx != null) {
                var item = handoffs.queueItem(me.accountId(), id);
                if (item.isEmpty()) {
                    return refused(id, me, HandoffProblem.changed(), htmx, model, response, redirect);
                }
                model.addAttribute("item", item.get());
                model.addAttribute("version", version);
                return "handoff/queue :: row";
            }
            model.addAttribute("lead", leads.lead(id));
            model.addAttribute("version", version);
            return "handoff/reject";
        }
    }

    /**
     * The rep takes back an accept or reject made a few seconds ago: in the queue (htmx) the row awaits their decision
     * again; without htmx the queue opens with the outcome on top. Too late, or the lead changed since: the row (or
     * the message on top) says so, and the decision stands.
     */
    @PostMapping("/sales/queue/{id}/undo")
    String undo(
            @PathVariable long id,
            @RequestHeader(value = "HX-Request", required = false) String htmx,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        leads.lead(id); // another workspace's lead is not found
        try {
            handoffs.undo(id, me);
        } catch (HandoffProblem problem) {
            if (htmx != null) {
                response.setStatus(409);
                model.addAttribute("lead", leads.lead(id));
                model.addAttribute("outcome", "refused");
                model.addAttribute("refusal", problem.messageCode());
                return decision(me, model);
            }
            redirect.addFlashAttribute("flashError", problem.messageCode());
            return "redirect:/sales/queue";
        }
        if (htmx != null) {
            var item = handoffs.queueItem(me.accountId(), id);
            if (item.isPresent()) {
                model.addAttribute("item", item.get());
                model.addAttribute("reasons", handoffs.reasons());
                model.addAttribute("undone", true);
            } else {
                model.addAttribute("lead", leads.lead(id));
                model.addAttribute("outcome", "refused");
                model.addAttribute("refusal", HandoffProblem.CHANGED);
            }
            return decision(me, model);
        }
        redirect.addFlashAttribute("flashSuccess", "queue.undone");
        return "redirect:/sales/queue";
    }

    /** A decision's answer to the queue: the row, the title and the fresh counts (swapped in out of band). */
    private String decision(SignedInAccount me, Model model) {
        model.addAttribute("queueWaiting", handoffs.waiting(me.accountId()));
        model.addAttribute("undoSeconds", HandoffManagement.UNDO_WINDOW.toSeconds());
        return "handoff/queue :: decision";
    }

    @PostMapping("/leads/{id}/reassign")
    String reassign(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        try {
            HandoffView handoff = handoffs.reassign(id, version, FormValues.id(assignee), note, me);
            redirect.addFlashAttribute("flashSuccess", "handoff.reassigned");
            redirect.addFlashAttribute("flashArgument", handoff.assigneeName());
        } catch (HandoffProblem problem) {
            redirect.addFlashAttribute("flashError", problem.messageCode());
        }
        return "redirect:/leads/" + id;
    }

    /** A refusal: in the queue, the row says so (409); on the lead page, the message on top of the fresh page. */
    private String refused(
            long id,
            SignedInAccount me,
            HandoffProblem problem,
            String htmx,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (htmx != null) {
            response.setStatus(problem.conflict() ? 409 : 403);
            model.addAttribute("lead", leads.lead(id));
            model.addAttribute("outcome", "refused");
            model.addAttribute("refusal", problem.messageCode());
            return decision(me, model);
        }
        redirect.addFlashAttribute("flashError", problem.messageCode());
        return "redirect:/leads/" + id;
    }
}
