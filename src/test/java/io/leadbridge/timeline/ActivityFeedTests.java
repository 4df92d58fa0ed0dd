package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import io.leadbridge.account.AccountManagement;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.support.OwnerDatabase;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The live feed delivers a workspace's activity to its connected people, and never to another workspace. */
@IntegrationTest
class ActivityFeedTests {

    @Autowired
    TestWorkspaces workspaces;

    @Autowired
    TestLeads leads;

    @Autowired
    Comments comments;

    @Autowired
    MockMvc mvc;

    @Autowired
    BrowserSessions browserSessions;

    @Autowired
    OwnerDatabase database;

    @Autowired
    LiveStreams streams;

    @Autowired
    AccountManagement accounts;

    @Autowired
    io.leadbridge.handoff.HandoffAssignment assignment;

    @Autowired
    io.leadbridge.handoff.HandoffDecisions decisions;

    @Test
    void aClientThatReconnectsGetsWhatItMissedSinceItsLastItemAndNothingOfAnotherWorkspace() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        LeadView lead = leads.create(mine.marketer());
        for (String text : List.of("first look", "called them", "meeting booked")) {
            repComments(mine, lead, text);
        }
        List<Long> items = database.jdbc()
                .sql("select id from lead_event where tenant_id = ? and type = 'COMMENTED' order by occurred_at, id")
                .param(mine.tenantId())
                .query(Long.class)
                .list();
        assertThat(items).hasSize(3);

