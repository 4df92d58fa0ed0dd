package io.leadbridge.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.account.TestWorkspaces.TestWorkspace;
import io.leadbridge.lead.LeadView;
import io.leadbridge.lead.TestLeads;
import io.leadbridge.support.BrowserSessions;
import io.leadbridge.support.IntegrationTest;
import io.leadbridge.tenant.CurrentTenant;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams are bounded: a few per session, a cap per instance (then 503), gone clients found by the heartbeat,
 * and each feed item rendered once per language, only for the pages that show the feed.
 */
@IntegrationTest
class LiveStreamsTests {

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
    LiveStreams streams;

    @Autowired
    ActivityFeed feed;

    @Test
    void aSessionKeepsItsThreeNewestStreams() throws Exception {
        TestWorkspace mine = workspaces.create();
        Cookie tabs = browserSessions.newSession();
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/activity/stream").with(BrowserSessions.with(tabs)).with(user(mine.salesRep())))
                    .andExpect(request().asyncStarted());
        }
        assertThat(streams.ofSession(BrowserSessions.id(tabs))).isEqualTo(LiveStreams.PER_SESSION);
    }

    @Test
    void aFullInstanceAnswers503WithRetryAfter() throws Exception {
        TestWorkspace mine = workspaces.create();
        int before = streams.maxStreams();
        try {
            Cookie tabs = browserSessions.newSession();
            for (int i = 0; i < LiveStreams.PER_SESSION; i++) {
                mvc.perform(get("/activity/stream")
                                .with(BrowserSessions.with(tabs))
                                .with(user(mine.marketer())))
                        .andExpect(request().asyncStarted());
            }
            streams.maxStreams(streams.size());

            mvc.perform(get("/activity/stream").with(user(mine.liaison())))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "30"));
            // The page itself still works.
            mvc.perform(get("/activity").with(user(mine.liaison()))).andExpect(status().isOk());

            // A further stream of a session at its own limit takes its oldest's place.
            mvc.perform(get("/activity/stream").with(BrowserSessions.with(tabs)).with(user(mine.marketer())))
                    .andExpect(request().asyncStarted());
            assertThat(streams.size()).isEqualTo(streams.maxStreams());
        } finally {
            streams.maxStreams(before);
        }
    }

    @Test
    void aStreamWhoseClientLeftIsRemovedAtTheNextHeartbeat() {
        TestWorkspace mine = workspaces.create();
        AtomicInteger writes = new AtomicInteger();
        SseEmitter gone = new SseEmitter() {
            @Override
            public void send(SseEventBuilder event) throws IOException {
                writes.incrementAndGet();
                throw new IOException("Broken pipe");
            }
        };
        LiveStreams.Stream stream = streams.open(
                        new LiveStreams.Stream(mine.tenantId(), Locale.ENGLISH, gone, null, null, false))
                .orElseThrow();
        assertThat(streams.isOpen(stream)).isTrue();

        streams.heartbeat();

        await().atMost(Duration.ofSeconds(10)).until(() -> !streams.isOpen(stream));
        assertThat(writes).hasValue(1);
    }

    @Test
    void theCommittingThreadDoesNotWaitForAStreamBeingWritten() throws Exception {
        TestWorkspace mine = workspaces.create();
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        SseEmitter slow = new SseEmitter() {
            @Override
            public void send(SseEventBuilder event) throws IOException {
                try {
                    stuck.await(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.countDown();
            }
        };
        LiveStreams.Stream stream = streams.open(
                        new LiveStreams.Stream(mine.tenantId(), Locale.ENGLISH, slow, null, null, true))
                .orElseThrow();
        LeadView lead = leads.create(mine.marketer());
        try {
            long started = System.nanoTime();
            CurrentTenant.runAs(
                    mine.tenantId(),
                    () -> comments.add(
                            lead.id(),
                            lead.displayName(),
                            "do not wait for the slow stream",
                            mine.salesRep().accountId(),
                            mine.salesRep().getDisplayName()));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the comment is saved without waiting for the stream")
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            stuck.countDown();
        }
        assertThat(written.await(10, java.util.concurrent.TimeUnit.SECONDS))
                .as("and the stream gets it")
                .isTrue();
        streams.close(stream);
    }

    @Test
    void anItemIsRenderedOncePerLanguageAndOnlyForStreamsThatShowTheFeed() throws Exception {
        TestWorkspace mine = workspaces.create();
        List<MvcResult> withFeed = new ArrayList<>();
        for (String lang : List.of("en", "en", "de")) {
            withFeed.add(mvc.perform(get("/activity/stream")
                            .param("feed", "1")
                            .locale(Locale.forLanguageTag(lang))
                            .with(user(mine.marketer())))
                    .andExpect(request().asyncStarted())
                    .andReturn());
        }
        List<MvcResult> bellOnly = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            bellOnly.add(mvc.perform(get("/activity/stream").with(user(mine.liaison())))
                    .andExpect(request().asyncStarted())
                    .andReturn());
        }
        LeadView lead = leads.create(mine.marketer());
        long renderedBefore = feed.rendered();

        CurrentTenant.runAs(
                mine.tenantId(),
                () -> comments.add(
                        lead.id(),
                        lead.displayName(),
                        "rendered twice",
                        mine.salesRep().accountId(),
                        mine.salesRep().getDisplayName()));

        for (MvcResult stream : withFeed) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> stream.getResponse().getContentAsString().contains("data-lead=\"" + lead.id()));
        }
        assertThat(withFeed.get(2).getResponse().getContentAsString()).contains("hat kommentiert:");
        assertThat(feed.rendered() - renderedBefore)
                .as("once in English, once in German")
                .isEqualTo(2);
        for (MvcResult stream : bellOnly) {
            assertThat(stream.getResponse().getContentAsString()).doesNotContain("event:activity");
        }
    }
}
