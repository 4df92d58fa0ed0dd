package io.leadbridge.goal.web;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxRequest;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.goal.GoalManagement.Goal;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.goal.GoalManagement.Scoreboard;
import io.leadbridge.tenant.Formats;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /goals}: the shared scoreboard everyone sees (the month's and the quarter's goal, one at a time with a
 * switch), and the admin's form, which edits the goal of the chosen period: choosing a period shows its goal, saving
 * changes exactly that goal.
 */
@Controller
class GoalController {

    private final GoalManagement goals;
    private final Formats formats;

    GoalController(GoalManagement goals, Formats formats) {
        this.goals = goals;
        this.formats = formats;
    }

    /** The period the form edits: a kind and this one or the next. */
    record Period(PeriodKind kind, boolean next) {

        static Period of(String kind, String period) {
            return new Period(kind(kind), "next".equals(period));
        }

        static PeriodKind kind(String kind) {
            return "MONTH".equals(kind) ? PeriodKind.MONTH : PeriodKind.QUARTER;
        }

        LocalDate day(LocalDate today) {
            return next ? kind.end(kind.start(today)) : today;
        }

        /**
         * How the form names the period it was filled from: its kind and first day, e.g. {@code QUARTER:2026-10-01}.
         * Not "next" or "current", which mean another period after midnight at a period's end: a form opened on
         * "next quarter" on 30 September and saved on 1 October must not overwrite the goal of the quarter after.
         */
        String token(LocalDate today) {
            return kind + ":" + kind.start(day(today));
        }
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @Transactional(readOnly = true)
    @GetMapping("/goals")
    String scoreboard(
            @RequestParam(required = false) String goal,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String period,
            HtmxRequest htmx,
            Model model) {
        List<Scoreboard> boards = boards();
        Scoreboard shown = shown(boards, goal);
        // The form opens on the goal shown (the one an admin would correct) unless a period was chosen.
        Period chosen = kind != null
                ? Period.of(kind, period)
                : new Period(shown == null ? PeriodKind.QUARTER : shown.goal().kind(), false);
        Goal set = goals.goal(chosen.kind(), chosen.kind().start(chosen.day(goals.today())))
                .orElse(null);
        model.addAttribute("goalForm", GoalForm.of(set, formats));
        page(model, boards, shown, chosen, set);
        // htmx asks for the part it swaps: the form (a period chosen) or the scoreboard (the switch).
        if (htmx.isHtmxRequest() && "set-goal".equals(htmx.getTarget())) {
            return "goals/scoreboard :: goal-form";
        }
        if (htmx.isHtmxRequest() && "scoreboard".equals(htmx.getTarget())) {
            return "goals/scoreboard :: panel";
        }
        return "goals/scoreboard";
    }

    private List<Scoreboard> boards() {
        return goals.currentGoals().stream().map(goals::scoreboard).toList();
    }

    private static Scoreboard shown(List<Scoreboard> boards, String goal) {
        return boards.stream()
                .filter(b -> b.goal().kind().name().equals(goal))
                .findFirst()
                .orElse(boards.isEmpty() ? null : boards.get(0));
    }

    private void page(Model model, List<Scoreboard> boards, Scoreboard shown, Period chosen, Goal set) {
        model.addAttribute("scoreboards", boards);
        model.addAttribute("shownGoal", shown == null ? null : shown.goal().kind());
        model.addAttribute("kinds", PeriodKind.values());
        model.addAttribute("chosenKind", chosen.kind());
        model.addAttribute("chosenNext", chosen.next());
        model.addAttribute("chosenToken", chosen.token(goals.today()));
        model.addAttribute("chosenStart", chosen.kind().start(chosen.day(goals.today())));
        model.addAttribute("setGoal", set);
    }

    /**
     * Saves the goal of the chosen period. Wrong figures answer 422 at their fields; a goal changed meanwhile, or a
     * form filled from another period, 409 with the goal as it is now and the admin's figures kept.
     */
    @PostMapping("/goals")
    String set(
            @Valid @ModelAttribute("goalForm") GoalForm form,
            BindingResult errors,
            @AuthenticationPrincipal SignedInAccount me,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Period chosen = Period.of(form.getKind(), form.getPeriod());
        if ("show".equals(form.getAction())) {
            // "Show this period's goal" without script: nothing is saved, the page of the chosen period answers.
            return "redirect:/goals?kind=" + chosen.kind() + "&period=" + (chosen.next() ? "next" : "current");
        }
        LocalDate today = goals.today();
        LocalDate day = chosen.day(today);
        String loaded = form.getLoaded();
        boolean sameForm = loaded == null || loaded.equals(chosen.token(today));
        if (!errors.hasErrors()) {
            if (!sameForm) {
                // The form was filled from another period than the one chosen (a period switched without script):
                // saving would overwrite a goal the admin has not seen.
                errors.reject("goal.otherPeriodShown");
            } else if (goals.change(
                    chosen.kind(), day, form.expectedVersion(), form.targetAmount(), form.pool(), form.share(), me)) {
                redirect.addFlashAttribute("flashSuccess", "goal.saved");
                return "redirect:/goals?goal=" + chosen.kind();
            } else {
                errors.reject("goal.changedMeanwhile");
            }
        }
        Goal set = goals.goal(chosen.kind(), chosen.kind().start(day)).orElse(null);
        String seen = set == null ? "" : Long.toString(set.version());
        if (errors.hasGlobalErrors()) {
            // The admin's values stay; the version is now the one they have seen in the message.
            response.setStatus(409);
            form.setVersion(seen);
        } else {
            response.setStatus(422);
            form.setVersion(sameForm ? (form.getVersion() == null ? "" : form.getVersion()) : seen);
        }
        List<Scoreboard> boards = boards();
        page(model, boards, shown(boards, chosen.kind().name()), chosen, set);
        return "goals/scoreboard";
    }
}
