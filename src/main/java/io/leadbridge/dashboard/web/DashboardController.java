package io.leadbridge.dashboard.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.handoff.HandoffManagement;
import io.leadbridge.timeline.ActivityFeed;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each team's home: the shared scoreboard and what waits for them in the handoff. */
@Controller
class DashboardController {

    private final HandoffManagement handoffs;
    static final int RECENT = 15;

    private final GoalManagement goals;
    private final ActivityFeed feed;

    DashboardController(HandoffManagement handoffs, GoalManagement goals, ActivityFeed feed) {
        this.handoffs = handoffs;
        this.goals = goals;
        this.feed = feed;
    }

    @GetMapping("/marketing")
    String marketing(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        model.addAttribute("scoreboard", goals.current().orElse(null));
        model.addAttribute("activity", feed.recent(RECENT));
        return "dashboard/marketing";
    }

    @GetMapping("/sales")
    String sales(@AuthenticationPrincipal SignedInAccount me, Model model) {
        model.addAttribute("summary", handoffs.summary(me.accountId()));
        model.addAttribute("scoreboard", goals.current().orElse(null));
        model.addAttribute("activity", feed.recent(RECENT));
        return "dashboard/sales";
    }
}
