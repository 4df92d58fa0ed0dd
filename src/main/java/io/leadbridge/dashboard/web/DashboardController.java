package io.leadbridge.dashboard.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.handoff.HandoffManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each team's home: the shared scoreboard and what waits for them in the handoff. */
@Controller
class DashboardController {

    private final HandoffManagement handoffs;
    private final GoalManagement goals;

    DashboardController(HandoffManagement handoffs, GoalManagement goals) {
        this.handoffs = handoffs;
        this.goals = goals;
    }

    @GetMapping("/marketing")
    String marketing(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        model.addAttribute("scoreboard", goals.current().orElse(null));
        return "dashboard/marketing";
    }

    @GetMapping("/sales")
    String sales(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        model.addAttribute("scoreboard", goals.current().orElse(null));
        return "dashboard/sales";
    }
}
