package io.leadbridge.goal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The limits of the goal form: each wrong figure answers 422 with its message at its field and what was typed kept, and
 * no goal is written; the limits themselves are accepted.
 */
@IntegrationTest
class GoalFormTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    MockMvc mvc;

    ResultActions save(TestWorkspace workspace, String target, String pool, String share) throws Exception {
        return mvc.perform(post("/goals")
                .param("kind", "QUARTER")
                .param("target", target)
                .param("bonusPool", pool)
                .param("marketingShare", share)
                .with(user(workspace.admin()))
                .with(csrf()));
    }

    /** The input of the field is marked invalid, keeps what was typed, and its message follows it. */
    static org.hamcrest.Matcher<String> atField(String field, String typed, String message) {
        return Matchers.matchesPattern("(?s).*class=\"[^\"]*is-invalid\"[^>]*id=\"" + field + "\"[^>]*value=\""
                + java.util.regex.Pattern.quote(typed) + "\"[^>]*>\\s*<div class=\"invalid-feedback\"[^>]*>"
                + java.util.regex.Pattern.quote(message) + "</div>.*");
    }

    long goals(TestWorkspace workspace) {
        return owner.count("select count(*) from revenue_goal where tenant_id = ?", workspace.tenantId());
    }

    @Test
    void aZeroTargetANegativePoolAndAShareThatIsNoNumberComeBackAtTheirFields() throws Exception {
        TestWorkspace workspace = workspaces.create();
        save(workspace, "0", "-1", "forty")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(atField("target", "0", "Enter a positive amount, such as 250000 or 250,000.00.")))
                .andExpect(content()
                        .string(atField(
                                "bonusPool", "-1", "Enter an amount, such as 20000, or leave it empty for no bonus.")))
                .andExpect(content().string(atField("marketingShare", "forty", "Enter a whole number from 0 to 100.")));
        assertThat(goals(workspace)).isZero();
    }

    @Test
    void aTargetAboveTheLargestAmountAndAShareAbove100ComeBackAtTheirFields() throws Exception {
        TestWorkspace workspace = workspaces.create();
        save(workspace, "1000000000000", "10000", "101")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(atField(
                                "target", "1000000000000", "Enter a positive amount, such as 250000 or 250,000.00.")))
                .andExpect(content().string(atField("marketingShare", "101", "Enter a whole number from 0 to 100.")));
        save(workspace, "50000", "10000", "-1")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(atField("marketingShare", "-1", "Enter a whole number from 0 to 100.")));
        assertThat(goals(workspace)).isZero();
    }

    @Test
    void theLargestTargetAnEmptyPoolAndAShareOf100AreAGoal() throws Exception {
        TestWorkspace workspace = workspaces.create();
        save(workspace, "999999999999.99", "", "100").andExpect(flash().attribute("flashSuccess", "goal.saved"));
        assertThat(owner.count(
                        "select count(*) from revenue_goal where tenant_id = ? and target = 999999999999.99"
                                + " and bonus_pool = 0 and marketing_share_percent = 100",
                        workspace.tenantId()))
                .isEqualTo(1);
    }
}
