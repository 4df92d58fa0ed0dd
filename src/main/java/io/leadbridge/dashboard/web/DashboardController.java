package io.leadbridge.dashboard.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.handoff.HandoffManagement;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each team's home: for now, what waits for them in the handoff. */
@Controller
class DashboardController {

    private final HandoffManagement handoffs;

    DashboardController(HandoffManagement handoffs) {
        this.handoffs = handoffs;
    }

    @GetMapping("/marketing")
    String marketing(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        return "dashboard/marketing";
    }

    @GetMapping("/sales")
    String sales(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        return "dashboard/sales";
    }
}
