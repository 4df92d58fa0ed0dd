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
 * closing, e.g. because its person just signed out) touches no workspace data.
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
}
