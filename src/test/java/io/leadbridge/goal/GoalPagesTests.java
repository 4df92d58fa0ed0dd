package io.leadbridge.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.leadbridge.account.Role;
import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.Stage;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import io.leadbridge.tenant.Formats;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The goal as people use it: a month goal and a quarter goal side by side, the form that edits the goal that is set,
 * two admins saving at once, and periods and amounts written the way the reader writes them.
 */
@IntegrationTest
class GoalPagesTests {

    static final String NBSP = "\u00a0";
    static final String[] GERMAN_MONTHS = {
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember"
    };
    static final String[] GERMAN_SHORT_MONTHS = {
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."
    };

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    GoalManagement goals;

    @Autowired
    Formats formats;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    /** A lead sales won this period with the given deal value. */
    void won(TestWorkspace workspace, String value) {
        LeadView lead = leads.create(workspace.marketer());
        owner.jdbc()
                .sql("update lead set stage = 'OPPORTUNITY', owner_id = ? where id = ?")
                .params(workspace.salesRep().accountId(), lead.id())
                .update();
        in(workspace, () -> funnel.move(lead.id(), Stage.WON, null, new BigDecimal(value), null, workspace.salesRep()));
    }

    void goal(TestWorkspace workspace, PeriodKind kind, String target, String pool, int share) {
        in(
                workspace,
                () -> goals.set(
                        kind, goals.today(), new BigDecimal(target), new BigDecimal(pool), share, workspace.admin()));
    }

