package io.leadbridge.handoff.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.criteria.CriteriaManagement;
import io.leadbridge.handoff.HandoffAssignment;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.handoff.HandoffView;
import io.leadbridge.handoff.QueueItem;
import io.leadbridge.handoff.RepQueue;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.List;
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
 * The handoff actions on a lead: hand off (marketing), accept and reject (the rep it was handed to), reassign. Each
 * works as a plain form post; accept and reject also answer htmx requests from the queue with the row's new state.
 */
@Controller
class HandoffController {

    private final HandoffAssignment assignment;
    private final HandoffDecisions decisions;
    private final RepQueue queue;
    private final LeadManagement leads;
    private final CriteriaManagement criteria;
    private final QueueRows rows;

    HandoffController(
            HandoffAssignment assignment,
            HandoffDecisions decisions,
            RepQueue queue,
            LeadManagement leads,
            CriteriaManagement criteria,
            QueueRows rows) {
        this.assignment = assignment;
        this.decisions = decisions;
        this.queue = queue;
        this.leads = leads;
        this.criteria = criteria;
        this.rows = rows;
    }

    /** The queue's row of {@code item} for an htmx answer (a list of one), its form carrying {@code version}. */
    private void row(Model model, QueueItem item, Long version, HttpServletRequest request) {
        model.addAttribute("rows", List.of(rows.of(item, version, request.getContextPath())));
    }

    @GetMapping("/leads/{id}/handoff")
    String form(@PathVariable long id, @AuthenticationPrincipal SignedInAccount me, Model model) {
        LeadView lead = leads.lead(id);
        if (!assignment.mayHandOff(lead, me)) {
            return "redirect:/leads/" + id;
        }
        return handoffForm(lead, model, new HandoffForm(), null);
    }

    @PostMapping("/leads/{id}/handoff")
    String handOff(
            @PathVariable long id,
            @Valid @ModelAttribute("form") HandoffForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Errors.requireBound(result);
        if (!result.hasErrors()) {
            try {
                HandoffView handoff =
                        assignment.handOff(id, form.getVersion(), form.assigneeId(), form.getOverrideReason(), me);
                redirect.addFlashAttribute("flashSuccess", "handoff.handedOff");
                redirect.addFlashAttribute("flashArgument", handoff.assigneeName());
                return "redirect:/leads/" + id;
            } catch (Refusal refusal) {
                if (refusal.fields().isEmpty()) {
                    Refusals.flash(refusal, redirect);
                    return "redirect:/leads/" + id;
                }
                Refusals.reject(refusal, result);
            }
        }
        response.setStatus(422);
        return handoffForm(leads.lead(id), model, form, result);
    }

    private String handoffForm(LeadView lead, Model model, HandoffForm form, BindingResult result) {
        if (form.getVersion() == null) {
            form.setVersion(lead.version());
        }
        model.addAttribute("lead", lead);
        model.addAttribute("form", form);
        model.addAttribute("evaluation", criteria.evaluationOf(lead.id()).orElse(null));
        model.addAttribute("reps", assignment.reps());
        model.addAttribute("errors", Errors.of(result));
        return "handoff/form";
    }

    @PostMapping("/leads/{id}/accept")
    String accept(
            @PathVariable long id,
            @RequestParam(required = false) Long version,
            HtmxRequest htmx,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            decisions.accept(id, version, me);
            if (htmx.isHtmxRequest()) {
                model.addAttribute("lead", leads.lead(id));
                model.addAttribute("outcome", "accepted");
                return decision(me, model);
            }
            redirect.addFlashAttribute("flashSuccess", "handoff.accepted");
            return "redirect:/leads/" + id;
        } catch (Refusal refusal) {
            return refused(id, me, refusal, htmx, model, response, redirect);
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
            HtmxRequest htmx,
            HttpServletRequest request,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var item = queue.queueItem(me.accountId(), id);
        if (item.isEmpty()) {
            leads.lead(id); // another workspace's lead is not found
            return refused(id, me, Refusal.conflict(HandoffDecisions.CHANGED), htmx, model, response, redirect);
        }
        model.addAttribute("reasons", decisions.reasons());
        model.addAttribute("version", item.get().leadVersion());
        if (htmx.isHtmxRequest()) {
            row(model, item.get(), null, request);
            model.addAttribute("rejecting", true);
            return "handoff/queue :: row";
        }
        model.addAttribute("lead", leads.lead(id));
        return "handoff/reject";
    }

