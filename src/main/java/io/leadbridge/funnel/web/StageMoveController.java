package io.leadbridge.funnel.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.lead.Stage;
import io.leadbridge.shared.Refusal;
import io.leadbridge.web.FormValues;
import io.leadbridge.web.Refusals;
import java.math.BigDecimal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code POST /leads/{id}/stage}: the owning team moves a lead on (or back to nurture, or out). */
@Controller
class StageMoveController {

    private final FunnelManagement funnel;

    StageMoveController(FunnelManagement funnel) {
        this.funnel = funnel;
    }

    @PostMapping("/leads/{id}/stage")
    String move(
            @PathVariable long id,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String dealValue,
            @RequestParam(required = false) String note,
            @AuthenticationPrincipal SignedInAccount me,
            RedirectAttributes redirect) {
        try {
            Stage target = parseStage(to);
            funnel.move(id, target, version, amount(dealValue), note, me);
            redirect.addFlashAttribute("flashSuccess", "funnel.moved");
            redirect.addFlashAttribute("flashArgument", target.name());
        } catch (Refusal refusal) {
            Refusals.flash(refusal, redirect);
        }
        return "redirect:/leads/" + id;
    }

    private static Stage parseStage(String to) {
        try {
            return Stage.valueOf(to == null ? "" : to.strip());
        } catch (IllegalArgumentException e) {
            throw Refusal.refused("funnel.moveNotAllowed");
        }
    }

    /** The deal value as typed; one that cannot be read is refused like a missing one. */
    private static BigDecimal amount(String text) {
        BigDecimal value = FormValues.amount(text);
        if (value == null && text != null && !text.isBlank()) {
            throw Refusal.refused("funnel.dealValueRequired");
        }
        return value;
    }
}
