package io.leadbridge.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the lead list says about how many leads match (issue 21): exact up to the bound, exact beyond it where the
 * database keeps the count (no filter, a stage), "more than the bound" with the database's estimate otherwise — and
 * never a lead of another workspace. The bound is five here, so a handful of leads crosses it.
 */
@IntegrationTest
@TestPropertySource(properties = "leadbridge.leads.count-bound=5")
class LeadCountTests {

    private static final Pattern COUNT = Pattern.compile("id=\"lead-count\"[^>]*>([^<]*)<");

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    MockMvc mvc;

    TestWorkspace workspace;
    TestWorkspace other;

    /** Here: 8 leads from a webinar (3 of them qualified) and 2 from a trade fair. Next door: 20 qualified webinar leads. */
    @BeforeEach
    void leads() {
        workspace = workspaces.create();
        other = workspaces.create();
        for (int i = 0; i < 10; i++) {
            LeadInput input = i < 3 ? TestLeads.qualifiedLead() : TestLeads.unqualifiedLead();
            input.setSource(i < 8 ? "webinar" : "trade fair");
            leads.create(workspace.marketer(), input);
        }
        for (int i = 0; i < 20; i++) {
            LeadInput input = TestLeads.qualifiedLead();
            input.setSource("webinar");
            leads.create(other.marketer(), input);
        }
    }

    private String count(MockHttpServletRequestBuilder request) throws Exception {
        String page = mvc.perform(request.with(user(workspace.marketer())))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher count = COUNT.matcher(page);
        assertThat(count.find()).as("the page shows a count").isTrue();
        return count.group(1).strip();
    }

    @Test
    void countsExactlyUpToTheBoundAndOnlyThisWorkspacesLeads() throws Exception {
        assertThat(count(get("/leads").param("source", "trade fair"))).isEqualTo("2 leads match");
        // 23 qualified leads in the two workspaces, 3 of them here.
        assertThat(count(get("/leads").param("qualified", "true"))).isEqualTo("3 leads match");
        assertThat(count(get("/leads").param("qualified", "true").param("source", "webinar")))
                .isEqualTo("3 leads match");
        assertThat(count(get("/leads").param("q", "no such lead anywhere"))).isEqualTo("No leads match");
    }

    @Test
    void beyondTheBoundSaysMoreThanItWithTheEstimateOnlyAboveIt() throws Exception {
        // 8 webinar leads here, 28 in both workspaces: more than 5, never counted.
        for (String count : new String[] {
            count(get("/leads").param("source", "webinar")),
            count(get("/leads").param("qualified", "false")),
            count(get("/leads").param("q", "@"))
        }) {
            assertThat(count).startsWith("More than 5 leads match").doesNotContain("8 leads match");
            Matcher estimate = Pattern.compile("^More than 5 leads match \\(about ([\\d,]+), estimated\\)$")
                    .matcher(count);
            if (!count.equals("More than 5 leads match")) {
                assertThat(estimate.matches()).as(count).isTrue();
                assertThat(Long.parseLong(estimate.group(1).replace(",", ""))).isGreaterThan(5);
            }
        }
        String page = mvc.perform(get("/leads").param("source", "webinar").with(user(workspace.marketer())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("title=\"Counted exactly up to 5 leads; beyond that, the total is the database");

        assertThat(count(get("/leads").param("source", "webinar").locale(Locale.GERMAN)))
                .startsWith("Mehr als 5 Leads gefunden");
    }

    @Test
    void theCountsTheDatabaseKeepsAreExactBeyondTheBound() throws Exception {
        // No filter and a stage are counted by the database as leads come and go (V14): exact, however many.
        assertThat(count(get("/leads").param("stage", "NEW_INQUIRY"))).isEqualTo("10 leads match");
        assertThat(count(get("/leads").param("stage", "WON"))).isEqualTo("No leads match");
        assertThat(count(get("/leads"))).isEqualTo("10 leads match");
        assertThat(count(get("/leads").param("stage", "NEW_INQUIRY").param("after", "not-a-cursor")))
                .isEqualTo("10 leads match");

        leads.create(workspace.marketer(), TestLeads.unqualifiedLead());
        leads.create(other.marketer(), TestLeads.unqualifiedLead());
        assertThat(count(get("/leads"))).isEqualTo("11 leads match");
    }

    @Test
    void anEstimateIsSaidTheWayPeopleSayOne() {
        assertThat(LeadSearch.roughly(0)).isZero();
        assertThat(LeadSearch.roughly(87)).isEqualTo(87);
        assertThat(LeadSearch.roughly(1_234)).isEqualTo(1_200);
        assertThat(LeadSearch.roughly(69_341)).isEqualTo(69_000);
        assertThat(LeadSearch.roughly(285_355)).isEqualTo(290_000);
        assertThat(LeadSearch.roughly(995)).isEqualTo(1_000);
    }
}
