package io.leadbridge.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.funnel.FunnelManagement;
import io.leadbridge.goal.GoalManagement.PeriodKind;
import io.leadbridge.goal.GoalManagement.Scoreboard;
import io.leadbridge.handoff.HandoffDecisions;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import java.math.BigDecimal;
import java.util.function.Supplier;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The shared goal: revenue from leads won in the period, the bonus arithmetic, the same numbers for both teams. */
@IntegrationTest
class GoalTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    TestHandoffs given;

    @Autowired
    HandoffDecisions decisions;

    @Autowired
    FunnelManagement funnel;

    @Autowired
    GoalManagement goals;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    <T> T in(TestWorkspace workspace, Supplier<T> work) {
        return CurrentTenant.callAs(workspace.tenantId(), work);
    }

    WonLeads won;

    @org.junit.jupiter.api.BeforeEach
    void wonLeads() {
        won = new WonLeads(given, leads, decisions, funnel, owner);
    }

    long wonThroughTheHandoff(TestWorkspace workspace, String value) {
        return won.throughTheHandoff(workspace, value);
    }

    long wonBySalesAlone(TestWorkspace workspace, String value) {
        return won.bySalesAlone(workspace, value);
    }

    @Test
    void theScoreboardCountsWonRevenueOfThePeriodAndSplitsTheBonusByTheRule() throws Exception {
        TestWorkspace workspace = workspaces.create();
        TestWorkspace other = workspaces.create();
        wonThroughTheHandoff(workspace, "30000");
        wonThroughTheHandoff(workspace, "20000");
        wonBySalesAlone(workspace, "10000");
        long lastYear = wonBySalesAlone(workspace, "99000");
        owner.jdbc()
                .sql("update lead set won_at = now() - interval '400 days' where id = ?")
                .param(lastYear)
                .update();
        wonBySalesAlone(other, "500000");
        in(
                workspace,
                () -> goals.set(
                        PeriodKind.QUARTER,
                        goals.today(),
                        new BigDecimal("100000"),
                        new BigDecimal("20000"),
                        40,
                        workspace.admin()));

        Scoreboard board = in(workspace, () -> goals.current()).orElseThrow();
        BigDecimal direct = owner.jdbc()
                .sql("""
                        select coalesce(sum(deal_value), 0) from lead where tenant_id = ? and stage = 'WON'
                          and won_at >= date_trunc('quarter', now() at time zone 'Europe/Berlin') at time zone 'Europe/Berlin'
                        """)
                .param(workspace.tenantId())
                .query(BigDecimal.class)
                .single();
        assertThat(board.won()).isEqualByComparingTo(direct).isEqualByComparingTo("60000");
        assertThat(board.wonLeads()).isEqualTo(3);
        assertThat(board.wonFromMarketing()).isEqualByComparingTo("50000");
        assertThat(board.marketingSourcedPercent()).isEqualTo(83);
        assertThat(board.percent()).isEqualTo(60);
        assertThat(board.reached()).isFalse();
        assertThat(board.marketingBonus()).isEqualByComparingTo("0");
        assertThat(board.remaining()).isEqualByComparingTo("40000");

        wonThroughTheHandoff(workspace, "45000");
        Scoreboard reached = in(workspace, () -> goals.current()).orElseThrow();
        assertThat(reached.won()).isEqualByComparingTo("105000");
        assertThat(reached.reached()).isTrue();
        assertThat(reached.marketingBonus()).isEqualByComparingTo("8000");
        assertThat(reached.salesBonus()).isEqualByComparingTo("12000");
        assertThat(reached.percent()).isEqualTo(100);
    }

    @Test
    void bothTeamsSeeTheSameNumbersAndOnlyTheAdminSetsTheGoal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        wonThroughTheHandoff(workspace, "12500");

        mvc.perform(post("/goals")
                        .param("kind", "QUARTER")
                        .param("target", "abc")
                        .param("bonusPool", "-1")
                        .param("marketingShare", "140")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(Matchers.containsString("Enter a positive amount")))
                .andExpect(content().string(Matchers.containsString("Enter a whole number from 0 to 100.")));
        assertThat(owner.count("select count(*) from revenue_goal where tenant_id = ?", workspace.tenantId()))
                .isZero();
        mvc.perform(post("/goals")
                        .param("kind", "QUARTER")
                        .param("target", "50.000,00")
                        .param("bonusPool", "10000")
                        .param("marketingShare", "50")
                        .with(user(workspace.admin()))
                        .with(csrf()))
                .andExpect(flash().attribute("flashSuccess", "goal.saved"));

        String progress = "€12,500 won of €50,000";
        mvc.perform(get("/marketing").with(user(workspace.marketer())))
                .andExpect(content().string(Matchers.containsString(progress)));
        mvc.perform(get("/sales").with(user(workspace.salesRep())))
                .andExpect(content().string(Matchers.containsString(progress)));
        mvc.perform(get("/goals").with(user(workspace.liaison())))
                .andExpect(content().string(Matchers.containsString(progress)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"set-goal\""))));
    }
}
