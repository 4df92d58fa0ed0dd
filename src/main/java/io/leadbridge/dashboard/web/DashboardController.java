package io.leadbridge.dashboard.web;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.dashboard.Dashboards;
import io.leadbridge.dashboard.FigureCache;
import io.leadbridge.dashboard.Scorecards;
import io.leadbridge.funnel.Funnel;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.goal.GoalManagement;
import io.leadbridge.tenant.Formats;
import io.leadbridge.tenant.MayLag;
import io.leadbridge.timeline.ActivityFeed;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;

/** Each team's home: the shared scoreboard, the live feed, what waits, and the team's figures for a period. */
@Controller
class DashboardController {

    static final int RECENT = 15;
    static final int NURTURE_DAYS = 30;
    static final List<Integer> PERIODS = List.of(7, 30, 90, 365);

    private final GoalManagement goals;
    private final ActivityFeed feed;
    private final Dashboards dashboards;
    private final FunnelManagement funnel;
    private final Formats formats;
    private final Clock clock;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final FigureCache cache;
    private final Scorecards scorecards;

    DashboardController(
            GoalManagement goals,
            ActivityFeed feed,
            Dashboards dashboards,
            FunnelManagement funnel,
            Formats formats,
            Clock clock,
            MessageSource messages,
            ObjectMapper json,
            FigureCache cache,
            Scorecards scorecards) {
        this.cache = cache;
        this.scorecards = scorecards;
        this.messages = messages;
        this.json = json;
        this.goals = goals;
        this.feed = feed;
        this.dashboards = dashboards;
        this.funnel = funnel;
        this.formats = formats;
        this.clock = clock;
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @MayLag
    @Transactional(readOnly = true)
    @GetMapping("/marketing")
    String marketing(
            @RequestParam(defaultValue = "30") int days,
            @AuthenticationPrincipal SignedInAccount me,
            Locale locale,
            Model model) {
        int period = common(days, me, model);
        Instant now = clock.instant();
        FigureCache.Entry<Dashboards.Marketing> cached =
                cache.get(List.of("marketing", period), at -> dashboards.marketing(from(period, at), at, NURTURE_DAYS));
        Dashboards.Marketing figures = dashboards.withNow(cached.value());
        model.addAttribute("figures", figures);
        model.addAttribute("computedAt", cached.computedAt());
        model.addAttribute(
                "funnelChart",
                chart(
                        "dash.reached",
                        figures.funnel().stream().map(f -> "stage." + f.stage()).toList(),
                        figures.funnel().stream()
                                .map(Dashboards.FunnelStep::reached)
                                .toList(),
                        locale));
        model.addAttribute("nurtureDays", NURTURE_DAYS);
        return "dashboard/marketing";
    }

    // One read-only transaction (one connection, one snapshot) for all the page's reads.
    @MayLag
    @Transactional(readOnly = true)
    @GetMapping("/sales")
    String sales(
            @RequestParam(defaultValue = "30") int days,
            @AuthenticationPrincipal SignedInAccount me,
            Locale locale,
            Model model) {
        int period = common(days, me, model);
        Instant now = clock.instant();
        FigureCache.Entry<Dashboards.Sales> cached = cache.get(
                List.of("sales", me.accountId(), period), at -> dashboards.sales(me.accountId(), from(period, at), at));
        Dashboards.Sales figures = dashboards.withNow(cached.value(), me.accountId());
        model.addAttribute("figures", figures);
        model.addAttribute("computedAt", cached.computedAt());
        model.addAttribute(
                "stageChart",
                chart(
                        "dash.myLeads",
                        figures.myLeadsByStage().stream()
                                .map(c -> "stage." + c.key())
                                .toList(),
                        figures.myLeadsByStage().stream()
                                .map(Dashboards.Count::count)
                                .toList(),
                        locale));
        return "dashboard/sales";
    }

    private int common(int days, SignedInAccount me, Model model) {
        int period = PERIODS.contains(days) ? days : 30;
        // The scoreboard is the same entry on both dashboards: both teams see the same numbers. Its key holds the
        // goal itself, so a changed target or bonus rule shows at once.
        // Both goals of today's periods, the month's and the quarter's, each under its period's name.
        model.addAttribute(
                "scoreboards",
                goals.currentGoals().stream()
                        .map(goal -> cache.get(List.of("scoreboard", goal), at -> goals.scoreboard(goal))
                                .value())
                        .toList());
        model.addAttribute("activity", feed.recent(RECENT));
        Funnel agreed = funnel.active().funnel();
        LocalDate today = goals.today();
        Integer promised = agreed.promisedQualifiedPerMonth();
        model.addAttribute(
                "scorecard",
                cache.get(
                                Arrays.asList("scorecard", today, formats.zone(), promised),
                                at -> scorecards.scorecard(3, today, formats.zone(), promised))
                        .value());
        model.addAttribute("decisionHours", agreed.decisionHours());
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        return period;
    }

    /** A bar chart's data for the page's script (labels translated); the table beside it holds the same numbers. */
    private String chart(String label, List<String> labelKeys, List<Long> values, Locale locale) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("label", messages.getMessage(label, null, locale));
        chart.put(
                "labels",
                labelKeys.stream()
                        .map(k -> messages.getMessage(k, null, k, locale))
                        .toList());
        chart.put("values", values);
        return json.writeValueAsString(chart);
    }

    /** The start of the period: the first of the last {@code days} days, in the workspace's time zone. */
    private Instant from(int days, Instant now) {
        return LocalDate.ofInstant(now, formats.zone())
                .minusDays(days - 1L)
                .atStartOfDay(formats.zone())
                .toInstant();
    }
}
