package io.leadbridge.handoff.web;

import io.leadbridge.handoff.RejectionReasons;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.Refusals;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/rejection-reasons}: the reasons sales may give when rejecting a lead. The admin adds the workspace's
 * own, switches any on or off, decides which need a comment and puts them in order.
 */
@Controller
class RejectionReasonsController {

    private final RejectionReasons reasons;

    RejectionReasonsController(RejectionReasons reasons) {
        this.reasons = reasons;
    }

    @GetMapping("/admin/rejection-reasons")
    String list(Model model) {
        return page(model, null, null, "", false);
    }

    @PostMapping("/admin/rejection-reasons")
    String add(
            ReasonForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Errors.requireBound(result);
        try {
            reasons.add(form.getLabel(), form.isCommentRequired());
        } catch (Refusal refusal) {
            Refusals.reject(refusal, result);
            response.setStatus(Refusals.status(refusal));
            return page(model, null, result, form.getLabel(), form.isCommentRequired());
        }
        redirect.addFlashAttribute("flashSuccess", "reasons.added");
        return "redirect:/admin/rejection-reasons";
    }

    @PostMapping("/admin/rejection-reasons/{code}")
    String change(
            @PathVariable String code,
            ReasonForm form,
            BindingResult result,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Errors.requireBound(result);
        try {
            reasons.change(code, form.isCommentRequired(), form.isActive(), form.getLabel());
        } catch (Refusal refusal) {
            Refusals.reject(refusal, result);
            response.setStatus(Refusals.status(refusal));
            return page(model, code, result, "", false);
        }
        redirect.addFlashAttribute("flashSuccess", "reasons.saved");
        return "redirect:/admin/rejection-reasons";
    }

    @PostMapping("/admin/rejection-reasons/{code}/move")
    String move(@PathVariable String code, @RequestParam(defaultValue = "true") boolean up) {
        reasons.move(code, up);
        return "redirect:/admin/rejection-reasons";
    }

    private String page(Model model, String failedCode, BindingResult result, String label, boolean commentRequired) {
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("failedCode", failedCode);
        model.addAttribute("errors", Errors.of(result));
        model.addAttribute("label", label);
        model.addAttribute("commentRequired", commentRequired);
        model.addAttribute("labelMax", RejectionReasons.LABEL_MAX);
        return "handoff/reasons";
    }
}
