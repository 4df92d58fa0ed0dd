package io.leadbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadInput;
import io.leadbridge.lead.LeadManagement;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.support.TestHandoffs;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.http.Cookie;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The kept HTML of the queue's rows and the lead page's timeline entries (issue 21): a page made of kept rows is the
 * page as rendered, each page carries its own CSRF token in every form (never the one of the page a row was first
 * rendered for), and a row that changes is rendered again.
 */
@IntegrationTest
class FragmentCacheTests {

    private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestHandoffs given;

    @Autowired
    TestLeads leads;

    @Autowired
    LeadManagement leadManagement;

    @Autowired
    FragmentCache cache;

    @Autowired
    OwnerDatabase owner;

    @Autowired
    BrowserSessions sessions;

    @Autowired
    MockMvc mvc;

    String page(String path, SignedInAccount as, Cookie session) throws Exception {
        return mvc.perform(get(path).with(user(as)).with(BrowserSessions.with(session)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The part of a page from {@code from} to {@code to}, its CSRF tokens masked. */
    static String part(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).isNotNegative();
        return html.substring(start, html.indexOf(to, start)).replaceAll(TOKEN.pattern(), "TOKEN");
    }

    static Set<String> tokens(String html) {
        Set<String> tokens = new LinkedHashSet<>();
        Matcher m = TOKEN.matcher(html);
        while (m.find()) {
            tokens.add(m.group(1));
        }
        return tokens;
    }

    @Test
    void queueRowsAreKeptAndEachPageCarriesItsOwnTokenInEveryForm() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView first = given.handedOff(workspace);
        LeadView second = given.handedOff(workspace);
        Cookie one = sessions.newSession();
        Cookie other = sessions.newSession();

        long empty = cache.kept();
        String before = page("/sales/queue", rep, one);
        long kept = cache.kept();
        assertThat(kept).isEqualTo(empty + 2); // one per row
        String again = page("/sales/queue", rep, other);

        // The second page wrote the rows the first one rendered: nothing new is kept, the rows are the same HTML.
        assertThat(cache.kept()).isEqualTo(kept);
        assertThat(part(again, "id=\"queue\"", "</table>")).isEqualTo(part(before, "id=\"queue\"", "</table>"));
        assertThat(again).contains("id=\"handoff-" + first.id() + "\"", "id=\"handoff-" + second.id() + "\"");
        // Every form of a page (the two rows' accept forms, the away switch, the sign-out) carries that page's one
        // token.
        assertThat(TOKEN.matcher(again).results().count()).isEqualTo(4);
        Set<String> mine = tokens(again);
        assertThat(mine).hasSize(1);
        assertThat(mine).doesNotContainAnyElementsOf(tokens(before));

        // And the token a kept row carries is the one its session accepts.
        String version = Pattern.compile("name=\"version\" value=\"(\\d+)\"")
                .matcher(again)
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        mvc.perform(post("/leads/{id}/accept", first.id())
                        .with(user(rep))
                        .with(BrowserSessions.with(other))
                        .param("_csrf", mine.iterator().next())
                        .param("version", version))
                .andExpect(status().is3xxRedirection());
        assertThat(owner.count("select count(*) from handoff where lead_id = ? and status = 'ACCEPTED'", first.id()))
                .isEqualTo(1);
    }

    @Test
    void aRowThatChangesIsRenderedAgain() throws Exception {
        TestWorkspace workspace = workspaces.create();
        SignedInAccount rep = workspace.salesRep();
        LeadView lead = given.handedOff(workspace);
        Cookie session = sessions.newSession();
        assertThat(page("/sales/queue", rep, session)).contains(lead.displayName());

        LeadInput input = TestLeads.qualifiedLead("Renata", "Kowalski");
        leads.edit(workspace.marketer(), lead, input);

        String after = page("/sales/queue", rep, session);
        assertThat(after).contains("Renata Kowalski").doesNotContain(lead.displayName());
        // The row's form carries the lead's new version, so an accept from it is not refused as stale.
        long version = CurrentTenant.callAs(
                workspace.tenantId(), () -> leadManagement.lead(lead.id()).version());
        assertThat(after).contains("name=\"version\" value=\"" + version + "\"");
    }

    @Test
    void theLeadPagesTimelineEntriesAreKeptAndANewEntryShows() throws Exception {
        TestWorkspace workspace = workspaces.create();
        LeadView lead = given.rejected(workspace);
        SignedInAccount marketer = workspace.marketer();
        Cookie session = sessions.newSession();

        long empty = cache.kept();
        String first = page("/leads/" + lead.id(), marketer, session);
        long kept = cache.kept();
        // Created and handed off are kept; the rejection (it names a reason) is not.
        assertThat(kept).isEqualTo(empty + 2);
        String second = page("/leads/" + lead.id(), marketer, session);
        assertThat(cache.kept()).isEqualTo(kept);
        assertThat(part(second, "id=\"timeline\"", "</ol>")).isEqualTo(part(first, "id=\"timeline\"", "</ol>"));
        // The rejection's entry names its reason (rendered every time: the label is the handoff module's) and comment.
        assertThat(second).contains("Not ready yet (timing)", TestHandoffs.REJECTION_COMMENT);

        mvc.perform(post("/leads/{id}/comments", lead.id())
                        .with(user(marketer))
                        .with(BrowserSessions.with(session))
                        .param("_csrf", tokens(second).iterator().next())
                        .param("body", "Call them again in spring"))
                .andExpect(status().is3xxRedirection());
        String third = page("/leads/" + lead.id(), marketer, session);
        assertThat(third).contains("Call them again in spring");
        assertThat(tokens(third)).hasSize(1);
    }
}