    @PostMapping("/leads/{id}/reject")
    String reject(
            @PathVariable long id,
            @Valid RejectForm form,
            BindingResult result,
            HtmxRequest htmx,
            HttpServletRequest request,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Errors.requireBound(result);
        if (!result.hasErrors()) {
            try {
                decisions.reject(id, form.getVersion(), form.getReason(), form.getComment(), me);
                if (htmx.isHtmxRequest()) {
                    model.addAttribute("lead", leads.lead(id));
                    model.addAttribute("outcome", "rejected");
                    model.addAttribute("reason", form.getReason());
                    return decision(me, model);
                }
                redirect.addFlashAttribute("flashSuccess", "handoff.rejected");
                return "redirect:/leads/" + id;
            } catch (Refusal refusal) {
                if (refusal.fields().isEmpty()) {
                    return refused(id, me, refusal, htmx, model, response, redirect);
                }
                Refusals.reject(refusal, result);
            }
        }
        // The form again, with the errors at its fields and what the rep typed.
        response.setStatus(422);
        model.addAttribute("errors", Errors.of(result));
        model.addAttribute("reasons", decisions.reasons());
        model.addAttribute("chosenReason", form.getReason());
        model.addAttribute("comment", form.getComment());
        model.addAttribute("version", form.getVersion());
        if (htmx.isHtmxRequest()) {
            var item = queue.queueItem(me.accountId(), id);
            if (item.isEmpty()) {
                return refused(id, me, Refusal.conflict(HandoffDecisions.CHANGED), htmx, model, response, redirect);
            }
            row(model, item.get(), form.getVersion(), request);
            model.addAttribute("rejecting", true);
            return "handoff/queue :: row";
        }
        model.addAttribute("lead", leads.lead(id));
        return "handoff/reject";
    }

    /**
     * The rep takes back an accept or reject made a few seconds ago: in the queue (htmx) the row awaits their decision
     * again; without htmx the queue opens with the outcome on top. Too late, or the lead changed since: the row (or
     * the message on top) says so, and the decision stands.
     */
    @PostMapping("/sales/queue/{id}/undo")
    String undo(
            @PathVariable long id,
            HtmxRequest htmx,
            HttpServletRequest request,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        leads.lead(id); // another workspace's lead is not found
        try {
            decisions.undo(id, me);
        } catch (Refusal refusal) {
            if (htmx.isHtmxRequest()) {
                return refusedRow(id, me, refusal.messageCode(), 409, model, response);
            }
            Refusals.flash(refusal, redirect);
            return "redirect:/sales/queue";
        }
        if (htmx.isHtmxRequest()) {
            var item = queue.queueItem(me.accountId(), id);
            if (item.isPresent()) {
                row(model, item.get(), null, request);
                model.addAttribute("reasons", decisions.reasons());
                model.addAttribute("undone", true);
                return decision(me, model);
            }
            return refusedRow(id, me, HandoffDecisions.CHANGED, 200, model, response);
        }
        redirect.addFlashAttribute("flashSuccess", "queue.undone");
        return "redirect:/sales/queue";
    }

    /** A decision's answer to the queue: the row, the title and the fresh counts (swapped in out of band). */
    private String decision(SignedInAccount me, Model model) {
        model.addAttribute(QueueBadge.ATTRIBUTE, queue.waiting(me.accountId()));
        model.addAttribute("undoSeconds", HandoffDecisions.UNDO_WINDOW.toSeconds());
        return "handoff/queue :: decision";
    }

    @PostMapping("/leads/{id}/reassign")
    String reassign(
            @PathVariable long id,
            @Valid ReassignForm form,
            BindingResult result,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        Errors.requireBound(result);
        if (result.hasErrors()) {
            leads.lead(id); // another workspace's lead is not found
            redirect.addFlashAttribute(
                    "flashError", Errors.code(result.getFieldErrors().get(0)));
            return "redirect:/leads/" + id;
        }
        try {
            HandoffView handoff = assignment.reassign(id, form.getVersion(), form.assigneeId(), form.getNote(), me);
            redirect.addFlashAttribute("flashSuccess", "handoff.reassigned");
            redirect.addFlashAttribute("flashArgument", handoff.assigneeName());
        } catch (Refusal refusal) {
            Refusals.flash(refusal, redirect);
        }
        return "redirect:/leads/" + id;
    }

    /** A refusal: in the queue, the row says so (409); on the lead page, the message on top of the fresh page. */
    private String refused(
            long id,
            SignedInAccount me,
            Refusal refusal,
            HtmxRequest htmx,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        if (htmx.isHtmxRequest()) {
            return refusedRow(id, me, refusal.messageCode(), refusal.conflict() ? 409 : 403, model, response);
        }
        Refusals.flash(refusal, redirect);
        return "redirect:/leads/" + id;
    }

    /** The queue's row of a lead, saying why the rep's action did not happen, with the status of the answer. */
    private String refusedRow(
            long id, SignedInAccount me, String messageCode, int status, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("lead", leads.lead(id));
        model.addAttribute("outcome", "refused");
        model.addAttribute("refusal", messageCode);
        return decision(me, model);
    }
}