    String page(MockHttpServletRequestBuilder request, SignedInAccount person) throws Exception {
        return mvc.perform(request.with(user(person)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The value an input of the page holds. */
    /** The period the goal form names when opened on this kind's current period (a hidden field of the form). */
    String loaded(SignedInAccount admin, String kind) throws Exception {
        String form = page(get("/goals").param("kind", kind).param("period", "current"), admin);
        Matcher loaded = Pattern.compile("name=\"loaded\" value=\"([^\"]*)\"").matcher(form);
        assertThat(loaded.find()).as("the form's period").isTrue();
        return loaded.group(1);
    }

    static String value(String html, String id) {
        Matcher input = Pattern.compile("<input[^>]*id=\"" + id + "\"[^>]*>").matcher(html);
        assertThat(input.find()).as("input " + id).isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group());
        return value.find() ? value.group(1) : "";
    }

    static String selected(String html, String selectId) {
        Matcher select = Pattern.compile("<select[^>]*id=\"" + selectId + "\".*?</select>", Pattern.DOTALL)
                .matcher(html);
        assertThat(select.find()).as("select " + selectId).isTrue();
        Matcher option =
                Pattern.compile("<option value=\"([^\"]*)\"[^>]*selected").matcher(select.group());
        return option.find() ? option.group(1) : null;
    }

    Map<String, Object> storedGoal(TestWorkspace workspace, String kind) {
        return owner.jdbc()
                .sql("select target, bonus_pool, marketing_share_percent, version from revenue_goal"
                        + " where tenant_id = ? and period_kind = ?")
                .params(workspace.tenantId(), kind)
                .query()
                .singleRow();
    }

    @Test
    void aMonthGoalDoesNotHideTheQuarterGoal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        won(workspace, "12500");
        goal(workspace, PeriodKind.QUARTER, "100000", "20000", 40);
        goal(workspace, PeriodKind.MONTH, "30000", "5000", 50);

        String month = "€12,500 won of €30,000";
        String quarter = "€12,500 won of €100,000";
        // Each dashboard shows both goals, each under the name of its period.
        assertThat(page(get("/marketing"), workspace.marketer()))
                .contains(month, quarter, "id=\"goal-MONTH\"", "id=\"goal-QUARTER\"");
        assertThat(page(get("/sales"), workspace.salesRep())).contains(month, quarter);

        // The scoreboard shows one at a time, with a switch between them.
        String board = page(get("/goals"), workspace.liaison());
        assertThat(board).contains(month).doesNotContain(quarter);
        assertThat(board).contains("href=\"/goals?goal=QUARTER\"", "href=\"/goals?goal=MONTH\"");
        String quarterBoard = page(get("/goals").param("goal", "QUARTER"), workspace.liaison());
        assertThat(quarterBoard).contains(quarter).doesNotContain(month);
        // The switch also answers htmx with the scoreboard alone.
        String fragment = page(
                get("/goals")
                        .param("goal", "QUARTER")
                        .header("HX-Request", "true")
                        .header("HX-Target", "scoreboard"),
                workspace.liaison());
        assertThat(fragment).contains(quarter, "id=\"scoreboard\"").doesNotContain("<html");
    }

    @Test
    void theFormShowsTheGoalThatIsSetAndSavingChangesIt() throws Exception {
        TestWorkspace workspace = workspaces.create();
        mvc.perform(post("/goals")
                        .param("kind", "QUARTER")
                        .param("period", "current")
                        .param("target", "50000")
                        .param("bonusPool", "10000")
                        .param("marketingShare", "50")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andReturn();

        // The form opens on the goal that is set, with its values.
        String form = page(get("/goals"), workspace.admin());
        assertThat(selected(form, "kind")).isEqualTo("QUARTER");
        assertThat(value(form, "target")).isEqualTo("50000");
        assertThat(value(form, "bonusPool")).isEqualTo("10000");
        assertThat(value(form, "marketingShare")).isEqualTo("50");
        assertThat(value(form, "goal-version")).isEqualTo("0");
        // Choosing the month shows the month's goal: none yet.
        String monthForm = page(get("/goals").param("kind", "MONTH"), workspace.admin());
        assertThat(selected(monthForm, "kind")).isEqualTo("MONTH");
        assertThat(value(monthForm, "target")).isEmpty();
        assertThat(value(monthForm, "goal-version")).isEmpty();
        // With htmx, choosing a period answers the form alone.
        String fragment = page(
                get("/goals")
                        .param("kind", "QUARTER")
                        .header("HX-Request", "true")
                        .header("HX-Target", "set-goal"),
                workspace.admin());
        assertThat(fragment).contains("id=\"set-goal\"").doesNotContain("<html");
        assertThat(value(fragment, "target")).isEqualTo("50000");

        // Correcting the bonus changes the quarter's goal; no month goal appears.
        mvc.perform(post("/goals")
                .param("kind", "QUARTER")
                .param("period", "current")
                .param("loaded", loaded(workspace.admin(), "QUARTER"))
                .param("version", "0")
                .param("target", "50000")
                .param("bonusPool", "12000")
                .param("marketingShare", "50")
                .with(user(workspace.admin()))
                .with(csrf()));
        assertThat(owner.count("select count(*) from revenue_goal where tenant_id = ?", workspace.tenantId()))
                .isEqualTo(1);
        Map<String, Object> stored = storedGoal(workspace, "QUARTER");
        assertThat((BigDecimal) stored.get("bonus_pool")).isEqualByComparingTo("12000");
        assertThat(value(page(get("/goals"), workspace.admin()), "bonusPool")).isEqualTo("12000");
    }

    MockHttpServletRequestBuilder save(
            SignedInAccount admin, String kind, String version, String bonusPool, String loaded) {
        MockHttpServletRequestBuilder request = post("/goals")
                .param("kind", kind)
                .param("period", "current")
                .param("target", "50000")
                .param("bonusPool", bonusPool)
                .param("marketingShare", "50")
                .param("loaded", loaded)
                .with(user(admin))
                .with(csrf());
        return version == null ? request : request.param("version", version);
    }

    @Test
    void twoAdminsSavingTheSameGoalAtOnceGetExactlyOneWinner() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount bea = CurrentTenant.callAs(workspace.tenantId(), () -> workspaces.add("Bea Admin", Role.ADMIN));
        goal(workspace, PeriodKind.QUARTER, "50000", "10000", 50);
        String quarter = loaded(workspace.admin(), "QUARTER");
        String month = loaded(workspace.admin(), "MONTH");

        // Both opened the form at version 0; Ada saves first, Bea's save finds the goal changed.
        MockHttpServletResponse ada = mvc.perform(save(workspace.admin(), "QUARTER", "0", "11000", quarter))
                .andReturn()
                .getResponse();
        assertThat(ada.getStatus()).isEqualTo(302);
        MockHttpServletResponse late = mvc.perform(save(bea, "QUARTER", "0", "15000", quarter))
                .andReturn()
                .getResponse();
        assertThat(late.getStatus()).isEqualTo(409);
        String message = late.getContentAsString(StandardCharsets.UTF_8);
        assertThat(message).contains("Someone else changed this goal a moment ago", "€11,000");
        // Bea's values are kept, with the version she can now save over.
        assertThat(value(message, "bonusPool")).isEqualTo("15000");
        assertThat(value(message, "goal-version")).isEqualTo("1");
        assertThat((BigDecimal) storedGoal(workspace, "QUARTER").get("bonus_pool"))
                .isEqualByComparingTo("11000");

        // At the very same moment: exactly one of the two saves wins.
        List<Integer> statuses = race(
                () -> mvc.perform(save(workspace.admin(), "QUARTER", "1", "21000", quarter))
                        .andReturn()
                        .getResponse()
                        .getStatus(),
                () -> mvc.perform(save(bea, "QUARTER", "1", "22000", quarter))
                        .andReturn()
                        .getResponse()
                        .getStatus());
        assertThat(statuses).containsExactlyInAnyOrder(302, 409);
        assertThat(((Number) storedGoal(workspace, "QUARTER").get("version")).longValue())
                .isEqualTo(2);

        // Two admins setting a month goal where none was: one sets it, the other is told.
        List<Integer> first = race(
                () -> mvc.perform(save(workspace.admin(), "MONTH", null, "1000", month))
                        .andReturn()
                        .getResponse()
                        .getStatus(),
                () -> mvc.perform(save(bea, "MONTH", null, "2000", month))
                        .andReturn()
                        .getResponse()
                        .getStatus());
        assertThat(first).containsExactlyInAnyOrder(302, 409);
        assertThat(owner.count(
                        "select count(*) from revenue_goal where tenant_id = ? and period_kind = 'MONTH'",
                        workspace.tenantId()))
                .isEqualTo(1);

        // A version that is no number is no version of this goal: refused like a change made meanwhile, no error page.
        assertThat(mvc.perform(save(workspace.admin(), "MONTH", "abc", "9999", month))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(409);

        // A form that showed another period than the one chosen saves nothing and says so.
        String switched = mvc.perform(save(workspace.admin(), "MONTH", "2", "9999", quarter))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(switched).contains("The form showed the goal of another period");
        assertThat((BigDecimal) storedGoal(workspace, "MONTH").get("bonus_pool"))
                .isNotEqualByComparingTo("9999");
    }

    List<Integer> race(Callable<Integer> a, Callable<Integer> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : List.of(a, b)) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void periodsAndAmountsReadAsInGerman() throws Exception {
        TestWorkspace workspace = workspaces.create();
        won(workspace, "12500");
        goal(workspace, PeriodKind.QUARTER, "100000", "20000", 40);
        goal(workspace, PeriodKind.MONTH, "30000", "5000", 50);
        LocalDate today = in(workspace, goals::today);
        LocalDate quarterStart = PeriodKind.QUARTER.start(today);
        LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);

        String marketing = page(get("/marketing").locale(Locale.GERMAN), workspace.marketer());
        String scoreboard =
                marketing.substring(marketing.indexOf("id=\"scoreboard\""), marketing.indexOf("id=\"promises\""));
        assertThat(scoreboard)
                .contains("12.500" + NBSP + "€ gewonnen von 100.000" + NBSP + "€")
                .contains(GERMAN_MONTHS[today.getMonthValue() - 1] + " " + today.getYear())
                .contains("Q" + ((today.getMonthValue() - 1) / 3 + 1) + " " + today.getYear() + " (1. "
                        + GERMAN_SHORT_MONTHS[quarterStart.getMonthValue() - 1] + " – " + quarterEnd.getDayOfMonth()
                        + ". " + GERMAN_SHORT_MONTHS[quarterEnd.getMonthValue() - 1] + " " + today.getYear() + ")");
        assertThat(scoreboard).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        String promises = marketing.substring(marketing.indexOf("id=\"promises\""));
        assertThat(promises.substring(0, promises.indexOf("</table>")))
                .doesNotContainPattern(">\\s*\\d{4}-\\d{2}\\s*<");

        String english = page(get("/goals").param("goal", "QUARTER").locale(Locale.ENGLISH), workspace.liaison());
        assertThat(english).contains("€12,500 won of €100,000");

        // The period names, for fixed days.
        LocaleContextHolder.setLocale(Locale.GERMAN);
        try {
            assertThat(formats.month(LocalDate.of(2026, 12, 1))).isEqualTo("Dezember 2026");
            assertThat(formats.dateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)))
                    .isEqualTo("1. Okt. – 31. Dez. 2026");
            LocaleContextHolder.setLocale(Locale.ENGLISH);
            assertThat(formats.month(LocalDate.of(2026, 12, 1))).isEqualTo("December 2026");
            assertThat(formats.dateRange(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)))
                    .isEqualTo("Oct 1 – Dec 31, 2026");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void showingAPeriodsGoalWithoutScriptSavesNothingAndPutsNoTokenInTheAddress() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String form = page(get("/goals"), workspace.admin());
        // Save is the form's default button (the first submit button), so Enter saves.
        String goalForm = form.substring(form.indexOf("id=\"goal-form\""));
        Matcher firstSubmit =
                Pattern.compile("<button[^>]*type=\"submit\"[^>]*>").matcher(goalForm);
        assertThat(firstSubmit.find()).isTrue();
        assertThat(firstSubmit.group()).contains("id=\"save-goal\"");
        assertThat(form).doesNotContain("formmethod=\"get\"");

        // "Show this period's goal" posts and is answered with the period's address, nothing saved.
        MockHttpServletResponse shown = mvc.perform(post("/goals")
                        .param("action", "show")
                        .param("kind", "MONTH")
                        .param("period", "next")
                        .param("target", "50000")
                        .param("marketingShare", "40")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(shown.getStatus()).isEqualTo(302);
        assertThat(shown.getRedirectedUrl()).isEqualTo("/goals?kind=MONTH&period=next");
        assertThat(owner.count("select count(*) from revenue_goal where tenant_id = ?", workspace.tenantId()))
                .isZero();
    }
}
