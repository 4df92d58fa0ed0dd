package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rough edges the walkthrough of issue 16 found on pages: a heading shown twice, a link to nothing, a per-rep column
 * that spoke to the reader, and German that mixed two words for a version.
 */
@IntegrationTest
class WalkFixesPagesTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    TestWorkspaces workspaces;

    String page(String path, SignedInAccount person, Locale locale) throws Exception {
        return mvc.perform(get(path).with(user(person)).locale(locale))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    static int headings(String html, String text) {
        Matcher heading = Pattern.compile("<h[1-6][^>]*>\\s*" + Pattern.quote(text) + "\\s*</h[1-6]>")
                .matcher(html);
        int count = 0;
        while (heading.find()) {
            count++;
        }
        return count;
    }

    @Test
    void theActivityPageNamesItselfOnce() throws Exception {
        TestWorkspace workspace = workspaces.create();
        assertThat(headings(page("/activity", workspace.marketer(), Locale.ENGLISH), "What is happening"))
                .isOne();
        // The dashboards keep the feed's own heading.
        assertThat(headings(page("/marketing", workspace.marketer(), Locale.ENGLISH), "What is happening"))
                .isOne();
    }

    @Test
    void anEmptyMarketingDashboardOffersNoLinkToNoLeads() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String dashboard = page("/marketing", workspace.marketer(), Locale.ENGLISH);
        assertThat(dashboard).contains("id=\"nurture-due\"").doesNotContain("Show nurture");
        assertThat(dashboard).doesNotContain("Show rejected leads");
    }

    @Test
    void theSalesTeamTableSaysWhatAwaitsEachRep() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String english = page("/sales", workspace.salesRep(), Locale.ENGLISH);
        Matcher team = Pattern.compile("<table[^>]*id=\"team\".*?</table>", Pattern.DOTALL)
                .matcher(english);
        assertThat(team.find()).isTrue();
        assertThat(team.group()).contains(">Awaiting decision<").doesNotContain("Awaiting you");
        String german = page("/sales", workspace.salesRep(), Locale.GERMAN);
        Matcher deTeam = Pattern.compile("<table[^>]*id=\"team\".*?</table>", Pattern.DOTALL)
                .matcher(german);
        assertThat(deTeam.find()).isTrue();
        assertThat(deTeam.group()).contains(">Offen<").doesNotContain("Wartet auf Sie");
    }

    @Test
    void theGermanFunnelProposalSaysAbschlusskriterien() throws Exception {
        TestWorkspace workspace = workspaces.create();
        String proposal = page("/funnel/propose", workspace.marketer(), Locale.GERMAN);
        assertThat(proposal).contains("Abschlusskriterien").doesNotContain("Definitionen of Done");
    }
}