        // The browser reconnects saying it saw the first item: it gets the second and third, oldest first, with ids.
        MvcResult reconnected = mvc.perform(get("/activity/stream")
                        .param("feed", "1")
                        .header("Last-Event-ID", items.get(0).toString())
                        .with(user(mine.liaison())))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> reconnected.getResponse().getContentAsString().contains("data-item=\"" + items.get(2)));
        String replayed = reconnected.getResponse().getContentAsString();
        assertThat(replayed)
                .doesNotContain("data-item=\"" + items.get(0) + "\"")
                .contains("id:" + items.get(1))
                .contains("id:" + items.get(2));
        assertThat(replayed.indexOf("id:" + items.get(1))).isLessThan(replayed.indexOf("id:" + items.get(2)));

        // The page's newest item does the same for the first connection.
        MvcResult fromPage = mvc.perform(get("/activity/stream")
                        .param("feed", "1")
                        .param("after", items.get(1).toString())
                        .with(user(mine.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> fromPage.getResponse().getContentAsString().contains("id:" + items.get(2)));
        assertThat(fromPage.getResponse().getContentAsString()).doesNotContain("id:" + items.get(1));

        // Another workspace naming these items gets nothing of them.
        MvcResult other = mvc.perform(get("/activity/stream")
                        .param("feed", "1")
                        .header("Last-Event-ID", items.get(0).toString())
                        .with(user(theirs.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();
        Thread.sleep(300);
        assertThat(other.getResponse().getContentAsString())
                .contains("connected")
                .doesNotContain("event:activity");

        // The feed page starts its stream after its newest item.
        mvc.perform(get("/activity").with(user(mine.marketer())))
                .andExpect(content().string(Matchers.containsString("/activity/stream?after=" + items.get(2))));
    }

    @Test
    void aConnectedClientGetsItsWorkspacesActivityAndNeverAnotherWorkspaces() throws Exception {
        TestWorkspace mine = workspaces.create();
        TestWorkspace theirs = workspaces.create();
        MvcResult myStream = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(user(mine.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult theirStream = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(user(theirs.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();

        LeadView lead = leads.create(mine.marketer());
        repComments(mine, lead, "Sven, this one is hot");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> myStream.getResponse().getContentAsString().contains("event:activity"));
        String delivered = myStream.getResponse().getContentAsString();
        assertThat(delivered)
                .contains("data-type=\"COMMENTED\"")
                .contains("data-lead=\"" + lead.id() + "\"")
                .contains(mine.salesRep().getDisplayName())
                .contains("commented on")
                .contains(lead.displayName());
        assertThat(theirStream.getResponse().getContentAsString()).doesNotContain("event:activity");

        // The feed page lists it too, for the workspace only.
        mvc.perform(get("/activity").with(user(mine.liaison())))
                .andExpect(content().string(Matchers.containsString("data-lead=\"" + lead.id() + "\"")));
        mvc.perform(get("/activity").with(user(theirs.liaison())))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-lead=\"" + lead.id() + "\""))));
    }

    @Test
    void aStreamEndsWithItsSessionWhenItsPersonSignsOutOrIsDeactivated() throws Exception {
        TestWorkspace mine = workspaces.create();
        Cookie signedOut = signedIn(mine.marketer().getEmail());
        Cookie deactivated = signedIn(mine.liaison().getEmail());
        MvcResult signedOutStream = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(BrowserSessions.with(signedOut)))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult deactivatedStream = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(BrowserSessions.with(deactivated)))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult staysStream = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(user(mine.salesRep())))
                .andExpect(request().asyncStarted())
                .andReturn();
        assertThat(streams.ofSession(BrowserSessions.id(signedOut))).isOne();
        assertThat(streams.ofSession(BrowserSessions.id(deactivated))).isOne();

        // The marketer signs out; the admin deactivates the liaison.
        mvc.perform(post("/logout").with(csrf()).with(BrowserSessions.with(signedOut)))
                .andExpect(redirectedUrl("/login?logout"));
        CurrentTenant.runAs(
                mine.tenantId(),
                () -> accounts.deactivate(
                        mine.liaison().accountId(), mine.admin().accountId()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> streams.ofSession(BrowserSessions.id(signedOut)) == 0
                        && streams.ofSession(BrowserSessions.id(deactivated)) == 0);
        LeadView lead = leads.create(mine.marketer());
        repComments(mine, lead, "after they left");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> staysStream.getResponse().getContentAsString().contains("event:activity"));
        assertThat(signedOutStream.getResponse().getContentAsString()).doesNotContain("event:activity");
        assertThat(deactivatedStream.getResponse().getContentAsString()).doesNotContain("event:activity");
    }

    /** Signs in through the sign-in form, as a browser does: its session cookie. */
    private Cookie signedIn(String email) throws Exception {
        return BrowserSessions.cookie(mvc.perform(TestWorkspaces.signIn(email, TestWorkspaces.PASSWORD, "192.0.2.60"))
                .andExpect(redirectedUrl("/"))
                .andReturn());
    }

    @Test
    void aPageWithoutTheFeedGetsItsBellButNoFeedItems() throws Exception {
        TestWorkspace mine = workspaces.create();
        MvcResult bellOnly = mvc.perform(get("/activity/stream").with(user(mine.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();
        MvcResult withFeed = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(user(mine.liaison())))
                .andExpect(request().asyncStarted())
                .andReturn();

        LeadView lead = leads.create(mine.marketer());
        repComments(mine, lead, "only for the feed");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> withFeed.getResponse().getContentAsString().contains("data-lead=\"" + lead.id()));
        assertThat(bellOnly.getResponse().getContentAsString())
                .contains("event:bell")
                .doesNotContain("event:activity");
    }

    @Test
    void aFourthStreamOfASessionEndsItsFirst() throws Exception {
        TestWorkspace mine = workspaces.create();
        Cookie tabs = browserSessions.newSession();
        List<MvcResult> streams = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            streams.add(mvc.perform(get("/activity/stream")
                            .param("feed", "1")
                            .with(BrowserSessions.with(tabs))
                            .with(user(mine.marketer())))
                    .andExpect(request().asyncStarted())
                    .andReturn());
        }

        LeadView lead = leads.create(mine.marketer());
        repComments(mine, lead, "to the open tabs");

        for (MvcResult open : streams.subList(1, 4)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> open.getResponse().getContentAsString().contains("data-lead=\"" + lead.id()));
        }
        assertThat(streams.get(0).getResponse().getContentAsString())
                .as("the oldest stream of the session ended when the fourth opened, and its page was told")
                .contains("event:superseded")
                .doesNotContain("event:activity");
    }

    @Test
    void aRepsUndoReachesMarketingsFeed() throws Exception {
        TestWorkspace mine = workspaces.create();
        LeadView lead = leads.create(mine.marketer());
        CurrentTenant.runAs(
                mine.tenantId(),
                () -> assignment.handOff(lead.id(), null, mine.salesRep().accountId(), null, mine.marketer()));
        MvcResult marketing = mvc.perform(
                        get("/activity/stream").param("feed", "1").with(user(mine.marketer())))
                .andExpect(request().asyncStarted())
                .andReturn();

        CurrentTenant.runAs(mine.tenantId(), () -> decisions.accept(lead.id(), null, mine.salesRep()));
        CurrentTenant.runAs(mine.tenantId(), () -> decisions.undo(lead.id(), mine.salesRep()));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> marketing.getResponse().getContentAsString().contains("data-type=\"DECISION_UNDONE\""));
        String delivered = marketing.getResponse().getContentAsString();
        assertThat(delivered.indexOf("data-type=\"ACCEPTED\""))
                .isNotNegative()
                .isLessThan(delivered.indexOf("data-type=\"DECISION_UNDONE\""));
        assertThat(delivered).contains(mine.salesRep().getDisplayName() + "</span>");
        assertThat(delivered).contains("undid the decision on");

        // The feed page lists it too, newest first.
        mvc.perform(get("/activity").with(user(mine.liaison())))
                .andExpect(content().string(Matchers.containsString("data-type=\"DECISION_UNDONE\"")));
    }

    /** The workspace's sales rep comments on the lead (a feed item of the workspace). */
    void repComments(TestWorkspace workspace, LeadView lead, String text) {
        CurrentTenant.runAs(
                workspace.tenantId(),
                () -> comments.add(
                        lead.id(),
                        lead.displayName(),
                        text,
                        workspace.salesRep().accountId(),
                        workspace.salesRep().getDisplayName()));
    }
}
