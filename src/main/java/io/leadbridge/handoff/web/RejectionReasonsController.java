package io.leadbridge.handoff.web;

import io.leadbridge.handoff.RejectionReasons;
import io.leadbridge.handoff.RejectionReasons.Refused;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
        return page(model, null, Map.of(), "", false);
    }

    @PostMapping("/admin/rejection-reasons")
    String add(
            @RequestParam(required = false) String label,
            @RequestParam(defaultValue = "false") boolean commentRequired,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            reasons.add(label, commentRequired);
        } catch (Refused refused) {
            response.setStatus(422);
            return page(model, null, Map.of(refused.field(), refused.getMessage()), label, commentRequired);
        }
        redirect.addFlashAttribute("flashSuccess", "reasons.added");
        return "redirect:/admin/rejection-reasons";
    }

    @PostMapping("/admin/rejection-reasons/{code}")
    String change(
            @PathVariable String code,
            @RequestParam(defaultValue = "false") boolean commentRequired,
            @RequestParam(defaultValue = "false") boolean active,
            @RequestParam(required = false) String label,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            reasons.change(code, commentRequired, active, label);
        } catch (Refused refused) {
            response.setStatus(422);
            return page(model, code, Map.of(refused.field(), refused.getMessage()), "", false);
        }
        redirect.addFlashAttribute("flashSuccess", "reasons.saved");
        return "redirect:/admin/rejection-reasons";
    }

    @PostMapping("/admin/rejection-reasons/{code}/move")
    String move(@PathVariable String code, @RequestParam(defaultValue = "true") boolean up) {
        reasons.move(code, up);
        return "redirect:/admin/rejection-reasons";
    }

    private String page(
            Model model, String failedCode, Map<String, String> errors, String label, boolean commentRequired) {
        model.addAttribute("reasons", reasons.all());
        model.addAttribute("failedCode", failedCode);
        model.addAttribute("errors", errors);
        model.addAttribute("label", label);
        model.addAttribute("commentRequired", commentRequired);
        model.addAttribute("labelMax", RejectionReasons.LABEL_MAX);
        return "handoff/reasons";
    }
}
