package io.leadbridge.timeline.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadbridge.account.SignedInAccount;
import io.leadbridge.account.TestWorkspaces;
import io.leadbridge.support.IntegrationTest;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The bell's count is read for pages, not for the end of a stream: an async dispatch (the activity feed's stream
 * closing, e.g. because its person just signed out) touches no workspace data; nor for the stream itself, which every
 * page opens, or a form post, which redirects.
 */
@IntegrationTest
class NotificationBellTests {

    @Autowired
    NotificationBell bell;

    @Autowired
    TestWorkspaces workspaces;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aPageGetsTheUnreadCountAndAStreamsEndDoesNotAskForIt() {
        SignedInAccount mia = workspaces.create().marketer();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(mia, null, mia.getAuthorities()));

        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/marketing");
        assertThat(bell.unread(page)).isNotNull().isZero();

        MockHttpServletRequest streamEnd = new MockHttpServletRequest("GET", "/activity/stream");
        streamEnd.setDispatcherType(DispatcherType.ASYNC);
        assertThat(bell.unread(streamEnd)).isNull();
    }

    @Test
    void theStreamItselfAndAFormPostDoNotCountEither() {
        SignedInAccount mia = workspaces.create().marketer();
        SecurityContextHolder.getContext()
                .setAuthentication(new UsernamePasswordAuthenticationToken(mia, null, mia.getAuthorities()));

        MockHttpServletRequest stream = new MockHttpServletRequest("GET", "/activity/stream");
        stream.addHeader("Accept", "text/event-stream");
        assertThat(bell.unread(stream)).isNull();

        MockHttpServletRequest post = new MockHttpServletRequest("POST", "/leads/1/comments");
        assertThat(bell.unread(post)).isNull();

        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/leads");
        page.addHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(bell.unread(page)).isZero();
    }
}
