package io.leadbridge.goal.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.web.FormValues;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /goals}: the shared scoreboard everyone sees; the admin sets the goal of this or the next period. */
@Controller
class GoalController {

    private final GoalManagement goals;

    GoalController(GoalManagement goals) {
        this.goals = goals;
    }

    @GetMapping("/goals")
    String scoreboard(Model model) {
        return page(model, Map.of(), Map.of());
    }

    private String page(Model model, Map<String, String> errors, Map<String, String> values) {
        model.addAttribute("scoreboard", goals.current().orElse(null));
        model.addAttribute("kinds", PeriodKind.values());
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "goals/scoreboard";
    }

    @PostMapping("/goals")
    String set(
            @RequestParam(defaultValue = "QUARTER") String kind,
            @RequestParam(defaultValue = "current") String period,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String bonusPool,
            @RequestParam(required = false) String marketingShare,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        PeriodKind periodKind = kind.equals("MONTH") ? PeriodKind.MONTH : PeriodKind.QUARTER;
        BigDecimal targetAmount = FormValues.amount(target);
        if (targetAmount == null || targetAmount.signum() <= 0) {
            errors.put("target", "goal.targetInvalid");
        }
        BigDecimal pool = bonusPool == null || bonusPool.isBlank() ? BigDecimal.ZERO : FormValues.amount(bonusPool);
        if (pool == null) {
            errors.put("bonusPool", "goal.poolInvalid");
        }
        Integer share = null;
        try {
            share = Integer.parseInt(marketingShare == null ? "" : marketingShare.strip());
        } catch (NumberFormatException e) {
            share = null;
        }
        if (share == null || share < 0 || share > 100) {
            errors.put("marketingShare", "goal.shareInvalid");
        }
        if (!errors.isEmpty()) {
            response.setStatus(422);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("kind", periodKind.name());
            values.put("period", period);
            values.put("target", target == null ? "" : target);
            values.put("bonusPool", bonusPool == null ? "" : bonusPool);
            values.put("marketingShare", marketingShare == null ? "" : marketingShare);
            return page(model, errors, values);
        }
        LocalDate day = goals.today();
        if (period.equals("next")) {
            day = periodKind.end(periodKind.start(day));
        }
        goals.set(periodKind, day, targetAmount, pool, share, me);
        redirect.addFlashAttribute("flashSuccess", "goal.saved");
        return "redirect:/goals";
    }
}
